"""The `xxgk` console script.

`xxgk scan` and `xxgk check-report` (or `check_report`) run the pure libraries'
own command lines (`xxgk.screening.cli`, `xxgk.reportcheck.cli`) without setting
up Django: they read files, not the database. Every other command is one of
Django's management commands with xxgk's settings (`xxgk demo`, `xxgk workdays
add 2024-10-08 15` …), so it honours `DATABASE_URL` exactly as the site does.
Command names may be written with hyphens (`foi-alerts` runs `foi_alerts`).
"""

from __future__ import annotations

import importlib
import os
import sys

# command name -> module whose main(argv) returns the exit status
LIBRARY_COMMANDS = {
    "scan": "xxgk.screening.cli",
    "check-report": "xxgk.reportcheck.cli",
    "check_report": "xxgk.reportcheck.cli",
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["help"] and args[1:2] and args[1] in LIBRARY_COMMANDS:
        args = [args[1], "--help"]
    if args and args[0] in LIBRARY_COMMANDS:
        return importlib.import_module(LIBRARY_COMMANDS[args[0]]).main(args[1:])
    _django_command(args)
    return 0


def _django_command(args: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    from django.core.management import ManagementUtility

    class Utility(ManagementUtility):
        def main_help_text(self, commands_only=False):
            """Django's list of commands plus the library commands, which Django does not know."""
            text = super().main_help_text(commands_only)
            names = sorted(name for name in LIBRARY_COMMANDS if "_" not in name)
            if commands_only:
                return "\n".join(sorted([*text.splitlines(), *names]))
            return "\n".join([text, "", "[libraries, no database]", *(f"    {name}" for name in names)])

    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from xxgk.core.checks import refuse_unsafe_command

    # fail closed: without a SECRET_KEY (DEBUG off) only `check`, `help` and `version` run
    refuse_unsafe_command(args[0] if args else None)
    Utility(["xxgk", *args]).execute()


if __name__ == "__main__":
    sys.exit(main())
