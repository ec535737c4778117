"""`xxgk tallies [--rebuild] [--institution SLUG]`: compare the published-record counts the public pages
show with the records (exit status 1 when they disagree), or count them again from the records."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from xxgk.org.models import Institution
from xxgk.publishing import tallies


class Command(BaseCommand):
    help = "核对（--rebuild 重新统计）公开页面显示的已公开信息条数"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="按现有信息重新统计")
        parser.add_argument("--institution", help="只处理这所学校（slug）")

    def handle(self, *args, rebuild=False, institution=None, **options):
        inst = None
        if institution:
            inst = Institution.objects.filter(slug=institution).first()
            if inst is None:
                raise CommandError(f"没有这所学校：{institution}")
        if rebuild:
            kept = tallies.rebuild(inst)
            self.stdout.write(f"已重新统计 {kept} 项。")
            return
        wrong = tallies.check(inst)
        for institution_id, scope, key, have, want in wrong:
            self.stdout.write(f"学校 {institution_id} {scope} {key}：记为 {have[0]} 条，实有 {want[0]} 条")
        if wrong:
            raise CommandError(f"{len(wrong)} 项与信息不符，请运行 xxgk tallies --rebuild")
        self.stdout.write("统计与信息一致。")
