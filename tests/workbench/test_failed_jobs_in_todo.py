"""A job that failed for good is on its institution's office's 待办, linking to the page where it was asked
for, until it is asked for again there; another institution's office never sees it."""

from datetime import date

import pytest
from django.utils import timezone

from tests.personas import build_world
from xxgk.jobs.models import Job, State
from xxgk.reporting import builds
from xxgk.workbench.todo import tasks_for

pytestmark = pytest.mark.django_db


def _failed_build(world) -> Job:
    return Job.objects.create(
        kind=builds.KIND,
        args=[world.institution.pk, "2023-09-01", "2024-08-31", "hblg-report", ""],
        key=f"{builds.KIND}:{world.institution.pk}:2023-09-01:2024-08-31",
        institution=world.institution,
        state=State.FAILED,
        attempts=2,
        run_after=timezone.now(),
        finished_at=timezone.now(),
        last_error="OSError: 磁盘已满\n\nTraceback …",
    )


def _job_tasks(user):
    return [t for t in tasks_for(user, date.today()) if t.key.startswith("jobs.job:")]


def test_a_failed_build_is_on_the_offices_todo_until_asked_again(queued_jobs):
    world = build_world()
    job = _failed_build(world)
    (task,) = _job_tasks(world.people["office"])
    assert task.url == "/staff/reporting/report/?i=hblg&start=2023-09-01&end=2024-08-31"
    assert "生成年度报告 DOCX/PDF失败" in task.title and "磁盘已满" in task.title
    assert _job_tasks(world.people["other_office"]) == []
    assert _job_tasks(world.people["drafter_a"]) == []
    Job.objects.create(
        kind=job.kind, args=job.args, key=job.key, institution=world.institution, run_after=timezone.now()
    )
    assert _job_tasks(world.people["office"]) == []  # asked for again on the report page
