"""The 申请须知 page states the institution's own rules: change a figure in its RuleSet and the page
changes with it; the fee note, supervisor and remedy clause are the ones the office wrote."""

import re

from django.urls import reverse

from xxgk.foi.loader import rules_for

URL = reverse("foi:guide", kwargs={"slug": "hblg"})


def _item(html: str, ident: str) -> str:
    match = re.search(rf'id="{ident}"[^>]*>(.*?)</(?:li|p|span)>', html, re.S)
    assert match, ident
    return re.sub(r"\s+", " ", match.group(1))


def test_the_notes_carry_the_rule_figures_and_follow_a_change(client, world):
    rules = rules_for(world.institution)
    rules.days, rules.extension_days, rules.correction_notice_days = 17, 9, 4
    rules.correction_days, rules.consultation_days, rules.count_from_next_day = 12, 11, True
    rules.save()
    html = client.get(URL).content.decode()
    assert "17 个工作日内答复" in _item(html, "rule-days")
    assert "次日起算" in _item(html, "rule-days")
    assert "不超过 9 个工作日" in _item(html, "rule-extension")
    assert "4 个工作日内一次性告知" in _item(html, "rule-correction")
    assert "12 个工作日内补正" in _item(html, "rule-correction")
    assert "15 个工作日内提出意见" not in html and "11 个工作日内提出意见" in _item(html, "rule-consultation")

    rules.days, rules.extension_days, rules.count_from_next_day = 20, 20, False
    rules.save()
    html = client.get(URL).content.decode()
    assert "20 个工作日内答复" in _item(html, "rule-days")
    assert "当日起算" in _item(html, "rule-days")
    assert "17 个工作日" not in html
    assert "不超过 20 个工作日" in _item(html, "rule-extension")


def test_fees_supervisor_and_remedy_come_from_the_rules(client, world):
    rules = rules_for(world.institution)
    rules.fees_enabled = False
    rules.save()
    assert "不收取费用" in _item(client.get(URL).content.decode(), "rule-fees")

    rules.fees_enabled = True
    rules.fee_note = "按省物价局核定标准收取复印费每页0.2元"
    rules.supervisor = "某某省教育厅"
    rules.remedy = "有异议的，可向{{ institution.office_name }}投诉，或向{{ supervisor }}举报。"
    rules.save()
    html = client.get(URL).content.decode()
    assert "按省物价局核定标准收取复印费每页0.2元" in _item(html, "rule-fees")
    assert "不收取费用" not in html
    assert _item(html, "rule-supervisor") == "某某省教育厅"
    assert _item(html, "rule-remedy") == f"有异议的，可向{world.institution.office_name}投诉，或向某某省教育厅举报。"


def test_the_apply_page_links_to_the_notes_the_flow_and_the_form(client, world):
    html = client.get(reverse("foi:apply", kwargs={"slug": "hblg"})).content.decode()
    assert f'href="{URL}"' in html
    assert f'href="{URL}#flow-h"' in html
    assert 'href="{}"'.format(reverse("foi:form_pdf", kwargs={"slug": "hblg"})) in html
