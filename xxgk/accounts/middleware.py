"""Sessions end after XXGK_SESSION_IDLE_MINUTES without a request."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SEEN = "xxgk_seen"  # the time of the session's last request, rewritten at most once a minute
WRITE_EVERY = 60


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = settings.XXGK_SESSION_IDLE_MINUTES
        user = getattr(request, "user", None)
        if minutes > 0 and user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN)
            if isinstance(seen, int) and now - seen > minutes * 60:
                logout(request)
                messages.info(request, _("您已较长时间未操作，为安全起见已自动退出，请重新登录。"))
            elif not isinstance(seen, int) or now - seen >= WRITE_EVERY:
                request.session[SEEN] = now
        return self.get_response(request)
