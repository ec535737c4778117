"""Finalising renders the report and screens its files outside every write transaction (seconds of work
must not hold SQLite's write lock); a second finalise while the first is working meets a Conflict."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from xxgk.org.models import Department
from xxgk.reporting import pdf, services
from xxgk.reporting.services import Period


@pytest.mark.django_db(transaction=True)
def test_rendering_runs_outside_transactions_and_a_second_click_is_refused(world, monkeypatch):
    Department.objects.create(institution=world.institution, name="党政办公室", code="dzb", is_office=True)
    report = services.open_report(world.office, world.institution, period=Period(date(2022, 9, 1), date(2023, 8, 31)))
    seen = {}
    render = pdf.render

    def watching(doc, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        with pytest.raises(services.Conflict):  # the same form sent again while this one is rendering
            services.finalise(world.office, report, expected_revision=report.revision)
        return render(doc, **kwargs)

    monkeypatch.setattr(pdf, "render", watching)
    done = services.finalise(world.office, report, expected_revision=report.revision)
    assert seen == {"in_transaction": False}
    assert done.state == "final" and done.record.attachments.count() == 2
    assert done.record.state == "in_review"
