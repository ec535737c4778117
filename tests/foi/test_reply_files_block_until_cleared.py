"""A reply's file that is still being screened, or that cannot be screened, stops approval and sending
(fail closed): masking cannot clear an unscreenable file; whoever holds 保密审查 lets it through in writing,
the drafter cannot; a file screened under another configuration is screened again before the reply goes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.foi.conftest import applicant
from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import docx_bytes
from xxgk.foi import reply_files, services
from xxgk.foi.models import EventAction, ReplyFile, ReplyType
from xxgk.jobs.models import Job
from xxgk.org.models import Role
from xxgk.publishing import screening_gate

DAMAGED_DOCX = docx_bytes("2024年拟录取名单")[:6000]


@pytest.fixture
def routed(world):
    """An application routed to 党委宣传部, whose 信息员 drafts a 部分公开 reply."""
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    services.route(world.office, app, world.dept_a)
    return app


def _draft(world, app):
    partial = ReplyType.objects.get(code="partial")
    reason = partial.reasons.filter(active=True).first()
    return services.draft_reply(world.drafter_a, app, reply_type=partial, reason=reason, text="现提供可以公开的部分。")


def test_a_file_being_screened_stops_approval(world, routed, settings, queued_jobs):
    settings.XXGK_SCREENING_BACKGROUND = True
    settings.XXGK_SCREENING_INLINE_BYTES = 10  # even a small text goes to the worker
    row = reply_files.add_reply_file(world.drafter_a, routed, SimpleUploadedFile("名单.txt", "名单无个人信息".encode()))
    assert row.screening == "pending"
    job = Job.objects.get(kind="foi.screen_reply_file")
    assert (job.args, job.state, job.institution_id) == ([row.pk], "queued", routed.institution_id)
    _draft(world, routed)
    with pytest.raises(ValidationError, match="正在自动筛查"):
        services.approve_reply(world.office, routed)
    ran = [j for j in queued_jobs.run() if j.kind == "foi.screen_reply_file"]
    assert [(j.pk, j.state, j.result) for j in ran] == [(job.pk, "done", True)]
    assert routed.events.filter(action=EventAction.FILE_SCREENED, actor=None).exists()
    services.approve_reply(world.office, routed)


def test_an_unscreenable_file_is_let_through_only_by_secrecy_review_in_writing(client, world, routed):
    row = reply_files.add_reply_file(world.drafter_a, routed, SimpleUploadedFile("名单.docx", DAMAGED_DOCX))
    assert [r[0] for r in row.findings] == [screening_gate.UNSCREENABLE]
    with pytest.raises(ValidationError, match="无法自动屏蔽|没有可以自动屏蔽"):
        reply_files.mask_reply_file(world.drafter_a, row)
    _draft(world, routed)
    with pytest.raises(ValidationError, match="名单.docx"):
        services.approve_reply(world.office, routed)
    for person in (world.drafter_a, world.checker_a, world.other_office):
        with pytest.raises(PermissionDenied):
            reply_files.override_reply_file(person, row, reason="已人工核对。")
    with pytest.raises(ValidationError):
        reply_files.override_reply_file(world.secrecy, row, reason=" ")

    client.force_login(world.secrecy)  # the institution's 保密审查员 reaches the page while the reply awaits approval
    page = client.get(reverse("foi_staff:detail", args=[routed.pk])).content.decode()
    assert "写明理由后放行" in page and "王小明" not in page  # not the applicant's identity
    client.post(
        reverse("foi_staff:file_override", args=[routed.pk, row.pk]),
        {f"override-{row.pk}-reason": "已人工核对，无个人信息。"},
    )
    row.refresh_from_db()
    assert reply_files.open_findings(row) == [] and row.overridden_by == world.secrecy
    event = routed.events.get(action=EventAction.FILE_OVERRIDDEN)
    assert event.actor == world.secrecy and "已人工核对" in event.comment
    services.approve_reply(world.office, routed)


def test_a_department_secrecy_reviewer_may_let_through_its_own_departments_files(world, routed):
    world.person("secrecy_b", Role.SECRECY, department=world.dept_b)
    world.person("secrecy_a", Role.SECRECY, department=world.dept_a)
    row = reply_files.add_reply_file(world.drafter_a, routed, SimpleUploadedFile("名单.docx", DAMAGED_DOCX))
    _draft(world, routed)
    with pytest.raises(PermissionDenied):
        reply_files.override_reply_file(world.secrecy_b, row, reason="已核对。")
    reply_files.override_reply_file(world.secrecy_a, row, reason="已核对。")


def test_a_changed_configuration_screens_the_files_again_before_sending(
    client, world, routed, settings, django_capture_on_commit_callbacks
):
    row = reply_files.add_reply_file(
        world.drafter_a, routed, SimpleUploadedFile("名单.txt", "联系人 张老师 13912345678".encode())
    )
    reply_files.mask_reply_file(world.drafter_a, row)
    _draft(world, routed)
    services.approve_reply(world.office, routed)
    ReplyFile.objects.filter(pk=row.pk).update(config_key="another configuration")
    with pytest.raises(ValidationError, match="正在自动筛查"):
        services.send_reply(world.office, routed, on=date(2024, 3, 8))
    settings.XXGK_SCREENING_BACKGROUND = False  # the job runs when the page's commit hook runs
    client.force_login(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("foi_staff:detail", args=[routed.pk]))
    row.refresh_from_db()
    assert row.screening == "done" and row.config_key != "another configuration"
    services.send_reply(world.office, routed, on=date(2024, 3, 8))


def test_only_a_disclosing_reply_carries_files(world, routed):
    reply_files.add_reply_file(world.drafter_a, routed, SimpleUploadedFile("说明.txt", "说明".encode()))
    refused = ReplyType.objects.get(code="refused")
    with pytest.raises(ValidationError, match="不提供文件"):
        services.draft_reply(
            world.drafter_a, routed, reply_type=refused, reason=refused.reasons.first(), text="不予公开。"
        )


@pytest.mark.parametrize("masked", [resident_id("46020020010101001")])
def test_the_history_never_repeats_the_value_let_through(world, routed, masked):
    row = reply_files.add_reply_file(
        world.drafter_a, routed, SimpleUploadedFile("名单.txt", f"身份证 {masked}".encode())
    )
    _draft(world, routed)
    reply_files.override_reply_file(world.office, row, reason="本人同意公开。")
    event = routed.events.get(action=EventAction.FILE_OVERRIDDEN)
    assert masked not in str(event.data) and event.data["findings"]
