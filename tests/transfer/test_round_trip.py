"""Export an institution, load it into an empty database, export it again: the two archives hold the same
rows and files (compared without ids), every model the export covers has rows, the files are back in
storage (the masked copy and the original), and the people are there, inactive and without a password."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import connection

from tests.transfer.normalise import normalise
from tests.transfer.scenario import IDS, enrich
from xxgk.demo.loader import load_demo
from xxgk.foi.models import Application
from xxgk.org.models import Institution
from xxgk.portal.search import search
from xxgk.publishing.models import Attachment
from xxgk.transfer import plan


def _empty_database() -> None:
    """Every table emptied, as in a deployment just migrated (the national data too)."""
    if connection.vendor == "postgresql":  # PostgreSQL truncates no table with foreign-key checks pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=False))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _imported_event(label: str, fields: dict) -> bool:
    return label == "core.AuditEvent" and fields["action"] == "institution_imported"


def test_an_institution_survives_export_and_import(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.XXGK_SCREENING_BACKGROUND = False
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(annual_reports=False)
    with django_capture_on_commit_callbacks(execute=True):
        made = enrich("qzoi")
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    call_command("export", "--institution", "qzoi", "--output", str(first), stdout=StringIO())
    before = normalise(first)
    assert sorted(label for label in plan.OWNED if not before[label]) == []  # the scenario reaches every model

    _empty_database()
    settings.MEDIA_ROOT = tmp_path / "another-deployment"
    assert not Institution.objects.exists() and not get_user_model().objects.exists()
    call_command("import", str(first), stdout=StringIO())
    call_command("export", "--institution", "qzoi", "--output", str(second), stdout=StringIO())
    after = normalise(second, drop=_imported_event)

    for label in [*plan.OWNED, "users"]:
        assert before[label] == after[label], label
    assert normalise(second)["core.AuditEvent"] - after["core.AuditEvent"] != {}  # the import is in the audit log

    users = get_user_model().objects.all()
    assert users.count() == len(before["users"]) and not users.filter(is_active=True).exists()
    assert not any(u.has_usable_password() for u in users)
    attachment = Attachment.objects.get(record__title=made["record"].title)
    assert attachment.record_id != made["record"].pk  # new keys: the source's ids stay in the archive
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    with attachment.file.open("rb") as masked, attachment.original_file.open("rb") as original:
        assert IDS[0].encode() not in masked.read() and IDS[0].encode() in original.read()
    app = Application.objects.get(code=made["application"].code)
    assert app.pk != made["application"].pk
    assert app.reply.letter_pdf and app.reply_files.get().original_file
    institution = Institution.objects.get(slug="qzoi")
    assert search(institution, "助学金").total >= 1  # the imported records are indexed
