"""A part list separated by semicolons, with or without 一是/（一） before each part."""

from __future__ import annotations

import pytest

from xxgk.reportcheck.sections import find_declared
from xxgk.reportcheck.text import normalize

KEYS = ["overview", "proactive", "on_request", "evaluation", "complaints", "problems", "other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告共七个部分：概述；主动公开情况；依申请公开和不予公开情况；评议情况；举报情况；问题和改进措施；其他需要报告的事项。",
        "本报告共分七个部分，分别是：一是概述；二是主动公开情况；三是依申请公开和不予公开情况；四是评议情况；"
        "五是举报情况；六是问题和改进措施；七是其他需要报告的事项。",
        "本报告包括以下七个部分：（一）概述；（二）主动公开情况；（三）依申请公开和不予公开情况；（四）评议情况；"
        "（五）举报情况；（六）问题和改进措施；（七）其他需要报告的事项。",
    ],
)
def test_semicolon_lists(sentence):
    declared = find_declared(normalize(sentence))
    assert declared.count == 7
    assert declared.parts[0] == "概述" and declared.parts[-1] == "其他需要报告的事项"
    assert len(declared.parts) == 7 and declared.keys == KEYS and declared.unmapped == []
