from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions and admin log entries keep pointing at the model after the move."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="workcalendar", model="calendaroverride").exists():
        ContentType.objects.using(db).filter(app_label="core", model="calendaroverride").update(
            app_label="workcalendar"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="core", model="calendaroverride").exists():
        ContentType.objects.using(db).filter(app_label="workcalendar", model="calendaroverride").update(
            app_label="core"
        )


class Migration(migrations.Migration):
    """Take over core's CalendarOverride table with its rows (core 0004 let go of the model);
    0002 then gives the table this app's name."""

    initial = True

    dependencies = [
        ("core", "0004_calendar_override_moves_to_workcalendar"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarOverride",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        ("is_workday", models.BooleanField(verbose_name="是否工作日")),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                    ],
                    options={
                        "verbose_name": "工作日覆盖",
                        "verbose_name_plural": "工作日覆盖",
                        "ordering": ["date"],
                        "db_table": "core_calendaroverride",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
