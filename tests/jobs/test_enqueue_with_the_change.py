"""A job is written in the transaction of the change that asks for it: it commits or rolls back with it.
A key keeps one job queued for the same work; an unknown kind or arguments that are not JSON are refused
at once, in the request."""

import pytest
from django.db import transaction

from tests.jobs import kinds  # noqa: F401  (registers the test kinds)
from xxgk import jobs
from xxgk.jobs.models import Job
from xxgk.jobs.registry import UnknownKind


def test_a_job_rolls_back_with_its_change(db, queued_jobs):
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue("tests.jobs.record", "lost")
        raise RuntimeError("the change failed")
    assert not Job.objects.exists()
    with transaction.atomic():
        kept = jobs.enqueue("tests.jobs.record", "kept", extra=1)
    assert (kept.kind, kept.args, kept.kwargs, kept.state, kept.attempts) == (
        "tests.jobs.record",
        ["kept"],
        {"extra": 1},
        "queued",
        0,
    )


def test_one_queued_job_per_key(db, queued_jobs, _calls):
    first = jobs.enqueue("tests.jobs.record", "a", key="same-work")
    again = jobs.enqueue("tests.jobs.record", "a", key="same-work")
    assert again.pk == first.pk and Job.objects.count() == 1
    queued_jobs.run()
    assert _calls == ["a"]
    # once taken, the key is free: new work with that key is queued again
    later = jobs.enqueue("tests.jobs.record", "b", key="same-work")
    assert later.pk != first.pk and jobs.latest("same-work").pk == later.pk


def test_unknown_kinds_and_non_json_arguments_are_refused(db):
    with pytest.raises(UnknownKind):
        jobs.enqueue("tests.jobs.no_such_kind")
    with pytest.raises(TypeError):
        jobs.enqueue("tests.jobs.record", object())
    assert not Job.objects.exists()


def test_immediate_mode_runs_the_job_after_the_commit(db, settings, _calls, django_capture_on_commit_callbacks):
    settings.XXGK_JOBS_IMMEDIATE = True
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            job = jobs.enqueue("tests.jobs.record", "now")
            assert _calls == []  # not inside the transaction
    assert _calls == ["now"]
    job.refresh_from_db()
    assert (job.state, job.result, job.attempts) == ("done", {"value": "now"}, 1)


def test_the_message_goes_to_the_broker_once_the_change_has_committed(
    db, queued_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            job = jobs.enqueue("tests.jobs.record", "sent", key="one")
            again = jobs.enqueue("tests.jobs.record", "sent", key="one")  # the same work: no second message
            assert queued_jobs.published == []  # nothing leaves before the commit
    assert again.pk == job.pk and len(callbacks) == 1
    assert queued_jobs.published == [(job.pk, None)]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue("tests.jobs.record", "lost")
        raise RuntimeError("the change failed")
    assert queued_jobs.published == [(job.pk, None)]
