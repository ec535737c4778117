"""The applicant's status page: code + secret, forged secrets refused alike, no identity, the reply and its letter."""

from datetime import date

from django.urls import reverse

from tests.foi.conftest import VALID_ID, applicant, second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyType

STATUS = reverse("foi:status", kwargs={"slug": "hblg"})


def submit(world, **fields):
    return services.submit_online(world.institution, applicant(**fields), today=date(2024, 3, 1))


def lookup(client, code, secret, ip="10.1.1.1"):
    return client.post(STATUS, {"code": code, "secret": secret}, REMOTE_ADDR=ip)


def test_code_and_secret_open_the_status_page_without_identity(client, world):
    receipt = submit(world)
    response = lookup(client, receipt.application.code, receipt.secret.lower())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2024-03-01" in page and "2024-03-22" in page and "已受理" in page
    for private in ("王小明", VALID_ID, "13800138000", "wxm@example.com", "人民大道"):
        assert private not in page


def test_a_forged_secret_and_an_unknown_code_get_the_same_refusal(client, world):
    receipt = submit(world)
    wrong_secret = lookup(client, receipt.application.code, "AAAAAAAAAA").content.decode()
    wrong_code = lookup(client, "2024-ZZZZZZ", receipt.secret).content.decode()
    assert "查询码或查询密码不正确" in wrong_secret and "查询码或查询密码不正确" in wrong_code
    assert "王小明" not in wrong_secret


def test_the_status_page_needs_the_secret_even_with_the_code(client, world):
    receipt = submit(world)
    url = reverse("foi:status_detail", kwargs={"slug": "hblg", "code": receipt.application.code})
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == STATUS


def test_guessing_is_throttled(client, world):
    receipt = submit(world)
    for _ in range(10):
        lookup(client, receipt.application.code, "WRONG00000", ip="10.2.2.2")
    response = lookup(client, receipt.application.code, receipt.secret, ip="10.2.2.2")
    assert response.status_code == 429 and "查询失败次数过多" in response.content.decode()


def test_another_applicants_application_stays_closed(client, world):
    mine = submit(world)
    theirs = submit(world, name="李四", title="别人的申请")
    lookup(client, mine.application.code, mine.secret)
    other = theirs.application.code
    assert client.get(reverse("foi:status_detail", kwargs={"slug": "hblg", "code": other})).status_code == 302
    supplement = reverse("foi:supplement", kwargs={"slug": "hblg", "code": other})
    assert client.post(supplement, {"text": "冒充补正"}).status_code == 404
    letter = reverse("foi:letter", kwargs={"slug": "hblg", "code": other, "fmt": "pdf"})
    assert client.get(letter).status_code == 404
    # the code of one institution does not open under another institution's address
    url = reverse("foi:status_detail", kwargs={"slug": "scsf", "code": mine.application.code})
    assert client.get(url).status_code == 302


def test_the_applicant_supplements_and_downloads_the_letter(client, world):
    receipt = submit(world)
    app = receipt.application
    services.request_correction(world.office, app, items="请写明所需信息的年份。")
    lookup(client, app.code, receipt.secret)
    detail = reverse("foi:status_detail", kwargs={"slug": "hblg", "code": app.code})
    page = client.get(detail).content.decode()
    assert "需要补正" in page and "请写明所需信息的年份。" in page
    empty = client.post(reverse("foi:supplement", kwargs={"slug": "hblg", "code": app.code}), {"text": ""})
    assert empty.status_code == 400
    client.post(reverse("foi:supplement", kwargs={"slug": "hblg", "code": app.code}), {"text": "2023年"})
    app.refresh_from_db()
    assert app.state == "received" and app.supplement == "2023年"
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="现将统计表随函提供。"
    )
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app)
    page = client.get(detail).content.decode()
    assert "现将统计表随函提供。" in page and "予以公开" in page
    pdf = client.get(reverse("foi:letter", kwargs={"slug": "hblg", "code": app.code, "fmt": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
