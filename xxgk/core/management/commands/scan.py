"""`xxgk scan`: screen files for personal data and secrecy markings.

The options and the scanning are the screening library's (`xxgk.screening.cli`); this
command only hands them over and exits with the library's status (0 nothing found,
1 found, 2 unreadable).
"""

from __future__ import annotations

import argparse
import os
import sys

from django.core.management.base import BaseCommand

from xxgk.screening import cli


class Command(BaseCommand):
    help = "筛查文件中的个人信息和密级标志（txt、docx、xlsx、pdf），可生成屏蔽副本"

    def create_parser(self, prog_name, subcommand, **kwargs):
        prog = f"{os.path.basename(prog_name) or 'xxgk'} {subcommand}"
        return cli.build_parser(prog=prog)

    def run_from_argv(self, argv):
        # argv: ["xxgk", "scan", ...]; parse with the library's parser, exit with its status.
        sys.exit(cli.main(argv[2:]))

    def execute(self, *args, **options):
        """`call_command("scan", "a.docx", format="jsonl")`: the status is kept in
        `self.exit_status`."""
        stdout = options.pop("stdout", None)
        stderr = options.pop("stderr", None)
        options.pop("skip_checks", None)
        if args:
            options["paths"] = list(options.get("paths") or []) + list(args)
        self.exit_status = cli.run(argparse.Namespace(**options), stdout=stdout, stderr=stderr)
        return ""
