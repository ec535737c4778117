import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Separate from 0003 so PostgreSQL alters the table after the copy has committed."""

    dependencies = [
        ("publishing", "0003_record_event_institution"),
    ]

    operations = [
        migrations.AlterField(
            model_name="recordevent",
            name="institution",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="org.institution"),
        ),
        migrations.AddIndex(
            model_name="recordevent",
            index=models.Index(fields=["institution", "id"], name="publishing__institu_80de65_idx"),
        ),
    ]
