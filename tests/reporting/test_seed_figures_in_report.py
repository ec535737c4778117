"""The rebuilt 2022–2023 reports of both seed institutions carry every figure their seeds print,
in the same part, and have every section the Ministry requires."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import END, SEEDS, START, institution
from xxgk.reportcheck import check, check_path
from xxgk.reporting import annual
from xxgk.reporting.models import YearlyFigure

PROACTIVE = {"proactive", "key_areas"}


def _group(section):
    return "proactive" if section in PROACTIVE else section


@pytest.fixture
def reports(demo):
    return {
        slug: check(annual.build(institution(slug), START, END, with_charts=False).plain_text())
        for slug in ("hntou", "qzoi")
    }


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_every_required_section_and_no_findings(reports, slug):
    rep = reports[slug]
    assert rep.missing_sections == []
    assert [f.message for f in rep.findings] == []
    assert {
        "overview",
        "proactive",
        "key_areas",
        "on_request",
        "evaluation",
        "complaints",
        "problems",
        "other",
        "checklist_table",
    } <= set(rep.sections)
    assert rep.period.to_dict()["start"] == "2022-09-01" and rep.period.to_dict()["end"] == "2023-08-31"


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_every_seed_figure_is_in_the_same_part(reports, slug):
    seed = check_path(SEEDS / f"{slug}-2022-2023.txt")
    generated = [(g.value, _group(g.section)) for g in reports[slug].figures]
    missing = [
        (f.value, f.unit, f.phrase, f.section) for f in seed.figures if (f.value, _group(f.section)) not in generated
    ]
    assert missing == []


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_entered_figures_keep_unit_and_approximation(reports, slug):
    generated = {(g.value, g.unit, g.approx) for g in reports[slug].figures if _group(g.section) == "proactive"}
    entered = YearlyFigure.objects.filter(institution__slug=slug)
    assert entered.count() >= 8
    for f in entered:
        assert (float(f.value) if f.value != int(f.value) else int(f.value), f.unit, bool(f.qualifier)) in generated


def test_hainan_key_figures_match_the_seed(reports):
    seed = check_path(SEEDS / "hntou-2022-2023.txt")
    assert reports["hntou"].key_figures["website_items"] == seed.key_figures["website_items"] == 1312
    assert reports["hntou"].key_figures["wechat_posts"] == seed.key_figures["wechat_posts"] == 305
    assert reports["hntou"].key_figures["applications"] == 0
    assert reports["hntou"].key_figures["complaints"] == 0


def test_admissions_figures_sit_in_the_admissions_area(demo):
    doc = annual.build(institution("hntou"), START, END, with_charts=False)
    text = "\n".join(doc.section("admissions").texts())
    for phrase in (
        "录取结果查询39622人次",
        "E答招生咨询量110982人次",
        "微信公众号咨询量1373人次",
        "电话咨询量近10000人次",
    ):
        assert phrase in text
    assert "线上招聘会16场" in "\n".join(
        annual.build(institution("qzoi"), START, END, with_charts=False).section("employment").texts()
    )
