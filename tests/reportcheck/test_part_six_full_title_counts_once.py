"""The 2018 notice's title of part 六 has commas inside ("新做法新举措、主要经验、问题和改进措施"): a report
that lists it in its opening counts it as one part."""

from __future__ import annotations

from xxgk.reportcheck.sections import find_declared
from xxgk.reportcheck.text import normalize


def test_the_full_title_of_part_six_is_one_part():
    declared = find_declared(
        normalize(
            "报告内容包括概述、对信息公开的评议情况、本年度信息公开工作的新做法新举措、主要经验、问题和改进措施等三个部分。"
        )
    )

    assert declared.parts == [
        "概述",
        "对信息公开的评议情况",
        "本年度信息公开工作的新做法新举措、主要经验、问题和改进措施",
    ]
    assert declared.count == 3
