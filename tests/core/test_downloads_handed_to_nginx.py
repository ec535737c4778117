"""With XXGK_MEDIA_ACCEL_REDIRECT (local storage behind nginx) a download the view allowed is handed to
nginx's internal location: an empty response naming the stored file, with the file's type and name;
the view still decides who may have it, and a lost file is a 404. Without the setting the app sends the
file itself."""

from __future__ import annotations

from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xxgk.publishing import services


def _attachment(world):
    record = world.draft()
    return services.add_attachment(
        world.drafter_a, record, SimpleUploadedFile("安全说明.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    )


def test_nginx_sends_what_the_view_allowed(client, world, settings):
    settings.XXGK_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    attachment = _attachment(world)
    url = reverse("workbench:attachment", args=[attachment.pk])

    client.force_login(world.drafter_b)  # another department's drafter may not see a draft's files
    assert client.get(url).status_code == 403

    client.force_login(world.drafter_a)
    response = client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(attachment.file.name)
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and "filename" in response["Content-Disposition"]

    attachment.file.storage.delete(attachment.file.name)
    assert client.get(url).status_code == 404


def test_without_the_setting_the_app_sends_the_file(client, world, settings):
    settings.XXGK_MEDIA_ACCEL_REDIRECT = ""
    attachment = _attachment(world)
    client.force_login(world.drafter_a)
    response = client.get(reverse("workbench:attachment", args=[attachment.pk]))
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
