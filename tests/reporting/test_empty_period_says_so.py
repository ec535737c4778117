"""A period in which nothing happened says so in words: on the dashboard, the figure pages, the
supervisor summary and the report draft, with no chart of nothing and no dangling "其中。"."""

from __future__ import annotations

from datetime import date

from tests.reporting.conftest import institution, user
from xxgk.reporting import annual

EMPTY = "year=2015-2016"  # the demo's data begins years later


def test_dashboard_of_an_empty_year(demo, client):
    client.force_login(user("hntou-office"))
    html = client.get(f"/staff/reporting/?i=hntou&{EMPTY}").content.decode()
    assert "统计看板 2015—2016学年" in html
    assert "该期间没有信息发布、申请或来信记录。" in html
    assert "该期间没有发布信息，无从计算及时公开率。" in html
    assert "该期间各发布渠道没有发布信息。" in html
    assert "该期间没有收到或办结信息公开申请。" in html
    assert "该期间各信箱没有收到来信。" in html and "没有举报、复议或诉讼。" in html
    for chart in ("timeliness", "channels", "monthly"):
        assert f"/charts/hntou/{chart}.png" not in html
    assert "/charts/hntou/coverage.png" in html  # the 清单 items are there, none published: a real chart


def test_no_chart_is_drawn_of_nothing(demo, client):
    client.force_login(user("hntou-office"))
    for chart in ("timeliness", "channels", "monthly"):
        assert client.get(f"/staff/reporting/charts/hntou/{chart}.png?{EMPTY}").status_code == 404
        assert client.get(f"/staff/reporting/charts/hntou/{chart}.png?year=2022-2023").status_code == 200


def test_figure_pages_of_an_empty_year(demo, client):
    client.force_login(user("hntou-office"))
    for page in ("figures", "procurement", "paragraphs"):
        html = client.get(f"/staff/reporting/{page}/?i=hntou&{EMPTY}").content.decode()
        assert "统计期间：2015—2016学年（2015-09-01 — 2016-08-31）" in html
        assert "该期间没有信息发布、申请或来信记录。" in html


def test_report_draft_of_an_empty_year_reads_naturally(demo, client):
    doc = annual.build(institution("hntou"), date(2015, 9, 1), date(2016, 8, 31), with_charts=True)
    text = doc.plain_text()
    assert "其中。" not in text and "其中；" not in text and "None" not in text and "—%" not in text
    assert "2015—2016学年，学校未通过信息公开平台主动公开信息；" in text
    assert "学校官网各栏目未发布信息。" in text
    assert "本学年没有新公开信息的事项。" in text
    assert "本学年未主动公开信息；" in text
    assert "channels" not in doc.charts  # no chart of nothing
    client.force_login(user("hntou-office"))
    html = client.get(f"/staff/reporting/report/?i=hntou&{EMPTY}").content.decode()
    assert "其中。" not in html and "None" not in html and "—%" not in html
    assert "学校官网各栏目未发布信息。" in html


def test_a_calendar_year_report_speaks_of_the_year(demo):
    doc = annual.build(institution("hntou"), date(2015, 1, 1), date(2015, 12, 31), with_charts=False)
    text = doc.plain_text()
    assert "2015年信息公开工作年度报告" in text and "本年度未主动公开信息；" in text and "本学年" not in text
