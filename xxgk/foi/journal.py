"""The applications' journal (`xxgk.core.transitions.Journal`): how an application is locked, saved and its events written.

Kept apart from `services` so that the modules services use (`notices`) can write events too."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xxgk.core.transitions import Journal
from xxgk.foi.models import Application, ApplicationEvent

APPLICATIONS = Journal(
    Application,
    ApplicationEvent,
    subject="application",
    conflict_message=gettext_lazy("该申请已被他人处理或修改，请刷新页面后再操作。"),
    related=("institution", "department"),
)
