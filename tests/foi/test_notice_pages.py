"""The notices on the pages: the staff page lists every notice with its 文号 and delivery and records a postal
date; the applicant's status page offers the notices addressed to the applicant for download, never the
征求意见函 to the third party; the office edits the notice templates."""

from datetime import date

from django.urls import reverse

from tests.foi.conftest import applicant
from xxgk.foi import services
from xxgk.foi.models import Notice


def by_post(world):
    return services.submit_online(
        world.institution, applicant(email="", delivery="post", info_form="paper"), today=date(2024, 3, 1)
    )


def test_the_staff_page_lists_notices_and_records_the_postal_date(client, world):
    app = by_post(world).application
    services.request_correction(world.office, app, items="请写明年份。", on=date(2024, 3, 4))
    notice = Notice.objects.get(application=app)
    client.force_login(world.office)
    detail = reverse("foi_staff:detail", kwargs={"pk": app.pk})
    page = client.get(detail).content.decode()
    assert notice.number in page and "补正告知书" in page and "待邮寄" in page and "海南省海口市" in page
    pdf = client.get(reverse("foi_staff:notice", kwargs={"pk": app.pk, "notice_pk": notice.pk, "fmt": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    posted = reverse("foi_staff:notice_posted", kwargs={"pk": app.pk, "notice_pk": notice.pk})
    today = date.today().isoformat()
    response = client.post(posted, {f"posting-{notice.pk}-postal_date": today})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.postal_date == date.today()
    assert f"已邮寄 {today}" in client.get(detail).content.decode()


def test_a_supervisor_sees_the_number_but_not_the_recipient_or_the_file(client, world):
    app = by_post(world).application
    services.request_correction(world.office, app, items="请写明年份。", on=date(2024, 3, 4))
    notice = Notice.objects.get(application=app)
    client.force_login(world.supervisor)
    page = client.get(reverse("foi_staff:detail", kwargs={"pk": app.pk})).content.decode()
    assert notice.number in page and "海南省海口市" not in page and "王小明" not in page
    url = reverse("foi_staff:notice", kwargs={"pk": app.pk, "notice_pk": notice.pk, "fmt": "pdf"})
    assert client.get(url).status_code == 403


def test_the_applicant_downloads_own_notices_only(client, world):
    receipt = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1))
    app = receipt.application
    services.start_consultation(
        world.office, app, third_party="某科技有限公司", email="legal@keji.example.com", on=date(2024, 3, 4)
    )
    services.end_consultation(world.office, app, on=date(2024, 3, 6))
    services.extend(world.office, app, reason="需要调取档案", approver="主任", today=date(2024, 3, 20))
    letter, extension = Notice.objects.order_by("id")
    client.post(reverse("foi:status", kwargs={"slug": "hblg"}), {"code": app.code, "secret": receipt.secret})
    page = client.get(reverse("foi:status_detail", kwargs={"slug": "hblg", "code": app.code})).content.decode()
    assert "延期答复告知书" in page and extension.number in page
    assert letter.number not in page and "某科技有限公司" not in page

    def download(notice, fmt):
        kwargs = {"slug": "hblg", "code": app.code, "notice_pk": notice.pk, "fmt": fmt}
        return client.get(reverse("foi:notice", kwargs=kwargs))

    docx = download(extension, "docx")
    assert docx.status_code == 200 and b"".join(docx.streaming_content).startswith(b"PK")
    assert download(letter, "pdf").status_code == 404
    assert download(extension, "exe").status_code == 404


def test_the_office_edits_a_notice_template_and_a_broken_one_is_refused(client, world):
    client.force_login(world.office)
    page = client.get(reverse("foi_staff:templates")).content.decode()
    assert "延期答复告知书" in page and "征求意见函" in page
    template = world.institution.foi_notice_templates.get(kind="extension")
    url = reverse("foi_staff:notice_template_edit", kwargs={"pk": template.pk})
    assert client.post(url, {"title": "延期告知", "body": "{% if %}"}).status_code == 200
    template.refresh_from_db()
    assert template.title == "延期答复告知书"
    assert (
        client.post(
            url, {"title": "延期告知", "body": "{{ notice.recipient }}：延期至{{ notice.deadline }}"}
        ).status_code
        == 302
    )
    template.refresh_from_db()
    assert template.title == "延期告知"
