"""`xxgk worker`: run background jobs and the schedule (the one service to run beside the app servers).

Takes due jobs one at a time (screening, masking, messages, report builds …) and queues the scheduled
entries (`xxgk/jobs/data/schedule.json`: messages every five minutes, FOI alerts and the digest each
morning, report reminders in October, deadlines recomputed and clean-up each night). Several workers
may run against one database: each job runs once, each scheduled period fires once. Ctrl-C or SIGTERM
stops it after the job in hand. `--once` runs what is due and exits; `--reload` restarts on code
changes (development, `make run`)."""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from xxgk.jobs import schedule
from xxgk.jobs.worker import Worker


class Command(BaseCommand):
    help = "运行后台任务和定时任务（代替 cron）。xxgk worker [--once] [--no-schedule] [--reload]"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="运行当前到期的任务后退出")
        parser.add_argument("--no-schedule", action="store_true", help="不运行定时任务（只处理队列）")
        parser.add_argument("--schedule", action="store_true", help="列出定时任务及下次运行时间后退出")
        parser.add_argument("--reload", action="store_true", help="代码改动后自动重启（开发用）")
        parser.add_argument("--poll", type=float, default=None, help="空闲时每隔几秒查看一次队列")

    def handle(self, *args, once=False, no_schedule=False, reload=False, poll=None, **options):
        if options["schedule"]:
            now = timezone.now()
            for entry in schedule.entries():
                when = schedule.next_times(now, entry)
                what = " ".join(entry.command) or entry.kind
                self.stdout.write(
                    f"{entry.name}\t{what}\t下次 {timezone.localtime(when):%Y-%m-%d %H:%M}\t{entry.label}"
                )
            return
        if reload:
            from django.utils import autoreload

            autoreload.run_with_reloader(self._run, once=once, no_schedule=no_schedule, poll=poll)
            return
        self._run(once=once, no_schedule=no_schedule, poll=poll)

    def _run(self, *, once, no_schedule, poll):
        worker = Worker(scheduler=not no_schedule)
        if once:
            for job in worker.run_until_idle():
                self._say(job)
            return

        def stop(signum, frame):
            if worker.stopping.is_set():
                raise KeyboardInterrupt
            self.stdout.write("后台任务进程：收到停止信号，完成当前任务后退出。")
            worker.stopping.set()

        if threading.current_thread() is threading.main_thread():  # not under --reload's thread
            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"后台任务进程 {worker.name} 已启动（Ctrl-C 停止）。")
        worker.loop(poll if poll is not None else settings.XXGK_JOBS_POLL_SECONDS, on_job=self._say)

    def _say(self, job):
        line = f"任务 {job.pk} {job.kind}：{job.get_state_display()}"
        if job.state != "done" and job.last_error:
            line += f"（{job.last_error.splitlines()[0][:200]}）"
        self.stdout.write(line)
