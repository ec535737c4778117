"""`xxgk search_index [--rebuild] [--background]`: bring the portal's full-text index up to date, here or (with
`--background`) as a job for the worker (`portal/tasks.py`, also queued each night by the schedule)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from xxgk.portal import search


class Command(BaseCommand):
    help = "更新公开信息全文检索索引（--rebuild 重建全部索引）"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="删除并重建全部索引")
        parser.add_argument("--background", action="store_true", help="交给后台任务进程执行")

    def handle(self, *args, rebuild=False, background=False, **options):
        if background:
            from xxgk import jobs
            from xxgk.portal.tasks import KIND

            with transaction.atomic():
                job = jobs.enqueue(KIND, rebuild=rebuild, key=f"{KIND}:{'rebuild' if rebuild else 'sync'}")
            self.stdout.write(f"已交给后台任务（任务 {job.pk}）。")
            return
        started = time.monotonic()
        if rebuild:
            count = search.rebuild_index()
        else:
            count = search.sync_index(full=True)
        self.stdout.write(f"已索引 {count} 条信息，用时 {time.monotonic() - started:.1f} 秒。")
