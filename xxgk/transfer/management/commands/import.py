"""`xxgk import FILE.zip [--as SLUG]`: load an institution exported by `xxgk export` into this deployment.

The manifest's checksums are checked first; then everything is written in one transaction (a failure
leaves nothing) with new ids. `--as` gives the institution another slug, and another code and name where
those are taken here. Users are matched by username, or created inactive without a usable password (an
administrator activates them and they set a password).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from xxgk.transfer.archive import ArchiveError
from xxgk.transfer.importer import ImportRefused, import_archive


class Command(BaseCommand):
    help = "导入 xxgk export 导出的学校数据（先核对校验和，全部在一个事务中写入）。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="xxgk export 写出的 zip 文件")
        parser.add_argument("--as", dest="slug", help="以另一个网址标识导入（网址标识、代码或名称与已有学校重复时）")

    def handle(self, archive, slug=None, **options):
        try:
            result = import_archive(archive, slug=slug)
        except (ArchiveError, ImportRefused) as exc:
            raise CommandError(str(exc)) from exc
        school = result.institution
        self.stdout.write(f"已导入 {school.name}（{school.slug}）：{sum(result.counts.values())} 行数据")
        for key, (was, now) in result.renamed.items():
            self.stdout.write(f"  {key}：{was} → {now}")
        if result.users_created:
            self.stdout.write(
                f"  新建用户 {len(result.users_created)} 个（未启用，无密码）：{'、'.join(result.users_created)}"
            )
        for warning in result.warnings:
            self.stderr.write(f"注意：{warning}")
