"""reporting's kinds of job (registered where they are defined): building the annual report's files."""

from xxgk.reporting import builds  # noqa: F401
