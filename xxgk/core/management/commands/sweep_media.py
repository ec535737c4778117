from django.conf import settings
from django.core.management.base import BaseCommand

from xxgk.core.orphans import sweep


class Command(BaseCommand):
    help = "删除存储中没有任何记录引用的文件（进程中断留下的孤立文件）：先列出，删除前再核对一次引用。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=None,
            help="只处理早于此时长的文件（默认 XXGK_ORPHAN_MIN_AGE_HOURS，24 小时）",
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出，不删除")

    def handle(self, *args, min_age_hours=None, dry_run=False, **options):
        hours = settings.XXGK_ORPHAN_MIN_AGE_HOURS if min_age_hours is None else min_age_hours
        found, deleted = sweep(hours * 3600, dry_run=dry_run)
        for name in found:
            self.stdout.write(name)
        if dry_run:
            self.stdout.write(f"发现 {len(found)} 个孤立文件（未删除）。")
        else:
            self.stdout.write(f"发现 {len(found)} 个孤立文件，已删除 {len(deleted)} 个。")
