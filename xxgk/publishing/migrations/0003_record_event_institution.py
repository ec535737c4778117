import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_institution(apps, schema_editor):
    RecordEvent = apps.get_model("publishing", "RecordEvent")
    Record = apps.get_model("publishing", "Record")
    RecordEvent.objects.update(
        institution_id=Subquery(Record.objects.filter(pk=OuterRef("record_id")).values("institution_id")[:1]))


class Migration(migrations.Migration):
    """Each record event carries its record's institution (filled here for existing events)."""

    dependencies = [
        ("org", "0003_screening"),
        ("publishing", "0002_screening"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordevent",
            name="institution",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="org.institution"),
        ),
        migrations.RunPython(copy_institution, migrations.RunPython.noop),
    ]
