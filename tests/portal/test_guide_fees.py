"""The guide tells the public whether the institution charges for information, as its FOI rules say."""

from django.urls import reverse

from xxgk.foi import services
from xxgk.foi.loader import rules_for


def test_the_guide_says_free_until_the_office_turns_fees_on(client, world):
    url = reverse("portal:guide", args=[world.institution.slug])
    assert "学校提供信息不收取费用。" in client.get(url).content.decode()

    rules = rules_for(world.institution)
    services.update_rules(world.office, rules, fees_enabled=True, fee_note="复印费每页0.1元，邮寄费按实计收。")
    html = client.get(url).content.decode()
    assert "不收取费用" not in html
    assert "复印费每页0.1元，邮寄费按实计收。" in html


def test_fees_on_without_a_note_say_the_standard_is_published_separately(client, world):
    url = reverse("portal:guide", args=[world.institution.slug])
    services.update_rules(world.office, rules_for(world.institution), fees_enabled=True, fee_note="")

    html = client.get(url).content.decode()

    assert "学校依申请提供信息按规定收取费用，收费标准另行公布。" in html
    assert "不收取费用" not in html
