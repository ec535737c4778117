"""Office pages: cases, the 15-column table, reply-rate figures, surveys; others are refused."""

import re
from datetime import date

from django.test import Client

from xxgk.oversight import services


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_case_form_and_table(world):
    c = client_for(world.office)
    page = c.post(
        "/staff/oversight/cases/new/",
        {"kind": "litigation", "filed_on": "2023-03-01", "matter": "诉不予公开招生信息", "outcome": "pending"},
    )
    assert page.status_code == 400 and "复议后起诉" in page.content.decode()
    c.post(
        "/staff/oversight/cases/new/",
        {
            "kind": "litigation",
            "filed_on": "2023-03-01",
            "route": "direct",
            "matter": "诉不予公开招生信息",
            "outcome": "pending",
        },
    )
    c.post(
        "/staff/oversight/cases/new/",
        {
            "kind": "review",
            "filed_on": "2023-02-01",
            "decided_on": "2023-04-01",
            "matter": "复议",
            "outcome": "corrected",
        },
    )
    table = c.get("/staff/oversight/table/?start=2022-09-01&end=2023-08-31").content.decode()
    cells = table.split('id="case-table"')[1].split("<tbody><tr>")[1].split("</tr>")[0]
    assert cells.count("<td>") == 15
    assert cells.replace("</td>", "").split("<td>")[1:] == [
        "0",
        "1",
        "0",
        "0",
        "1",
        "0",
        "0",
        "0",
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]
    # the header names the three groups of five (the staff menu once overwrote the page's `groups`)
    head = table.split('id="case-table"')[1].split("</thead>")[0]
    assert re.findall(r'<th scope="colgroup" colspan="5">([^<]+)</th>', head) == [
        "行政复议",
        "行政诉讼：未经复议直接起诉",
        "行政诉讼：复议后起诉",
    ]
    assert head.count('<th scope="col">') == 15


def test_case_with_unknown_index_number_keeps_the_input(world):
    page = client_for(world.office).post(
        "/staff/oversight/cases/new/",
        {
            "kind": "complaint",
            "filed_on": "2023-03-01",
            "matter": "举报未公开收费标准",
            "outcome": "pending",
            "record_index": "HBLG-99-2023-0001",
        },
    )
    text = page.content.decode()
    assert "没有索引号" in text and "举报未公开收费标准" in text


def test_rates_page_shows_figures(world):
    from tests.oversight.conftest import write

    letter, _ = write(world.president_box)
    letter = services.close_invalid(world.office, letter, reason="unclear")
    write(world.president_box)
    today = letter.received_on.isoformat()
    page = client_for(world.office).get(f"/staff/oversight/rates/?start={today}&end={today}").content.decode()
    assert "收信 2 件，有效 1 件，已答复 0 件" in page


def test_survey_entry(world):
    c = client_for(world.office)
    page = c.post(
        "/staff/oversight/surveys/",
        {
            "title": "满意度调查",
            "period_start": "2023-06-01",
            "period_end": "2023-06-30",
            "sample_size": "100",
            "satisfied_count": "120",
        },
    )
    assert page.status_code == 400 and "满意人数" in page.content.decode()
    c.post(
        "/staff/oversight/surveys/",
        {
            "title": "满意度调查",
            "period_start": "2023-06-01",
            "period_end": "2023-06-30",
            "sample_size": "100",
            "satisfied_count": "93",
        },
    )
    assert "93（93.0%）" in c.get("/staff/oversight/surveys/").content.decode()


def test_office_pages_refuse_others(world):
    for path in (
        "/staff/oversight/cases/",
        "/staff/oversight/cases/new/",
        "/staff/oversight/table/",
        "/staff/oversight/rates/",
        "/staff/oversight/surveys/",
    ):
        assert client_for(world.drafter_a).get(path).status_code == 403, path
    case = services.record_case(
        world.office, world.institution, {"kind": "complaint", "filed_on": date(2023, 1, 1), "matter": "x"}
    )
    assert client_for(world.other_office).get(f"/staff/oversight/cases/{case.pk}/").status_code == 403
    assert client_for(world.other_office).get(f"/staff/oversight/cases/{case.pk}/edit/").status_code == 403
