"""The data migration turns existing national-label reasons into the 办法's grounds and fixes the letters' remedy."""

import importlib

from django.apps import apps

from xxgk.foi.loader import letter_template, rules_for
from xxgk.foi.models import LetterTemplate, ReplyReason, ReplyType, RuleSet

MIGRATION = importlib.import_module("xxgk.foi.migrations.0003_reasons_from_the_rules")
OLD_BODY = (
    "{{ application.name }}：\n不予公开，理由是：{{ reason.name }}。\n{{ reply.text }}\n" + MIGRATION.OLD_REMEDY + "\n"
)


def old_rows():
    """The rows as migration 0001's data left them: the national table's labels as reasons."""
    ReplyReason.objects.all().delete()
    ReplyType.objects.all().delete()
    refused = ReplyType.objects.create(code="refused", name="不予公开", table_row="refused", order=4)
    ReplyReason.objects.create(reply_type=refused, code="state_secret", name="属于国家秘密", order=1)
    ReplyReason.objects.create(reply_type=refused, code="process_info", name="属于四类过程性信息", order=6)
    return refused


def test_old_rows_take_the_rules_grounds_and_keep_their_row(world):
    refused = old_rows()
    template = letter_template(world.institution, refused)
    LetterTemplate.objects.filter(pk=template.pk).update(body=OLD_BODY)
    edited = letter_template(world.other_institution, refused)
    LetterTemplate.objects.filter(pk=edited.pk).update(body="本校自拟的答复书。")
    RuleSet.objects.filter(institution=world.institution).update(remedy="", supervisor="")
    rules_for(world.other_institution)
    RuleSet.objects.filter(institution=world.other_institution).update(remedy="自拟救济告知。", supervisor="某省教育厅")

    MIGRATION.forwards(apps, None)

    secret = ReplyReason.objects.get(reply_type=refused, code="state_secret")
    assert secret.name == "涉及国家秘密" and secret.article == "《高等学校信息公开办法》第十条第（一）项"
    assert secret.active and secret.table_reason == "state_secret"
    process = ReplyReason.objects.get(reply_type=refused, code="process_info")
    assert process.name == "属于四类过程性信息" and not process.active and process.table_reason == "process_info"
    assert ReplyReason.objects.filter(reply_type=refused, code="privacy", active=True).exists()
    assert ReplyReason.objects.filter(reply_type__code="other", code="withdrawn").exists()
    body = LetterTemplate.objects.get(pk=template.pk).body
    assert "{{ remedy }}" in body and "{{ reason_text }}" in body and "上级主管部门提出" not in body
    assert LetterTemplate.objects.get(pk=edited.pk).body == "本校自拟的答复书。"
    mine, theirs = rules_for(world.institution), rules_for(world.other_institution)
    assert "{{ supervisor }}" in mine.remedy and mine.supervisor.startswith("学校所在地省级教育行政部门")
    assert (theirs.remedy, theirs.supervisor) == ("自拟救济告知。", "某省教育厅")
