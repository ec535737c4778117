"""`xxgk check-report` (module `check_report`): check annual disclosure reports.

The options, the checking and the output are the reportcheck library's
(`xxgk.reportcheck.cli`); this command only hands them over and exits with the
library's status (0 no findings, 1 findings, 2 unreadable input).
"""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand

from xxgk.reportcheck import cli


class Command(BaseCommand):
    help = "检查高校信息公开工作年度报告（txt、docx、pdf）：统计期限、各部分、数字、合计与引用；--compare 比较多份报告"

    def create_parser(self, prog_name, subcommand, **kwargs):
        prog = f"{os.path.basename(prog_name) or 'xxgk'} {subcommand.replace('_', '-')}"
        return cli.build_parser(prog=prog)

    def run_from_argv(self, argv):
        # argv: ["xxgk", "check_report", ...]; parse with the library's parser, exit with its status.
        sys.exit(cli.main(argv[2:]))

    def execute(self, *args, **options):
        """`call_command("check_report", "report.docx", format="json", stdout=buf)`: the
        status is kept in `self.exit_status`."""
        stdout = options.pop("stdout", None) or sys.stdout
        stderr = options.pop("stderr", None) or sys.stderr
        options.pop("skip_checks", None)
        if args and not options.get("path"):
            options["path"] = args[0]
        self.exit_status = cli.run(options, stdout, stderr)
        return ""
