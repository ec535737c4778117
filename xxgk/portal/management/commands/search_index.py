"""`xxgk search_index [--rebuild]`: bring the portal's full-text index up to date."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from xxgk.portal import search


class Command(BaseCommand):
    help = "更新公开信息全文检索索引（--rebuild 重建全部索引）"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="删除并重建全部索引")

    def handle(self, *args, rebuild=False, **options):
        started = time.monotonic()
        if rebuild:
            count = search.rebuild_index()
        else:
            count = search.sync_index(full=True)
        self.stdout.write(f"已索引 {count} 条信息，用时 {time.monotonic() - started:.1f} 秒。")
