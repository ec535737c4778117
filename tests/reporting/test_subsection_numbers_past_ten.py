"""Subsections of 二、主动公开情况 past the tenth are numbered in Chinese: （十一）, （十二） … never （11）."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx

from xxgk.reporting import annual, docx, services
from xxgk.reporting.loader import rules

pytestmark = pytest.mark.django_db


def test_every_area_written_numbers_to_fifteen_in_chinese(world):
    period = services.academic_year("2023-2024")
    report = services.open_report(world.office, world.institution, period=period)
    areas = [a["key"] for a in rules()["areas"]]
    report = services.edit_narrative(world.office, report, {key: f"{key}的情况。" for key in areas})

    doc = annual.build(world.institution, period.start, period.end, report=report, with_charts=False)

    headings = [s.heading for s in doc.section("proactive").subsections]
    assert len(headings) == len(areas) == 15
    assert [h.split("）")[0] + "）" for h in headings[9:]] == [
        "（十）",
        "（十一）",
        "（十二）",
        "（十三）",
        "（十四）",
        "（十五）",
    ]
    word = Docx(io.BytesIO(docx.render(doc)))
    level2 = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert "（十一）" + doc.section("proactive").subsections[10].title in level2
    assert not any(h.startswith("（1") for h in level2)
