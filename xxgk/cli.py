"""The `xxgk` console script: Django's management commands with xxgk's settings.

`xxgk demo`, `xxgk scan`, `xxgk workdays add 2024-10-08 15` … honour
`DATABASE_URL` exactly as the site does, because they load the same settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xxgk", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
