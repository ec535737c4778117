"""`xxgk import-site`: --dry-run --format json says what would be imported and changes nothing; an
import makes published records on their original dates, screened, flagged where personal data is
found; importing again changes nothing; a changed page is corrected, not duplicated."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.personas import build_world
from tests.siteimport.mirrors import ID_NUMBER, vsb_site
from xxgk.publishing.models import Record, RecordState, ScreeningFinding
from xxgk.siteimport.models import ImportedPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.XXGK_SCREENING_BACKGROUND = False
    return build_world()


def _run(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import_site", *args, stdout=out)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue()


def test_dry_run_json_changes_nothing(world, tmp_path):
    root = tmp_path / "xxgk.hnsf.edu.cn"
    expected = vsb_site(root)
    status, out = _run(str(root), "--institution", "hblg", "--dry-run", "--format", "json")
    found = json.loads(out)
    assert status == 2  # one article carries an ID number in its attachment
    assert [a["path"] for a in found["articles"]] == sorted(e.path for e in expected)
    by_path = {a["path"]: a for a in found["articles"]}
    for e in expected:
        a = by_path[e.path]
        assert (a["title"], a["date"], a["attachments"]) == (e.title, e.date, e.attachments)
        assert (a["findings"] > 0) == e.has_personal_data
    assert {"index.htm", "search.htm", "xxgk/zsxx.htm"} <= {s["path"] for s in found["skipped"]}
    assert not Record.objects.exists() and not ImportedPage.objects.exists()


def test_import_publishes_flags_and_is_idempotent(world, tmp_path):
    root = tmp_path / "xxgk.hnsf.edu.cn"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  - prefix: info/1013/\n    item: 30\n    department: 学生工作处\n", encoding="utf-8")
    vsb_site(root)
    status, out = _run(str(root), "--institution", "hblg", "--mapping", str(mapping))
    assert status == 2, out
    records = Record.objects.filter(institution=world.institution)
    assert records.count() == 3
    assert set(records.values_list("state", flat=True)) == {RecordState.PUBLISHED}
    aid = records.get(title__contains="奖助学金")
    assert aid.published_at.date().isoformat() == "2023-09-20"
    assert aid.department.name == "学生工作处" and list(aid.items.values_list("number", flat=True)) == ["30"]
    assert aid.attachments.get().name == "名单.docx"
    open_findings = ScreeningFinding.objects.filter(record=aid, status="open")
    assert any(f.text == ID_NUMBER and f.attachment_id for f in open_findings)
    assert aid.events.filter(action="imported", data__url="https://xxgk.hnsf.edu.cn/info/1013/2201.htm").exists()

    status, again = _run(str(root), "--institution", "hblg", "--mapping", str(mapping), "--format", "json")
    assert Record.objects.count() == 3
    assert {a["status"] for a in json.loads(again)["articles"]} == {"unchanged"}

    page = root / "info/1012/3456.htm"
    page.write_text(page.read_text(encoding="utf-8").replace("国标代码为12345", "国标代码为12346"), encoding="utf-8")
    status, third = _run(str(root), "--institution", "hblg", "--format", "json")
    statuses = {a["path"]: a["status"] for a in json.loads(third)["articles"]}
    assert statuses["info/1012/3456.htm"] == "changed" and Record.objects.count() == 3
    assert "12346" in Record.objects.get(title__contains="招生章程").body


def test_only_an_office_admin_imports(world, tmp_path):
    root = tmp_path / "xxgk.hnsf.edu.cn"
    vsb_site(root)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_site", str(root), "--institution", "hblg", "--user", "drafter_a", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("import_site", str(root), "--institution", "hblg", "--user", "other_office", stdout=StringIO())
    assert not Record.objects.exists()
