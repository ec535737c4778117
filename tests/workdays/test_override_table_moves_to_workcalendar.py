"""The override rows a database held before the workcalendar app existed survive its migrations."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0003_audit_event_institution_index"), ("workcalendar", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_rows_in_core_table_are_kept_and_read_through_the_new_app():
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_calendaroverride (date, is_workday, note, updated_at) "
                "VALUES ('2024-10-08', %s, '台风停课', CURRENT_TIMESTAMP)",
                [False],
            )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from xxgk.workcalendar.calendar import current_calendar, overrides

    assert [(o.date.isoformat(), o.is_workday, o.note) for o in overrides()] == [("2024-10-08", False, "台风停课")]
    assert current_calendar().add(date(2024, 10, 7), 1).date == date(2024, 10, 9)  # 10-08 is off
    assert "workcalendar_calendaroverride" in connection.introspection.table_names()
    assert "core_calendaroverride" not in connection.introspection.table_names()
