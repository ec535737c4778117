"""A department deletes a procurement result it entered from the procurement page (POST, same policy as entering)."""

from __future__ import annotations

from datetime import date

from tests.reporting.conftest import END, START, institution, user
from xxgk.core.models import AuditEvent
from xxgk.org.models import Department
from xxgk.reporting import annual, services
from xxgk.reporting.models import ProcurementResult

PAGE = "/staff/reporting/procurement/?i=hntou&year=2022-2023"


def _entered_by_xcb() -> ProcurementResult:
    dept = Department.objects.get(institution__slug="hntou", code="xcb")
    return services.enter_procurement(
        user("hntou-drafter"),
        dept,
        project="宣传栏更新改造",
        kind="works",
        amount="35.2",
        unit="万元",
        completed_on=date(2023, 5, 10),
    )


def _delete_url(result: ProcurementResult) -> str:
    return f"/staff/reporting/procurement/{result.pk}/delete/?year=2022-2023"


def test_the_officer_deletes_its_result_from_the_page(demo, client):
    result = _entered_by_xcb()
    client.force_login(user("hntou-drafter"))
    page = client.get(PAGE).content.decode()
    assert "宣传栏更新改造" in page and f'action="{_delete_url(result)}"' in page
    response = client.post(_delete_url(result))
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not ProcurementResult.objects.filter(pk=result.pk).exists()
    assert AuditEvent.objects.filter(
        action="procurement_deleted", object_type="ProcurementResult", object_id=str(result.pk)
    ).exists()
    assert "宣传栏更新改造" not in client.get(PAGE).content.decode()
    text = "\n".join(annual.build(institution("hntou"), START, END, with_charts=False).section("procurement").texts())
    assert "工程项目" not in text and "完成各类集中采购项目50个" in text


def test_the_office_deletes_any_result_of_its_institution(demo, client):
    result = ProcurementResult.objects.filter(institution__slug="hntou").first()
    client.force_login(user("hntou-office"))
    assert client.post(_delete_url(result)).status_code == 302
    assert not ProcurementResult.objects.filter(pk=result.pk).exists()


def test_another_department_gets_403_and_the_result_stays(demo, client):
    result = _entered_by_xcb()
    client.force_login(user("hntou-drafter2"))
    assert client.post(_delete_url(result)).status_code == 403
    assert ProcurementResult.objects.filter(pk=result.pk).exists()


def test_another_institution_gets_404(demo, client):
    result = _entered_by_xcb()
    client.force_login(user("qzoi-office"))
    assert client.post(_delete_url(result)).status_code == 404
    assert ProcurementResult.objects.filter(pk=result.pk).exists()


def test_get_does_not_delete(demo, client):
    result = _entered_by_xcb()
    client.force_login(user("hntou-drafter"))
    assert client.get(_delete_url(result)).status_code == 404
    assert ProcurementResult.objects.filter(pk=result.pk).exists()
