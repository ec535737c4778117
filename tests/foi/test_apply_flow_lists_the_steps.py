"""The handling flow on the 申请须知 page is an ordered list of the seven steps, in order, the optional
ones marked, each carrying the institution's day counts."""

import re
from html import unescape

from django.urls import reverse

from xxgk.foi.loader import rules_for

URL = reverse("foi:guide", kwargs={"slug": "hblg"})
STEPS = ["收到申请", "审查", "补正", "征求第三方意见", "延期", "答复", "办结"]


def _steps(html: str) -> list[tuple[str, str]]:
    flow = re.search(r'<ol class="flow">(.*?)</ol>', html, re.S)
    assert flow, "no ordered flow list"
    items = re.findall(r'<li class="([^"]*)"><strong>(.*?)</strong><span>(.*?)</span></li>', flow.group(1), re.S)
    return [(cls, unescape(re.sub(r"<[^>]+>", "", title)).strip(), body) for cls, title, body in items]


def test_the_flow_lists_the_steps_in_order_with_the_optional_ones_marked(client, world):
    steps = _steps(client.get(URL).content.decode())
    assert [title.split()[0] for _, title, _ in steps] == STEPS
    optional = [title.split()[0] for cls, title, _ in steps if "flow-optional" in cls]
    assert optional == ["补正", "征求第三方意见", "延期"]
    assert "计时暂停" in steps[3][1]


def test_the_steps_carry_the_institutions_day_counts(client, world):
    rules = rules_for(world.institution)
    rules.days, rules.extension_days, rules.consultation_days = 13, 8, 6
    rules.correction_notice_days, rules.correction_days = 3, 14
    rules.save()
    steps = {title.split()[0]: body for _, title, body in _steps(client.get(URL).content.decode())}
    assert "3 个工作日内一次性告知" in steps["补正"] and "14 个工作日内补正" in steps["补正"]
    assert "6 个工作日内提出意见" in steps["征求第三方意见"]
    assert "最长延长 8 个工作日" in steps["延期"]
    assert "13 个工作日内出具书面答复" in steps["答复"]
