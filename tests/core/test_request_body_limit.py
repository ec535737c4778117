"""A body over XXGK_MAX_REQUEST_BYTES is refused from its Content-Length, before anything reads or
spools it (a 300 MB anonymous multipart body used to be written to disk first)."""

import io

from django.test import Client


class _Exploding(io.BytesIO):
    def read(self, *args):
        raise AssertionError("the body must not be read")


def _post(client, path, length: str):
    return client.generic(
        "POST",
        path,
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=length,
        **{"wsgi.input": _Exploding()},
    )


def test_an_oversized_body_is_refused_unread(db, settings):
    settings.XXGK_MAX_REQUEST_BYTES = 1024
    response = _post(Client(), "/hblg/apply/", str(300 * 1024 * 1024))
    assert response.status_code == 413
    assert "上限" in response.content.decode()


def test_a_nonsense_length_is_a_bad_request(db, settings):
    assert _post(Client(), "/hblg/apply/", "lots").status_code == 400


def test_a_body_within_the_limit_reaches_the_view(world, client, settings):
    settings.XXGK_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post("/hblg/apply/", {"name": "x"})
    assert response.status_code != 413 and "提交的内容过大" not in response.content.decode()
    assert "请填写" in response.content.decode()  # the form's own messages: the view read the body
