"""The `xxgk` console script: Django's management commands with xxgk's settings.

`xxgk demo`, `xxgk scan`, `xxgk check-report`, `xxgk workdays add 2024-10-08 15` …
honour `DATABASE_URL` exactly as the site does, because they load the same
settings. Command names may be written with hyphens (`check-report` runs the
`check_report` command).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["xxgk", *args])


if __name__ == "__main__":
    main()
