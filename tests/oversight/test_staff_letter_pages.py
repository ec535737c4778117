"""Staff pages: the letters list (overdue first), registering a transfer, acting on a letter, refusals."""

from datetime import date

from django.test import Client

from tests.oversight.conftest import write
from xxgk.oversight.models import Letter, LetterSource, SourceKind


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_office_sees_letters_with_overdue_first(world):
    from xxgk.oversight import services

    old, _ = services.register_letter(
        world.office,
        world.president_box,
        source=SourceKind.PAPER,
        received_on=date(2024, 9, 27),
        subject="旧来信",
        message="内容",
        writer_name="王五",
        writer_contact="13800000000",
    )
    write(world.president_box, subject="新来信")
    page = client_for(world.office).get("/staff/oversight/").content.decode()
    assert page.index("旧来信") < page.index("新来信") and "已逾期" in page


def test_people_without_a_part_do_not_see_the_letter(world):
    letter, _ = write(world.president_box)
    assert client_for(world.drafter_a).get(f"/staff/oversight/letters/{letter.pk}/").status_code == 403
    assert client_for(world.other_office).get(f"/staff/oversight/letters/{letter.pk}/").status_code == 403
    assert "宿舍热水" not in client_for(world.other_office).get("/staff/oversight/").content.decode()
    assert Client().get(f"/staff/oversight/letters/{letter.pk}/").status_code == 302  # to the login page


def test_register_a_12345_transfer(world):
    source = LetterSource.objects.create(
        institution=world.institution, name="海滨市12345便民服务平台", kind=SourceKind.HOTLINE
    )
    c = client_for(world.office)
    data = {
        "mailbox": world.president_box.pk,
        "source": "hotline",
        "source_system": source.pk,
        "external_ref": "HB12345-0001",
        "received_on": "2024-09-27",
        "subject": "校门口交通拥堵",
        "message": "放学时段校门口拥堵。",
        "writer_name": "市民李某",
        "writer_contact": "13700000000",
    }
    page = c.post("/staff/oversight/letters/new/", data)
    assert page.status_code == 200 and "办结日期" in page.content.decode()  # missing the sender's deadline
    assert "校门口交通拥堵" in page.content.decode()
    response = c.post("/staff/oversight/letters/new/", {**data, "external_due": "2024-10-08"})
    letter = Letter.objects.get()
    assert response["Location"] == f"/staff/oversight/letters/{letter.pk}/"
    assert letter.due_on == date(2024, 10, 8) and letter.source_system == source
    detail = c.get(response["Location"]).content.decode()
    assert "HB12345-0001" in detail and "转办单位要求" in detail


def test_acting_through_the_pages(world):
    letter, _ = write(world.president_box)
    office = client_for(world.office)
    page = office.post(
        f"/staff/oversight/letters/{letter.pk}/act/route/", {"department": world.hq.pk, "revision": letter.revision}
    )
    assert page.status_code == 302
    letter.refresh_from_db()
    assert letter.routed_department == world.hq
    hq = client_for(world.hq_drafter)
    assert "宿舍热水" in hq.get("/staff/oversight/").content.decode()
    page = hq.post(f"/staff/oversight/letters/{letter.pk}/act/draft/", {"text": ""})
    assert page.status_code == 400 and "请填写答复内容" in page.content.decode()
    hq.post(f"/staff/oversight/letters/{letter.pk}/act/draft/", {"text": "已延长。"})
    # the drafter may not approve their own draft
    assert hq.post(f"/staff/oversight/letters/{letter.pk}/act/approve/").status_code == 403
    client_for(world.hq_head).post(f"/staff/oversight/letters/{letter.pk}/act/approve/")
    office.post(f"/staff/oversight/letters/{letter.pk}/act/check/", {"text": "林同学：已延长。"})
    office.post(f"/staff/oversight/letters/{letter.pk}/act/send/", {"public": "1"})
    letter.refresh_from_db()
    assert letter.state == "replied" and letter.reply.public


def test_stale_page_gets_a_conflict_message(world):
    letter, _ = write(world.president_box)
    office = client_for(world.office)
    seen = letter.revision
    office.post(f"/staff/oversight/letters/{letter.pk}/act/direct/", {"revision": seen})
    page = office.post(
        f"/staff/oversight/letters/{letter.pk}/act/route/", {"department": world.hq.pk, "revision": seen}
    )
    assert page.status_code == 400 and "已被他人处理" in page.content.decode()


def test_register_page_only_for_box_office(world):
    assert client_for(world.office).get("/staff/oversight/letters/new/").status_code == 200
    assert client_for(world.drafter_a).get("/staff/oversight/letters/new/").status_code == 403
