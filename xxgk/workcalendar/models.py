"""The office's override table for the working-day calendar (deployment-wide: it corrects the national calendar)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A date whose working-day status the office sets by hand.

    Used for dates the bundled official calendar does not know yet (a new
    year's State Council notice) or gets wrong. An override wins over the
    official calendar.
    """

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("工作日覆盖")
        verbose_name_plural = _("工作日覆盖")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'工作日' if self.is_workday else '休息日'}"
