"""Each list of the workbench (全部信息, 依申请公开, 来信办理, 举报复议诉讼) downloads as XLSX with the page's
filters and exactly the rows the page would show this person: a drafter gets no other department's drafts,
another institution's office gets none of this institution's rows, the applicant's name only where the page
shows it. Text is written as text, never as a formula."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.foi.conftest import applicant
from xxgk.foi import services as foi
from xxgk.oversight import services as oversight
from xxgk.oversight.models import MailboxKind
from xxgk.publishing import services as publishing


def _sheet(client, url, params=None) -> list[tuple]:
    response = client.get(url, params or {})
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment; filename=")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(min_row=3, values_only=True))


def _column(rows, i) -> set:
    return {r[i] for r in rows}


@pytest.fixture
def records(world):
    mine = world.draft(title="宣传部草稿：校庆方案")
    theirs = publishing.create_draft(
        world.drafter_b, world.dept_b, {"title": "学工处草稿：奖学金初审名单", "formed_on": date(2024, 3, 1)}
    )
    public = world.draft(title="已发布：2024年校历")
    publishing.submit(world.drafter_a, public)
    world.through_chain(public)
    return mine, theirs, public


def test_records_follow_the_page_and_its_filters(client, world, records):
    mine, theirs, public = records
    url = reverse("workbench:records_xlsx")
    client.force_login(world.drafter_a)
    titles = _column(_sheet(client, url), 1)
    assert mine.title in titles and public.title in titles and theirs.title not in titles
    page = client.get(reverse("workbench:records")).content.decode()
    assert all(t in page for t in titles) and theirs.title not in page
    assert _column(_sheet(client, url, {"state": "draft"}), 1) == {mine.title}
    assert _column(_sheet(client, url, {"q": "校历"}), 1) == {public.title}
    assert _column(_sheet(client, url, {"q": "没有这样的标题"}), 1) == set()
    assert _column(_sheet(client, url, {"state": "zzz"}), 1) == titles  # an unknown state is ignored, as on the page

    client.force_login(world.office)
    assert {mine.title, theirs.title, public.title} <= _column(_sheet(client, url), 1)
    client.force_login(world.other_office)
    assert _sheet(client, url) == []


def test_records_row_says_what_the_page_says(client, world, records):
    _mine, _theirs, public = records
    client.force_login(world.office)
    row = next(r for r in _sheet(client, reverse("workbench:records_xlsx")) if r[1] == public.title)
    public.refresh_from_db()
    assert row[0] == public.index_number and row[2] == world.dept_a.name and row[4] == "已发布"
    assert row[6].date() == date(2024, 3, 1) and row[7] is not None


def test_applications_follow_the_page(client, world):
    routed = foi.submit_online(world.institution, applicant(title="录取分数"), today=date(2024, 3, 1)).application
    foi.route(world.office, routed, world.dept_a)
    other = foi.submit_online(world.institution, applicant(title="收费标准"), today=date(2024, 3, 4)).application
    url = reverse("foi_staff:list_xlsx")

    client.force_login(world.office)
    rows = _sheet(client, url)
    assert _column(rows, 0) == {routed.code, other.code} and _column(rows, 2) == {"王小明"}
    assert _sheet(client, url, {"show": "closed"}) == []
    client.force_login(world.drafter_a)  # routed to the department: handled there, the applicant shown
    assert [(r[0], r[2]) for r in _sheet(client, url)] == [(routed.code, "王小明")]
    client.force_login(world.supervisor)  # reads every application, never the applicant
    rows = _sheet(client, url)
    assert {routed.code, other.code} <= _column(rows, 0) and "王小明" not in _column(rows, 2)
    for who in ("drafter_b", "other_office"):
        client.force_login(world.people[who])
        assert _sheet(client, url) == []


def test_letters_follow_the_page_and_stay_text(client, world):
    world.add_logistics()
    box = oversight.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    formula = '=HYPERLINK("http://evil.example","点我")'
    letter, _password = oversight.submit_letter(
        box, writer_name="林小雨", writer_contact="13912345678", subject=formula, message="食堂太贵。"
    )
    routed, _password = oversight.submit_letter(
        box, writer_name="王同学", writer_contact="13812345678", subject="热水时间", message="希望延长。"
    )
    oversight.route(world.office, routed, world.hq)
    url = reverse("oversight_staff:letters_xlsx")

    client.force_login(world.office)
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in sheet.iter_rows(min_row=3) for c in row if c.value == formula)
    assert cell.data_type == "s" and sheet.cell(cell.row, 1).value == letter.query_code  # a string, no formula
    assert _column(_sheet(client, url, {"q": "热水"}), 1) == {"热水时间"}
    assert _column(_sheet(client, url, {"state": "drafting"}), 0) == {routed.query_code}
    client.force_login(world.hq_drafter)
    assert _column(_sheet(client, url), 0) == {routed.query_code}
    client.force_login(world.other_office)
    assert _sheet(client, url) == []


def test_cases_of_the_chosen_institution_only(client, world):
    oversight.record_case(
        world.office, world.institution, {"kind": "review", "filed_on": date(2024, 3, 1), "matter": "答复不全"}
    )
    url = reverse("oversight_staff:cases_xlsx")
    client.force_login(world.office)
    rows = _sheet(client, url)
    assert [(r[0], r[3]) for r in rows] == [("行政复议", "答复不全")]
    assert _sheet(client, url, {"kind": "complaint"}) == []
    client.force_login(world.other_office)
    assert _sheet(client, url) == []  # their own institution's, which has none
    assert client.get(url, {"i": world.institution.slug}).status_code == 403
    client.force_login(world.drafter_a)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["workbench:records_xlsx", "foi_staff:list_xlsx", "oversight_staff:letters_xlsx", "oversight_staff:cases_xlsx"],
)
def test_only_staff_download(client, world, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.nobody)
    assert client.get(url).status_code == 403
