"""The applicant withdraws their own application (申请人撤回), from the public status page.

Distinct from 视为放弃 (State.WITHDRAWN: no supplement by the deadline). The application is closed as
State.CANCELLED with the reason "申请人撤回申请" of the 其他处理 type, which the national table counts under
"（六）其他处理" (its sub-row "其他"; regulations.md §3.1 leaves the sub-rows unverified, data/reply_types.json
maps them). The caller has checked the query code and secret, as the status page does.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.foi.loader import ensure_reply_types
from xxgk.foi.models import Application, ClockPause, EventAction, ReplyReason, ReplyType, State
from xxgk.foi.services import APPLICATIONS, _closing

#: The reply type and reason (data/reply_types.json) a withdrawn application is closed with.
OUTCOME_TYPE, OUTCOME_REASON = "other", "withdrawn"
NOTE_MAX = 500


@transaction.atomic
def withdraw(app: Application, *, note: str = "", today: date | None = None) -> Application:
    """Close `app` at the applicant's request while it is open; an event records it (actor None: the applicant)."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("撤回说明不能超过500个字。")})
    app = APPLICATIONS.lock(app)
    if not app.is_open:
        raise ValidationError(_("本申请已经办结，不能撤回。"))
    on = today or timezone.localdate()
    ensure_reply_types()
    outcome_type = ReplyType.objects.get(code=OUTCOME_TYPE)
    reason = ReplyReason.objects.filter(reply_type=outcome_type, code=OUTCOME_REASON).first()
    from_state = app.state
    changes = _closing(app, state=State.CANCELLED, on=on, outcome_type=outcome_type, outcome_reason=reason)
    changes.update(on_time=None, working_days_taken=None)  # not a reply: no answer time to count
    ClockPause.objects.filter(application=app, ended_on__isnull=True).update(ended_on=on)
    return APPLICATIONS.save(app, changes, None, EventAction.CANCELLED, from_state=from_state, comment=note)
