from django.db import migrations


def forwards(apps, schema_editor):
    from xxgk.catalog.loader import load_checklist

    load_checklist(apps.get_model("catalog", "ChecklistCategory"), apps.get_model("catalog", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
