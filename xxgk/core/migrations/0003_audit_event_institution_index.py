from django.db import migrations, models


class Migration(migrations.Migration):
    """The latest audit event of an institution is one index probe (the public page cache's version)."""

    dependencies = [
        ("core", "0002_audit_event"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["institution", "id"], name="core_audite_institu_635727_idx"),
        ),
    ]
