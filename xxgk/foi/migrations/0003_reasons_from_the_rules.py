"""Existing rows take the 办法's own reasons, the remedy clause and the templates that use both.

- ReplyType/ReplyReason: the national table's labels become the 办法's grounds with their articles
  (data/reply_types.json); a label that is not a ground stays, inactive, so old replies keep their meaning
  and their national row.
- RuleSet: the remedy clause and the supervising authority from data/rules.json for the row's preset.
- LetterTemplate: the hard-coded remedy sentence becomes {{ remedy }} and the reason is stated with its
  article ({{ reason_text }}); a template the office rewrote without those sentences is left as it is.
"""

from django.db import migrations

OLD_REMEDY = "如对本答复有异议，可以向{{ institution.name }}信息公开工作机构反映，也可以依法向上级主管部门提出。"


def forwards(apps, schema_editor):
    from xxgk.foi.loader import data, sync_reply_types

    sync_reply_types(apps.get_model("foi", "ReplyType"), apps.get_model("foi", "ReplyReason"), overwrite=True)
    presets = data("rules.json")
    RuleSet = apps.get_model("foi", "RuleSet")
    for rules in RuleSet.objects.all():
        policy = presets["presets"].get(rules.preset) or presets["presets"][presets["default"]]
        RuleSet.objects.filter(pk=rules.pk).update(
            supervisor=rules.supervisor or policy["supervisor"], remedy=rules.remedy or policy["remedy"]
        )
    LetterTemplate = apps.get_model("foi", "LetterTemplate")
    for template in LetterTemplate.objects.all():
        body = (
            template.body.replace(OLD_REMEDY, "{{ remedy }}")
            .replace('{{ reason.name|default:"见下文" }}', '{{ reason_text|default:"见下文" }}')
            .replace("{{ reason.name }}", "{{ reason_text }}")
        )
        if body != template.body:
            LetterTemplate.objects.filter(pk=template.pk).update(body=body)


class Migration(migrations.Migration):
    dependencies = [("foi", "0002_reply_reasons_articles_remedy_withdrawal")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
