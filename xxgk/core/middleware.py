"""Site-wide middleware: Chinese unless chosen, a cap on request bodies, a per-visitor ceiling on anonymous POSTs."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from xxgk.core import spam


class ChineseUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language header, before Django's LocaleMiddleware.

    xxgk serves Chinese universities: pages are in Chinese (zh-hans) for
    everyone, and in English only for a visitor who picked English with the
    language switch (Django's language cookie). A half-translated staff page
    in an English-language browser helps nobody.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a body over XXGK_MAX_REQUEST_BYTES from its Content-Length, before anything reads it.

    Django spools uploaded files to disk as it parses them, which the CSRF check does before any view
    runs: without this, a 300 MB anonymous POST is written to disk before it is refused. A body sent
    without a Content-Length (chunked) is never read by Django's WSGI request at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0 or length > settings.XXGK_MAX_REQUEST_BYTES:
            limit = filesizeformat(settings.XXGK_MAX_REQUEST_BYTES)
            response = render(
                request,
                "request_too_large.html",
                {"message": _("提交的内容超过 %(limit)s 的上限，请压缩或拆分附件后再提交。") % {"limit": limit}},
                status=413 if length >= 0 else 400,
            )
            response["Connection"] = "close"  # the rest of the body is not read
            return response
        return self.get_response(request)


#: the login pages have their own lockout (django-axes, per username and address)
LOCKOUT_PATHS = ("/accounts/login/", "/admin/login/")


class PublicPostLimitMiddleware:
    """At most XXGK_PUBLIC_POSTS_PER_HOUR POSTs an hour from one anonymous visitor, on any page.

    It runs before the view, so before any password is hashed or any file is read, and it covers
    every public form, the ones added later too. Each form keeps its own tighter limits (submissions,
    lookups, ratings). After AuthenticationMiddleware: signed-in staff are not counted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and not request.path_info.startswith(LOCKOUT_PATHS)
            and not request.user.is_authenticated
            and not _api_call_with_token(request)
            and not spam.take("post", request, settings.XXGK_PUBLIC_POSTS_PER_HOUR)
        ):
            return too_many(request)
        return self.get_response(request)


def _api_call_with_token(request) -> bool:
    """An API call carrying a token: the API checks the token (a hash, no password) and throttles per token."""
    return request.path_info.startswith("/api/") and request.headers.get("Authorization", "").startswith("Bearer ")


def too_many(request, message: str | None = None):
    """The 429 page."""
    response = render(
        request,
        "too_many_requests.html",
        {"message": message or _("您在一小时内提交的次数过多，请稍后再试。")},
        status=429,
    )
    response["Retry-After"] = "3600"
    return response
