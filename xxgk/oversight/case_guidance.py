"""What the case page offers a person now: the stage, the answer deadline with its status, the next step, the
warnings that concern the deadline, and only the actions that fit this stage for this person (asked of the
one policy), the usual one first and the rest under 其他操作. The services still decide; this only chooses
what to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.org.policy import can
from xxgk.oversight.case_deadlines import AnswerDue, answer_due
from xxgk.oversight.models import Case, CaseKind, CaseStage
from xxgk.oversight.next_steps import case_next_step
from xxgk.oversight.rules_data import rules
from xxgk.workdays import DUE_SOON, OVERDUE, Calendar, Due, due_status, working_days_left

STATUS_LABELS = {
    "on_track": gettext_lazy("正常"),
    "due_soon": gettext_lazy("即将到期"),
    "overdue": gettext_lazy("已逾期"),
}


@dataclass
class Note:
    """A message on the page, in the message component's kinds: error, warning, info, success."""

    kind: str
    text: str


@dataclass
class CaseGuide:
    next_step: str
    deadline: AnswerDue | None = None
    deadline_label: str = ""
    status: str = ""  # on_track / due_soon / overdue while an answer is owed
    primary: list[str] = field(default_factory=list)  # action names of oversight_staff:case_act
    other: list[str] = field(default_factory=list)  # folded under 其他操作
    notes: list[Note] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, ""))


def deadline_label(case: Case) -> str:
    return _("答辩期限") if case.kind == CaseKind.LITIGATION else _("答复期限")


def answered_label(case: Case) -> str:
    """The name of the date the answer went out."""
    if case.kind == CaseKind.LITIGATION:
        return _("答辩日期")
    if case.kind == CaseKind.REVIEW:
        return _("书面答复日期")
    return _("答复日期")


def answer_label(case: Case) -> str:
    """The name of the answer step on a button and in the history."""
    if case.kind == CaseKind.LITIGATION:
        return _("登记已提交答辩状")
    if case.kind == CaseKind.REVIEW:
        return _("登记已提交书面答复")
    return _("登记已答复举报人")


def guide(user, case: Case, *, today: date, calendar: Calendar) -> CaseGuide:
    g = CaseGuide(next_step=case_next_step(user, case), deadline_label=deadline_label(case))
    g.deadline = answer_due(case, calendar)
    if g.deadline is not None:
        due = Due(g.deadline.date, 0, case.served_on or case.filed_on)
        g.status = due_status(due, today, calendar, due_soon_within=rules()["due_soon_within"])
    manage = can(user, "manage", case)
    if manage:
        if case.stage == CaseStage.ANSWERING:
            g.primary.append("answer")
            g.other.append("decide")  # withdrawn or settled before any answer
        elif case.stage == CaseStage.WAITING:
            g.primary.append("decide")
        g.other.append("edit")
    if g.deadline is not None and g.status == OVERDUE:
        late = -working_days_left(due, today, calendar)
        text = _("%(label)s（%(due)s）已过 %(n)s 个工作日，尚未登记答复。") % {
            "label": g.deadline_label,
            "due": g.deadline.date.isoformat(),
            "n": late,
        }
        g.notes.append(Note("warning", text + (_("已经提交的，请登记提交日期。") if manage else "")))
    elif g.deadline is not None and g.status == DUE_SOON:
        left = working_days_left(due, today, calendar)
        g.notes.append(
            Note(
                "warning",
                _("%(label)s即将届满：还剩 %(n)s 个工作日（%(due)s）。")
                % {"label": g.deadline_label, "n": left, "due": g.deadline.date.isoformat()},
            )
        )
    if case.stage == CaseStage.ANSWERING and case.kind != CaseKind.COMPLAINT and not case.served_on and manage:
        if case.due_by is None:
            g.notes.append(
                Note(
                    "info",
                    _("尚未登记收到副本日期，期限暂按收到（立案）日期起算；收到副本后请在“修改登记信息”中补填。"),
                )
            )
    if case.stage == CaseStage.ANSWERING and g.deadline is None and manage:
        g.notes.append(Note("info", _("举报没有法定答复期限；转办单位或学校规定了期限的，请在“修改登记信息”中填写。")))
    return g
