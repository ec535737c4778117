from django.db import migrations


class Migration(migrations.Migration):
    """CalendarOverride now belongs to the workcalendar app, which takes over its table as it is:
    core forgets the model here without touching the database."""

    dependencies = [
        ("core", "0003_audit_event_institution_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarOverride")],
            database_operations=[],
        ),
    ]
