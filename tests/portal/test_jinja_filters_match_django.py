"""The filters of the Jinja2 pages that write their commonest cases themselves (xxgk/portal/jinja.py) answer what
Django's filters answer, for those cases and the others."""

from __future__ import annotations

from django.template import defaultfilters
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from xxgk.portal.jinja import _truncatechars

TEXTS = [
    "",
    "关于开展实验室安全工作的通知",
    "x" * 30,
    "x" * 31,
    "关于印发《学生奖助学金管理办法（2024年修订）》及相关配套实施细则的通知",
    "e\u0301" * 20,  # not in NFC: 40 code points, 20 characters once composed
    "e\u0301" * 10,
    "Cafe\u0301 < & > 'quotes'",
    mark_safe("<b>安全</b>"),
    SafeString("x" * 40),
    gettext_lazy("首页"),
    12345,
    None,
]


def test_truncatechars_answers_as_djangos():
    for language in ("zh-hans", "en"):
        with override(language):
            for text in TEXTS:
                for length in (-1, 0, 1, 5, 20, 30, 40, "30", "x"):
                    mine, django = _truncatechars(text, length), defaultfilters.truncatechars(text, length)
                    assert mine == django, (text, length)
                    assert type(mine) is type(django), (text, length)


def test_every_value_is_escaped_as_djangos_conditional_escape_and_the_memo_stays_bounded(monkeypatch):
    from django.utils.html import conditional_escape

    from xxgk.portal import jinja as portal_jinja

    monkeypatch.setattr(portal_jinja, "ESCAPED_SIZE", 8)
    values = ["<b>", "A&B", "'x'", '"y"', "安全", "x" * 200, "", "5", 5, True, 5.0, -3, 10**120, None]
    values += [mark_safe("<i>"), SafeString("&amp;"), gettext_lazy("首页")]
    for _round in range(3):  # written, then remembered, then after the memo was emptied
        for value in values + [f"<{n}>" for n in range(20)]:
            escaped = portal_jinja._finalize(value)
            assert escaped == conditional_escape(value), value
            assert hasattr(escaped, "__html__"), value
        assert len(portal_jinja._escaped) <= 8
    assert "x" * 200 not in portal_jinja._escaped  # a long value is escaped each time, not kept
