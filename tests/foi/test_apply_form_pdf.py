"""The printable 申请表 is a PDF carrying the online form's field labels, the signature and date lines
and the institution's name; it answers GET only and holds nothing personal (cacheable, no cookie)."""

import pymupdf
from django.urls import reverse

from xxgk.foi.forms import ApplicantForm

URL = reverse("foi:form_pdf", kwargs={"slug": "hblg"})


def _text(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    return "".join("".join(page.get_text().split()) for page in doc)


def test_the_form_is_a_one_page_pdf_with_the_fields_and_the_institution(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF-")
    assert pymupdf.open(stream=data, filetype="pdf").page_count == 1
    text = _text(data)
    assert world.institution.name in text
    for field in ApplicantForm().fields.values():
        assert "".join(str(field.label).split()) in text, field.label
    for label in ("自然人", "法人或其他组织", "纸质", "电子", "邮寄", "申请人签名（盖章）", "申请日期"):
        assert label in text


def test_the_form_follows_the_institutions_name(client, world):
    world.institution.name = "滨海示范职业技术学院"
    world.institution.save()
    assert "滨海示范职业技术学院" in _text(client.get(URL).content)


def test_the_form_is_get_only_and_cacheable(client, world):
    assert client.post(URL).status_code == 405
    response = client.get(URL)
    assert "public" in response["Cache-Control"]
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert client.get(reverse("foi:form_pdf", kwargs={"slug": "no-such-school"})).status_code == 404


def test_the_english_form_has_english_labels_on_one_page(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = client.get(URL).content
    assert pymupdf.open(stream=data, filetype="pdf").page_count == 1
    text = _text(data)
    assert "Informationdisclosurerequestform" in text
    assert "Applicant'ssignature" in text and "信息公开申请表" not in text
    assert world.institution.name in text
