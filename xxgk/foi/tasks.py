"""FOI's kinds of job (registered where they are defined): screening and masking a reply's files."""

from xxgk.foi import reply_files  # noqa: F401
