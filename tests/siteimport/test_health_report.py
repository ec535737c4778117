"""The 体检报告 lists every imported page with personal data (masked values, where, the old URL) as a
page and as XLSX, only for the office of that institution; one click masks a record and its public
page no longer shows the value."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.personas import build_world
from tests.siteimport.mirrors import ID_NUMBER, table_site
from xxgk.publishing.models import Record

pytestmark = pytest.mark.django_db
URL = "/staff/site-import/"


@pytest.fixture
def imported(settings, tmp_path):
    settings.XXGK_SCREENING_BACKGROUND = False
    world = build_world()
    root = tmp_path / "www.sfzy.edu.cn"
    table_site(root)
    with pytest.raises(SystemExit):
        call_command("import_site", str(root), "--institution", "hblg", stdout=StringIO())
    return world


def _login(client, world, name):
    client.force_login(world.people[name])
    return client


def test_office_sees_the_exposed_page_masked(client, imported):
    page = _login(client, imported, "office").get(URL).content.decode()
    assert "拟聘用人员的公示" in page and "https://www.sfzy.edu.cn/gk/2021/0003.html" in page
    assert ID_NUMBER not in page.replace(" ", "") and "19900101" not in page.replace(" ", "")
    assert "预算公开说明" not in page.split("<h1")[1]  # a clean page is not listed


def test_xlsx_has_one_row_per_exposure(client, imported):
    response = _login(client, imported, "office").get(URL + "report.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows and all(r[0] == "https://www.sfzy.edu.cn/gk/2021/0003.html" for r in rows)
    assert any(r[4] == "身份证号" for r in rows)
    assert not any(ID_NUMBER in str(c) for r in rows for c in r)


@pytest.mark.parametrize("name", ["drafter_a", "secrecy", "signer", "other_office", "supervisor"])
def test_only_the_office_of_the_institution(client, imported, name):
    client = _login(client, imported, name)
    assert client.get(URL + "?i=hblg").status_code == 403
    assert client.get(URL + "report.xlsx?i=hblg").status_code == 403
    from xxgk.siteimport.models import ImportedPage

    page = ImportedPage.objects.get(path="gk/2021/0003.html")
    assert client.post(f"{URL}pages/{page.pk}/mask/?i=hblg").status_code == 403
    assert ID_NUMBER[:6] in Record.objects.get(pk=page.record_id).body.replace(" ", "")


def test_one_click_masks_the_public_page(client, imported):
    from xxgk.siteimport.models import ImportedPage

    page = ImportedPage.objects.get(path="gk/2021/0003.html")
    record = Record.objects.get(pk=page.record_id)
    public = f"/hblg/records/{record.pk}/"
    assert "19900101" in client.get(public).content.decode().replace(" ", "")
    client = _login(client, imported, "office")
    response = client.post(f"{URL}pages/{page.pk}/mask/?i=hblg", follow=True)
    assert response.status_code == 200
    client.logout()
    body = client.get(public).content.decode().replace(" ", "")
    assert "19900101" not in body
    assert not record.versions.exists() if hasattr(record, "versions") else True
