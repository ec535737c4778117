from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from xxgk.core.orphans import orphans


class Command(BaseCommand):
    help = "删除存储中没有任何记录引用的文件（进程中断留下的孤立文件）。"

    def add_arguments(self, parser):
        parser.add_argument("--min-age-hours", type=float, default=1.0, help="只处理早于此时长的文件（默认 1 小时）")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不删除")

    def handle(self, *args, min_age_hours=1.0, dry_run=False, **options):
        found = list(orphans(min_age_hours * 3600))
        for name in found:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "发现" if dry_run else "已删除"
        self.stdout.write(f"{verb} {len(found)} 个孤立文件。")
