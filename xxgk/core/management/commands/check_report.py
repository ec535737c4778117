"""``xxgk check-report`` (module ``check_report``): check annual disclosure reports.

Argument parsing, checking and output all live in the pure library
``xxgk.reportcheck.cli``; this command only hands over its arguments and exits
with the library's status: 0 no findings, 1 findings, 2 unreadable input.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from xxgk.reportcheck import cli


class Command(BaseCommand):
    help = "检查高校信息公开工作年度报告（txt、docx、pdf）：统计期限、各部分、数字、合计与引用；--compare 比较多份报告"
    requires_system_checks: list = []
    requires_migrations_checks = False

    def run_from_argv(self, argv: list[str]) -> None:
        # argv: [prog, "check_report", *args] — the library parses the rest.
        sys.exit(cli.main(argv[2:], stdout=sys.stdout, stderr=sys.stderr))

    def add_arguments(self, parser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args, **options) -> None:
        # Reached through call_command(); output goes to the command's stdout/stderr.
        status = cli.run(options, self.stdout, self.stderr)
        if status:
            sys.exit(status)
