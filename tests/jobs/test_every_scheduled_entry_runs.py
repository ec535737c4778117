"""The scheduled work the issue lists is in the shipped schedule at its time, and every entry's job runs
to the end through the worker on a populated site: deadline alerts, the digest, the report reminders
(every day of October, before the 31st), the calendar recomputation, the clean-up (sessions, used form
tokens, old jobs, orphan files), the search index, and sending what is due."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.foi.conftest import applicant
from xxgk import jobs
from xxgk.foi import services as foi
from xxgk.jobs import schedule
from xxgk.jobs.models import State
from xxgk.publishing import services as publishing

EXPECTED = {
    "foi_alerts": ("foi_alerts",),
    "send_digest": ("send_digest",),
    "report_remind": ("report", "remind"),
    "recompute_deadlines": ("recompute_deadlines",),
    "send_messages": ("send_messages",),
}


def test_the_issues_scheduled_work_is_in_the_schedule():
    entries = {e.name: e for e in schedule.entries()}
    for name, command in EXPECTED.items():
        assert entries[name].command == command
    assert entries["report_remind"].months == (10,) and entries["report_remind"].daily_at == time(9, 0)
    assert entries["cleanup"].kind == "jobs.cleanup" and entries["cleanup"].daily_at is not None
    assert entries["search_index"].kind == "portal.search_index"


@pytest.mark.parametrize("entry", schedule.entries(), ids=lambda e: e.name)
def test_each_entry_runs_to_the_end(world, queued_jobs, entry):
    record = world.draft()  # something to index, alert and count
    publishing.submit(world.drafter_a, record)
    world.through_chain(record)
    foi.submit_online(world.institution, applicant(), today=date(2024, 3, 1))
    kind, args = entry.job()
    job = jobs.enqueue(kind, *args, key=f"schedule:{entry.name}")
    (ran,) = [j for j in queued_jobs.run() if j.pk == job.pk]
    assert ran.state == State.DONE, ran.last_error
