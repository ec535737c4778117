"""Publishing's kinds of job (registered where they are defined): screening and masking attachments."""

from xxgk.publishing import screening_jobs  # noqa: F401
