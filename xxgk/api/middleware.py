"""Every call made with an API token is logged (who, when, what, with which result)."""

from __future__ import annotations


class TokenUseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            from xxgk.api.tokens import record_use

            record_use(token, request.method, request.path, response.status_code)
        return response
