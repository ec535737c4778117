"""Chinese unless the visitor chose otherwise."""


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
