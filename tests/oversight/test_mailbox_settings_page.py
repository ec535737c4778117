"""The office's 信箱设置 page: lists its boxes with their handlers and terms, opens a box, saves a box's
settings through the service; a box's handler, a department, another school's office and the public
are refused."""

from datetime import date

import pytest
from django.test import Client

from xxgk.core.models import AuditEvent
from xxgk.oversight import services
from xxgk.oversight.models import Mailbox, SourceKind


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def settings_post(box, **changes):
    data = {
        "revision": str(box.revision),
        "name": box.name,
        "kind": box.kind,
        "description": box.description,
        "department": str(box.department_id or ""),
        "deadline_days": str(box.deadline_days),
        "extension_days": str(box.extension_days),
        "order": str(box.order),
        "extension_allowed": "on",
        "public_replies": "on",
        "public_reply_needs_consent": "on",
        "requires_contact": "on",
        "active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_list_shows_handlers_and_terms(world):
    services.update_mailbox(world.office, world.president_box, {"extension_allowed": False}, handlers=[world.signer])
    page = client_for(world.office).get("/staff/oversight/boxes/").content.decode()
    row = page[page.index(f'id="box-{world.president_box.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "校长信箱" in row and "signer" in row and "5 个工作日" in row and "不可延期" in row
    assert "经来信人同意后公开" in row
    assert "学生工作处" in page  # the department box's department
    assert 'href="/staff/oversight/boxes/"' in client_for(world.office).get("/staff/oversight/").content.decode()


def test_the_office_saves_a_boxs_settings(world):
    box = world.president_box
    c = client_for(world.office)
    assert c.get(f"/staff/oversight/boxes/{box.pk}/").status_code == 200
    response = c.post(
        f"/staff/oversight/boxes/{box.pk}/",
        settings_post(
            box,
            deadline_days="7",
            extension_days="3",
            public_reply_needs_consent=None,
            handlers=[str(world.hq_drafter.pk)],
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/staff/oversight/boxes/?i=hblg"
    stored = Mailbox.objects.get(pk=box.pk)
    assert (stored.deadline_days, stored.extension_days, stored.public_reply_needs_consent) == (7, 3, False)
    assert list(stored.handlers.all()) == [world.hq_drafter]
    assert AuditEvent.objects.filter(action="mailbox_updated", actor=world.office).count() == 1
    page = c.get(f"/staff/oversight/boxes/{box.pk}/").content.decode()
    assert (
        'id="box-history"' in page
        and "修改信箱 校长信箱 的设置：答复期限（工作日） 5→7；延期天数（工作日） 5→3；公开答复须经来信人同意 是→否；受理人改为 hq_drafter"
        in page
    )


def test_bad_values_come_back_with_a_message(world):
    box = world.president_box
    c = client_for(world.office)
    page = c.post(f"/staff/oversight/boxes/{box.pk}/", settings_post(box, deadline_days="99"))
    assert page.status_code == 400 and "60" in page.content.decode()
    page = c.post(f"/staff/oversight/boxes/{box.pk}/", settings_post(box, handlers=[str(world.other_drafter.pk)]))
    assert page.status_code == 400
    stale = c.post(f"/staff/oversight/boxes/{box.pk}/", settings_post(box, revision="7", deadline_days="6"))
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()
    assert Mailbox.objects.get(pk=box.pk).deadline_days == 5


def test_the_office_opens_a_box(world):
    c = client_for(world.office)
    assert c.get("/staff/oversight/boxes/new/").status_code == 200
    response = c.post(
        "/staff/oversight/boxes/new/",
        {
            "name": "后勤服务意见箱",
            "kind": "department",
            "department": str(world.hq.pk),
            "deadline_days": "3",
            "extension_days": "2",
            "order": "5",
            "active": "on",
        },
    )
    assert response.status_code == 302
    box = Mailbox.objects.get(name="后勤服务意见箱")
    assert (box.institution, box.department, box.deadline_days, box.extension_allowed) == (
        world.institution,
        world.hq,
        3,
        False,
    )
    assert not box.public_replies and box.public_reply_needs_consent and not box.requires_contact


@pytest.mark.parametrize("who", ["hq_drafter", "signer", "drafter_b", "other_office", "supervisor", "nobody"])
def test_others_are_refused(world, who):
    services.update_mailbox(world.office, world.president_box, {}, handlers=[world.hq_drafter])
    c = client_for(getattr(world, who))
    box = world.president_box
    if who == "other_office":  # its own school's boxes, never these
        assert "校长信箱" not in c.get("/staff/oversight/boxes/").content.decode()
    else:
        assert c.get("/staff/oversight/boxes/").status_code == 403
    assert c.get("/staff/oversight/boxes/?i=hblg").status_code == 403
    assert c.get(f"/staff/oversight/boxes/{box.pk}/").status_code == 403
    assert c.post(f"/staff/oversight/boxes/{box.pk}/", settings_post(box, deadline_days="9")).status_code == 403
    assert c.post("/staff/oversight/boxes/new/?i=hblg", {"name": "x", "kind": "suggestion"}).status_code == 403
    assert Mailbox.objects.get(pk=box.pk).deadline_days == 5 and not Mailbox.objects.filter(name="x").exists()


def test_the_public_is_sent_to_log_in(world):
    response = Client().get("/staff/oversight/boxes/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_letter_page_says_why_it_cannot_be_extended(world):
    letter, _password = services.register_letter(
        world.office,
        world.president_box,
        source=SourceKind.PAPER,
        received_on=date(2024, 9, 27),
        subject="旧来信",
        message="已过期限。",
    )
    page = client_for(world.office).get(f"/staff/oversight/letters/{letter.pk}/").content.decode()
    assert "答复期限（2024-10-10）已过，不能再延期。" in page and 'id="extend-reason"' not in page
    response = client_for(world.office).post(
        f"/staff/oversight/letters/{letter.pk}/act/extend/", {"reason": "来不及", "revision": str(letter.revision)}
    )
    assert response.status_code == 400 and "已过" in response.content.decode()
