"""Third-party consultations past their answer date (第三方逾期未提出意见).

A consultation (a `ClockPause`) has the answer date its 征求意见函 gave the third party. When that date
has passed without the office recording an answer, the rules file decides (`RuleSet.consultation_lapse`,
default in data/rules.json): `resume` ends the pause on the answer date, so the clock runs again from the
next working day; `alert` leaves the pause open and the office is told every day until it records the end
(`services.end_consultation`). Either way the lapse is written once as a `consultation_lapsed` event.
`foi_alerts` runs `lapse_due` daily and reports `overdue`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.foi.journal import APPLICATIONS
from xxgk.foi.loader import rules_for
from xxgk.foi.models import OPEN_STATES, ClockPause, ConsultationLapse, EventAction
from xxgk.foi.services import _with_due
from xxgk.org.policy import require
from xxgk.workcalendar.calendar import calendar_for


def answer_date(pause: ClockPause, calendar=None) -> date:
    """The third party's answer date: stored when the letter was sent, else counted from the start (older rows)."""
    if pause.answer_by:
        return pause.answer_by
    rules = rules_for(pause.application.institution)
    return (calendar or calendar_for(pause.application.institution)).add(pause.started_on, rules.consultation_days).date


def _open_pauses(institution=None):
    qs = ClockPause.objects.filter(ended_on__isnull=True, application__state__in=OPEN_STATES).select_related(
        "application__institution"
    )
    if institution is not None:
        qs = qs.filter(application__institution=institution)
    return qs.order_by("started_on", "id")


def overdue(institution=None, today: date | None = None) -> list[tuple[ClockPause, date]]:
    """Open consultations whose answer date has passed: (pause, answer date)."""
    today = today or timezone.localdate()
    found = []
    for pause in _open_pauses(institution):
        by = answer_date(pause)
        if today > by:
            found.append((pause, by))
    return found


@transaction.atomic
def lapse(actor, pause: ClockPause, *, today: date | None = None) -> ClockPause:
    """Handle one consultation past its answer date as the rules say; actor None: the daily job."""
    app = APPLICATIONS.lock(pause.application)
    if actor is not None:
        require(actor, "handle", app)
    pause = ClockPause.objects.select_for_update().get(pk=pause.pk)
    today = today or timezone.localdate()
    by = answer_date(pause)
    if pause.ended_on is not None or pause.lapsed_on is not None:
        raise ValidationError(_("该征求意见已经结束或已处理。"))
    if today <= by:
        raise ValidationError(_("第三方答复期限（%(d)s）尚未届满。") % {"d": by})
    resume = rules_for(app.institution).consultation_lapse == ConsultationLapse.RESUME
    pause.lapsed_on, pause.answer_by = today, by
    if resume:
        pause.ended_on = by
    pause.save(update_fields=["lapsed_on", "answer_by", "ended_on"])
    changes = _with_due(app)
    APPLICATIONS.save(
        app,
        changes,
        actor,
        EventAction.CONSULTATION_LAPSED,
        from_state=app.state,
        third_party=pause.third_party,
        answer_by=by.isoformat(),
        resumed=resume,
        due_on=app.due_on.isoformat() if app.due_on else None,
    )
    return pause


def lapse_due(today: date | None = None) -> list[ClockPause]:
    """Every open consultation past its answer date and not yet handled, handled now."""
    today = today or timezone.localdate()
    return [lapse(None, pause, today=today) for pause, _by in overdue(today=today) if pause.lapsed_on is None]
