"""The API: `/api/v1/…`, its OpenAPI schema at `/api/schema/` and a browsable page at `/api/docs/`
(Swagger UI from django-ninja's own static files, no CDN). Errors are JSON `{"detail": …}`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from xxgk.api import private, public
from xxgk.core.transitions import Conflict

api = NinjaAPI(
    title="xxgk 高校信息公开平台接口",
    version="1",
    description=(
        "公开数据无需令牌；拟稿、登记申请和读取统计需要学校办公室签发的令牌（Authorization: Bearer xxgk_…），"
        "每次调用都记录在案。"
    ),
    urls_namespace="api",
    docs_url="docs/",
    openapi_url="schema/",
    throttle=[
        AnonRateThrottle(getattr(settings, "XXGK_API_RATE_ANONYMOUS", "120/m")),
        AuthRateThrottle(getattr(settings, "XXGK_API_RATE_TOKEN", "600/m")),
    ],
)
api.add_router("/v1", public.router)
api.add_router("/v1", private.router)


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    return api.create_response(request, {"detail": "无权进行此操作"}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Conflict)
def _conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(DataError)
def _unstorable(request, exc):
    """A value no database can hold (a NUL character on PostgreSQL): the request is refused, never a 500."""
    return api.create_response(request, {"detail": "请求中含有无法处理的字符"}, status=400)
