"""Site-wide middleware: Chinese unless chosen, a per-visitor ceiling on anonymous POSTs."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
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
            and not spam.take("post", request, settings.XXGK_PUBLIC_POSTS_PER_HOUR)
        ):
            return too_many(request)
        return self.get_response(request)


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
