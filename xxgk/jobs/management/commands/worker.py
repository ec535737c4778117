"""`xxgk worker`: the Celery worker that runs background jobs (the service to run beside the app servers).

Runs the jobs the broker delivers (screening, masking, messages, report builds, site imports, the search
index …), XXGK_JOBS_CONCURRENCY at a time, each once however many workers run (`queue.claim`). `--beat` also
runs the scheduler in this process (`make run`; in production run `xxgk scheduler` once instead).
SIGTERM stops it after the jobs in hand (Celery's warm shutdown). `--once` runs what is due now in this
process, without the broker, and exits (ops); `--schedule` lists the schedule; `--reload` restarts on
code changes (development, `make run`)."""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from xxgk.jobs import schedule
from xxgk.jobs.worker import Worker


class Command(BaseCommand):
    help = "运行后台任务（Celery 工作进程）。xxgk worker [--beat] [--once] [--schedule] [--reload]"

    def add_arguments(self, parser):
        parser.add_argument(
            "--beat", action="store_true", help="同时运行定时任务（开发用；生产环境另运行 xxgk scheduler）"
        )
        parser.add_argument("--once", action="store_true", help="在本进程运行当前到期的任务后退出（不经消息队列）")
        parser.add_argument("--no-schedule", action="store_true", help="与 --once 同用：不运行定时任务")
        parser.add_argument("--schedule", action="store_true", help="列出定时任务及下次运行时间后退出")
        parser.add_argument("--reload", action="store_true", help="代码改动后自动重启（开发用）")
        parser.add_argument("--concurrency", type=int, default=None, help="同时运行的任务数")

    def handle(self, *args, beat=False, once=False, no_schedule=False, reload=False, concurrency=None, **options):
        if options["schedule"]:
            now = timezone.now()
            for entry in schedule.entries():
                when = schedule.next_times(now, entry)
                what = " ".join(entry.command) or entry.kind
                self.stdout.write(
                    f"{entry.name}\t{what}\t下次 {timezone.localtime(when):%Y-%m-%d %H:%M}\t{entry.label}"
                )
            return
        if once:
            for job in Worker(scheduler=not no_schedule).run_until_idle():
                self._say(job)
            return
        argv = celery_argv(beat=beat, concurrency=concurrency)
        if reload:  # Celery installs signal handlers, so it runs as a child process the reloader restarts
            from django.utils import autoreload

            command = [sys.executable, "-m", "xxgk.cli", "worker"] + (["--beat"] if beat else [])
            if concurrency:
                command += ["--concurrency", str(concurrency)]
            if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":  # the reloader's child, main thread
                # SIGTERM (make run's Ctrl-C) ends this process normally, so `_stop` hands it on to the worker
                signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
            autoreload.run_with_reloader(_run_child, command)
            return
        from xxgk.jobs.celery_app import app

        app.worker_main(argv)

    def _say(self, job):
        line = f"任务 {job.pk} {job.kind}：{job.get_state_display()}"
        if job.state != "done" and job.last_error:
            line += f"（{job.last_error.splitlines()[0][:200]}）"
        self.stdout.write(line)


def celery_argv(*, beat: bool, concurrency: int | None) -> list[str]:
    argv = [
        "worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency or settings.XXGK_JOBS_CONCURRENCY}",
        # no broadcast chatter between workers: each job's row says who ran it
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if beat:
        argv += ["--beat", f"--schedule={settings.XXGK_BEAT_SCHEDULE_FILE}"]
    return argv


def _run_child(command: list[str]) -> None:
    """Run the worker as a child until it ends; the reloader restarts this process (and so the child) on a
    code change, when the child is stopped with its parent."""
    # its own process group: a signal to this group reaches the worker only through `_stop`, so Celery's own
    # processes are stopped by Celery (a pool process stopped from outside leaves its parent waiting)
    child = subprocess.Popen(
        command, env={**os.environ, "RUN_MAIN": ""}, start_new_session=True, preexec_fn=_stop_with_parent
    )
    atexit.register(_stop, child)
    child.wait()


def _stop_with_parent() -> None:
    """Linux: the worker gets SIGTERM when the reloader's process ends, however it ends (the reloader's own
    parent kills it when it is stopped itself)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()  # Celery's warm shutdown: the jobs in hand are finished
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
