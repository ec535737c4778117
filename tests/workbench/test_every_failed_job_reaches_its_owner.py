"""Every kind of job that fails for good reaches whoever owns it: the office of its institution on its 待办,
linking to where it is dealt with (the record of a screened attachment, the application of a reply file,
已发通知 for a sending job), and by e-mail with that link; a deployment-wide job (a scheduled command)
the platform administrator. Another institution's office never sees it; asked for again, it leaves the list."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.foi.conftest import applicant
from xxgk import jobs
from xxgk.foi import reply_files
from xxgk.foi import services as foi_services
from xxgk.jobs import registry
from xxgk.jobs.models import Job, State
from xxgk.notify.models import Message
from xxgk.publishing import screening_jobs
from xxgk.publishing import services as publishing
from xxgk.workbench.todo import tasks_for

pytestmark = pytest.mark.django_db
SITE = "https://xxgk.hblg.edu.cn"


def _job_tasks(user):
    return [t for t in tasks_for(user, date.today()) if t.key.startswith("jobs.job:")]


@pytest.fixture
def failing(monkeypatch, settings, queued_jobs):
    """`failing(kind)`: from now on that kind's jobs raise, with one attempt (so the first failure is final)."""
    settings.XXGK_SITE_URL = SITE
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    settings.XXGK_SCREENING_BACKGROUND = True
    settings.XXGK_SCREENING_INLINE_BYTES = 10

    def boom(*args, **kwargs):
        raise OSError("磁盘已满")

    def make(name):
        monkeypatch.setitem(registry.KINDS, name, dataclasses.replace(registry.kind(name), fn=boom, attempts=1))

    return make


def _ran_and_failed(queued_jobs, kind):
    ran = [j for j in queued_jobs.run() if j.kind == kind]
    assert ran and all(j.state == State.FAILED for j in ran)
    return ran[-1]


def _told(user, job):
    return Message.objects.filter(kind="jobs.failed", recipient=user.email, about=f"jobs.job:{job.pk}").first()


def test_a_failed_attachment_screening_is_on_the_offices_todo_at_its_record(
    world, failing, queued_jobs, django_capture_on_commit_callbacks
):
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    failing("publishing.screen_attachment")
    record = world.draft()
    with django_capture_on_commit_callbacks(execute=True):  # screened after the upload's commit
        attachment = publishing.add_attachment(
            world.drafter_a, record, SimpleUploadedFile("名单.txt", "本科生名单（无个人信息）".encode())
        )
    job = _ran_and_failed(queued_jobs, "publishing.screen_attachment")

    (task,) = _job_tasks(world.office)
    assert task.url == reverse("workbench:record", args=[record.pk])
    assert "附件筛查失败" in task.title and "磁盘已满" in task.title
    assert _job_tasks(world.other_office) == [] and _job_tasks(world.drafter_a) == []
    told = _told(world.office, job)
    assert told is not None and f"{SITE}/staff/records/{record.pk}/" in told.body

    screening_jobs.enqueue_screening(attachment.pk)  # screened again (the record page does it when stale)
    assert _job_tasks(world.office) == []


def test_a_failed_reply_file_screening_is_on_the_offices_todo_at_its_application(world, failing, queued_jobs):
    failing("foi.screen_reply_file")
    app = foi_services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    row = reply_files.add_reply_file(
        world.office, app, SimpleUploadedFile("名单.txt", "本科生名单（无个人信息）".encode())
    )
    job = _ran_and_failed(queued_jobs, "foi.screen_reply_file")

    (task,) = _job_tasks(world.office)
    assert task.url == reverse("foi_staff:detail", args=[app.pk]) and "答复附件筛查失败" in task.title
    assert _job_tasks(world.other_office) == []
    Job.objects.filter(pk=job.pk).update(state=State.DONE)  # ran again and succeeded (same row, retried)
    assert _job_tasks(world.office) == []
    Job.objects.filter(pk=job.pk).update(state=State.FAILED)
    row.delete()  # what it was about is gone: nothing left to deal with
    assert _job_tasks(world.office) == []


def test_a_failed_sending_job_points_to_the_undelivered_messages(world, failing, queued_jobs, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = True
    failing("notify.deliver")
    from xxgk.notify import services

    services.queue(
        "oversight.received",
        institution=world.institution,
        to="writer@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-9", "subject": "x"}},
    )
    _ran_and_failed(queued_jobs, "notify.deliver")
    (task,) = _job_tasks(world.office)
    assert task.url == f"{reverse('notify_staff:messages')}?i={world.institution.slug}&state=failed"
    assert _job_tasks(world.other_office) == []


def test_a_failed_scheduled_command_reaches_the_platform_administrator(world, failing, queued_jobs, client):
    admin = get_user_model().objects.create_superuser("platform", "platform@example.org", "pw-platform")
    failing("jobs.command")
    jobs.enqueue("jobs.command", "send_digest", key="schedule:send_digest")
    job = _ran_and_failed(queued_jobs, "jobs.command")

    (task,) = _job_tasks(admin)
    assert task.url == reverse("admin:jobs_job_change", args=[job.pk]) and "定时命令失败" in task.title
    assert _job_tasks(world.office) == [] and _job_tasks(world.other_office) == []
    assert _told(admin, job) is not None and _told(world.office, job) is None
    client.force_login(admin)
    assert "磁盘已满" in client.get(task.url).content.decode()  # the job's error, in the admin
    client.force_login(world.office)
    assert client.get(task.url).status_code == 302  # the admin is not the office's

    jobs.enqueue("jobs.command", "send_digest", key="schedule:send_digest")  # the next period fired it again
    assert _job_tasks(admin) == []


DEPLOYMENT_WIDE = {"jobs.command", "jobs.cleanup", "portal.search_index"}


def test_every_kind_queued_for_an_institution_names_its_page():
    for name, kind in registry.KINDS.items():
        if name.startswith("tests.") or name in DEPLOYMENT_WIDE:
            continue
        assert kind.page is not None or name in registry._PAGES, f"{name}: no page for its failure"
