from django.db import migrations


class Migration(migrations.Migration):
    """The override table, rows and all, takes this app's name: core_calendaroverride -> workcalendar_calendaroverride."""

    dependencies = [
        ("workcalendar", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="calendaroverride", table=None),
    ]
