"""`xxgk worker --once` runs what is due and the schedule's entries, each a command run as a job with its
output kept; a job row cannot run a command the schedule does not name; `--schedule` lists the entries."""

import json

import pytest
from django.core.management import call_command

from tests.jobs import kinds  # noqa: F401
from xxgk import jobs
from xxgk.jobs.models import Job


@pytest.fixture
def schedule_file(tmp_path, settings):
    path = tmp_path / "schedule.json"
    path.write_text(
        json.dumps(
            {"entries": [{"name": "messages", "command": ["send_messages"], "every_minutes": 5, "label": "重发通知"}]}
        ),
        encoding="utf-8",
    )
    settings.XXGK_SCHEDULE_FILE = str(path)
    return path


def test_once_runs_the_queue_and_the_scheduled_commands(db, queued_jobs, schedule_file, capsys, _calls):
    jobs.enqueue("tests.jobs.record", "queued before")
    call_command("worker", "--once")
    out = capsys.readouterr().out
    assert _calls == ["queued before"]
    scheduled = Job.objects.get(key="schedule:messages")
    assert (scheduled.kind, scheduled.args, scheduled.state) == ("jobs.command", ["send_messages"], "done")
    assert "已发送 0 条" in scheduled.result["output"]
    assert f"任务 {scheduled.pk} jobs.command：已完成" in out
    call_command("worker", "--once")  # same period: the entry does not fire again
    assert Job.objects.filter(key="schedule:messages").count() == 1


def test_a_command_the_schedule_does_not_name_is_refused(db, queued_jobs, schedule_file):
    job = jobs.enqueue("jobs.command", "flush", "--no-input")
    call_command("worker", "--once", "--no-schedule")
    job.refresh_from_db()
    assert job.state in {"queued", "failed"} and job.attempts == 1
    assert job.error_summary == "PermissionError: not a scheduled command: flush --no-input"


def test_schedule_lists_the_entries(db, capsys):
    call_command("worker", "--schedule")
    out = capsys.readouterr().out
    for name in ("send_messages", "foi_alerts", "send_digest", "report_remind", "recompute_deadlines", "cleanup"):
        assert name in out


def test_the_shipped_schedule_runs_every_entry_on_a_morning_in_october(world, queued_jobs):
    from tests.jobs.kinds import Clock
    from xxgk.jobs.worker import Worker

    worker = Worker("w", clock=Clock())  # 8 October 2024, 09:00: every daily entry's time has come
    ran = {j.key: j for j in worker.run_until_idle()}
    names = {
        "send_messages",
        "foi_alerts",
        "send_digest",
        "report_remind",
        "recompute_deadlines",
        "cleanup",
        "search_index",
    }
    assert set(ran) == {f"schedule:{n}" for n in names}
    assert {key: job.state for key, job in ran.items()} == dict.fromkeys(ran, "done")
    assert worker.run_until_idle() == []  # nothing fires twice in the same period
