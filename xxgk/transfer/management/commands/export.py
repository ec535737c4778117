"""`xxgk export --institution SLUG --output FILE.zip`: everything one institution owns, as JSON and files.

The archive (`xxgk.transfer.archive`) holds the institution's settings, departments and roles, catalog,
records with their versions, events, attachments (original and masked copies) and screening results,
channels, postings and tallies, the review chain, applications with their events, replies, files, notices
and documents, mailboxes and letters, cases, ratings and surveys, yearly figures, paragraphs and annual
reports, notification settings and messages, and the users those rows name (by username, no password).
It holds applicants' personal data: keep it as carefully as the database.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.org.models import Institution
from xxgk.transfer.exporter import ExportError, export_institution


class Command(BaseCommand):
    help = "导出一所学校的全部数据（JSON 和文件，含 manifest.json 与校验和）为 zip 文件。"

    def add_arguments(self, parser):
        parser.add_argument("--institution", required=True, help="学校的网址标识（slug）")
        parser.add_argument("--output", required=True, help="写入的 zip 文件")

    def handle(self, institution, output, **options):
        school = Institution.objects.filter(slug=institution).first()
        if school is None:
            raise CommandError(f"没有网址标识为 {institution} 的学校")
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"目录 {target.parent} 不存在")
        try:
            manifest = export_institution(school, target)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        files = sum(1 for member in manifest["files"] if member.startswith("files/"))
        self.stdout.write(f"已导出 {school.name}：{rows} 行数据，{files} 个文件，{manifest['users']} 个用户 → {target}")
        for warning in manifest["warnings"]:
            self.stderr.write(f"注意：{warning}")
