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


class YearArrangement(models.Model):
    """A year's official holiday arrangement (国务院办公厅的放假安排通知) as entered by the administrator.

    Entering it makes the year firm: its listed rest days and make-up workdays
    decide, every other day is Monday to Friday (the statutory rules' 暂定 dates
    give way). Deployment-wide, like the override table.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    rest_days = models.JSONField(_("放假日期"), default=list)  # ISO dates
    workdays = models.JSONField(_("调休上班日期"), default=list)  # ISO dates
    note = models.CharField(_("依据"), max_length=200)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")

    def __str__(self) -> str:
        return f"{self.year}"

    def days(self) -> dict:
        """date → whether it is a workday."""
        from datetime import date

        out = {date.fromisoformat(d): False for d in self.rest_days}
        out.update({date.fromisoformat(d): True for d in self.workdays})
        return out


class InstitutionClosure(models.Model):
    """A day one institution is closed (a local holiday): a rest day for its own deadlines only."""

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.CASCADE, related_name="closures", verbose_name=_("学校")
    )
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["institution", "date"]
        constraints = [models.UniqueConstraint(fields=["institution", "date"], name="workcalendar_closure_once")]
        verbose_name = _("本校闭校日")
        verbose_name_plural = _("本校闭校日")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.note}"
