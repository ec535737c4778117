"""Fail closed on configuration: what refuses to start, and what `xxgk check --deploy` reports.

Two layers read the same settings:

* `startup_problems(server=...)` lists what makes a start unsafe. The WSGI application (gunicorn,
  uwsgi, `xxgk runserver`) refuses to be built while it lists anything (`xxgk/wsgi.py`), and every
  management command but `check`, `help` and `version` refuses to run without a SECRET_KEY
  (`xxgk/cli.py`), so that an operator finds out at once and `check --deploy` can still say why.
* The deploy checks (`xxgk check --deploy`) list every unsafe setting with its own id:

  xxgk.E001  no SECRET_KEY with DEBUG off
  xxgk.W001  a weak SECRET_KEY (the public development key, short, or few distinct characters)
  xxgk.E002  ALLOWED_HOSTS contains '*' without XXGK_SITE_URL
  xxgk.W002  SQLite: one writer at a time, so a multi-process server queues writes and times out under load;
             production needs PostgreSQL
  xxgk.W003  no shared cache (REDIS_URL): limits and caches are kept per process
  xxgk.W004  DEBUG on
  xxgk.W005  XXGK_PUBLIC_RATE_LIMITS off
  xxgk.W006  an e-mail backend that sends nothing (console, file, memory, dummy)
  xxgk.W007  behind an HTTPS proxy without XXGK_TRUSTED_PROXIES: every visitor shares the proxy's limits
  xxgk.W008  no XXGK_SITE_URL: messages to applicants and staff carry no link to their case
  xxgk.W020  no XXGK_BROKER_URL (jobs reach only the workers of this machine, through a folder), or the broker in
             the cache's Redis database (clearing the cache would drop queued jobs' messages)
  xxgk.W019  XXGK_TWO_FACTOR off: office administrators, supervisors and superusers sign in locally with a password only

This module reads settings only; it imports no app, so `xxgk.wsgi` and the CLI can call it before
Django is set up.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

#: commands that run without a SECRET_KEY: they report, they never sign anything
KEYLESS_COMMANDS = frozenset({"check", "help", "version", "--help", "-h", "--version"})
PER_PROCESS_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache")
SILENT_EMAIL_BACKENDS = ("console", "filebased", "locmem", "dummy")


def _key_missing() -> bool:
    return not settings.DEBUG and getattr(settings, "XXGK_SECRET_KEY_SOURCE", "environment") == "missing"


def _key_weak() -> bool:
    key = settings.SECRET_KEY
    return (
        key == getattr(settings, "DEV_SECRET_KEY", None)
        or key.startswith("django-insecure")
        or len(key) < 50
        or len(set(key)) < 5
    )


def _any_host() -> bool:
    return "*" in settings.ALLOWED_HOSTS and not getattr(settings, "XXGK_SITE_URL", "")


def startup_problems(*, server: bool) -> list[str]:
    """What forbids this start, in Chinese with the setting names. `server`: the WSGI app is being built."""
    if settings.DEBUG:
        return []
    problems = []
    if _key_missing():
        problems.append(
            "未设置 SECRET_KEY：DEBUG 关闭时必须在环境变量中设置 SECRET_KEY（至少 50 个字符的随机值，"
            "例如 python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 的输出）。"
            "开发环境请设置 DEBUG=1。"
        )
    elif server and settings.SECRET_KEY == getattr(settings, "DEV_SECRET_KEY", None):
        problems.append("SECRET_KEY 是公开的开发用密钥：DEBUG 关闭时服务器必须使用自己的 SECRET_KEY。")
    if server and _any_host():
        problems.append(
            "ALLOWED_HOSTS 含有 '*'：任何 Host 头都会被接受。请列出本站的域名，"
            "或设置 XXGK_SITE_URL（如 https://xxgk.example.edu.cn），所有绝对网址都将以它为准。"
        )
    return problems


def refuse_unsafe_start(*, server: bool) -> None:
    """Raise ImproperlyConfigured with every problem when this start is unsafe."""
    problems = startup_problems(server=server)
    if problems:
        raise ImproperlyConfigured("xxgk 拒绝启动 / refusing to start:\n" + "\n".join(f"- {p}" for p in problems))


def refuse_unsafe_command(command: str | None) -> None:
    """For the CLI: exit with status 2 and the reasons when `command` may not run with these settings."""
    if command is None or command in KEYLESS_COMMANDS:
        return
    try:
        refuse_unsafe_start(server=command == "runserver")
    except ImproperlyConfigured as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None


@register(Tags.security, deploy=True)
def check_deployment(app_configs=None, **kwargs):
    from django.utils.translation import gettext as _

    found = []
    if _key_missing():
        found.append(
            Error(
                _("未设置 SECRET_KEY。"),
                hint=_("在环境变量中设置至少 50 个字符的随机值；没有它服务器拒绝启动。"),
                id="xxgk.E001",
            )
        )
    elif _key_weak():
        found.append(
            Warning(
                _("SECRET_KEY 强度不够（公开的开发密钥、少于 50 个字符或字符种类少于 5 种）。"),
                hint=_("换成 python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 生成的值。"),
                id="xxgk.W001",
            )
        )
    if _any_host():
        found.append(
            Error(
                _("ALLOWED_HOSTS 含有 '*'，但没有设置 XXGK_SITE_URL。"),
                hint=_("列出本站的域名，或设置 XXGK_SITE_URL，使订阅、站点地图等绝对网址不取自请求的 Host 头。"),
                id="xxgk.E002",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        found.append(
            Warning(
                _(
                    "数据库是 SQLite：同一时刻只能有一个写入，多个服务器进程（如多个 gunicorn worker）的写入只能排队，繁忙时会超时失败。"
                ),
                hint=_("生产环境需要 PostgreSQL：设置 DATABASE_URL=postgres://用户@主机:5432/库名。"),
                id="xxgk.W002",
            )
        )
    if settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1] in PER_PROCESS_CACHES:
        found.append(
            Warning(
                _("没有设置 REDIS_URL：访问频率限制、登录锁定计数和页面缓存只存在于各个进程中。"),
                hint=_("多进程或多台服务器部署时设置 REDIS_URL（如 redis://127.0.0.1:6379/1），使限制对所有进程生效。"),
                id="xxgk.W003",
            )
        )
    broker = getattr(settings, "XXGK_BROKER_URL", "")
    cache_location = settings.CACHES["default"].get("LOCATION", "")
    if not broker or broker.rstrip("/") == str(cache_location).rstrip("/"):
        found.append(
            Warning(
                _(
                    "没有单独设置 XXGK_BROKER_URL：后台任务只能经本机的文件夹交给本机的工作进程，或与缓存共用一个 Redis 库（清空缓存会丢失排队任务的消息）。"
                )
                if not broker
                else _("XXGK_BROKER_URL 与缓存（REDIS_URL）是同一个 Redis 库：清空缓存会丢失排队任务的消息。"),
                hint=_("设置 XXGK_BROKER_URL 为单独的 Redis 库，如 redis://127.0.0.1:6379/2。"),
                id="xxgk.W020",
            )
        )
    if settings.DEBUG:
        found.append(Warning(_("DEBUG 已开启。"), hint=_("生产环境设置 DEBUG=0。"), id="xxgk.W004"))
    if not getattr(settings, "XXGK_PUBLIC_RATE_LIMITS", True):
        found.append(
            Warning(
                _("XXGK_PUBLIC_RATE_LIMITS 已关闭：公开表单和查询不限制访问频率。"),
                hint=_("只在压力测试时关闭；生产环境删除该设置。"),
                id="xxgk.W005",
            )
        )
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] if "." in settings.EMAIL_BACKEND else ""
    if backend in SILENT_EMAIL_BACKENDS:
        found.append(
            Warning(
                _("邮件后端（%(backend)s）不会真正发送邮件：到期提醒和年度报告提醒将无人收到。")
                % {"backend": settings.EMAIL_BACKEND},
                hint=_("设置 EMAIL_HOST 等 SMTP 参数，不要设置 EMAIL_BACKEND。"),
                id="xxgk.W006",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER and not getattr(settings, "XXGK_TRUSTED_PROXIES", []):
        found.append(
            Warning(
                _(
                    "站点在反向代理之后，但没有设置 XXGK_TRUSTED_PROXIES：所有访客都会被当作代理的地址，共用一份频率限制。"
                ),
                hint=_("把反向代理的地址（如 127.0.0.1 或 10.0.0.0/8）写入 XXGK_TRUSTED_PROXIES。"),
                id="xxgk.W007",
            )
        )
    if not getattr(settings, "XXGK_SITE_URL", ""):
        found.append(
            Warning(
                _("没有设置 XXGK_SITE_URL：发给申请人、来信人和工作人员的通知邮件不带办理页面的链接。"),
                hint=_("设置 XXGK_SITE_URL（如 https://xxgk.example.edu.cn）。"),
                id="xxgk.W008",
            )
        )
    if not getattr(settings, "XXGK_TWO_FACTOR", True):
        found.append(
            Warning(
                _("XXGK_TWO_FACTOR 已关闭：办公室管理员、督查和平台管理员用本地账号登录时只凭密码。"),
                hint=_("删除 XXGK_TWO_FACTOR=off，让他们在本地登录时使用动态口令（TOTP）。"),
                id="xxgk.W019",
            )
        )
    return found
