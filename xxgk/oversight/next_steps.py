"""The one place that words the next step on a letter or a case: 我的待办 and the page say the same thing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xxgk.org.policy import can
from xxgk.oversight.models import Case, CaseKind, CaseStage, Letter, LetterState

# policy action → the next step, in the words of the person who takes it (also who is alerted)
NEXT = {
    "route": _("分办：转交部门、直接答复或呈报领导"),
    "draft": _("拟写答复"),
    "approve": _("部门负责人审核答复：通过或退回"),
    "check": _("办公室审核答复：通过或退回"),
    "send": _("发送答复"),
}
ARCHIVE = _("已答复；可以归档")
# everyone else who sees the letter: what it is waiting for
WAITING = {
    LetterState.RECEIVED: _("等待信箱管理人员分办"),
    LetterState.ESCALATED: _("已呈报领导，等待批示后分办"),
    LetterState.DRAFTING: _("等待承办部门拟写答复"),
    LetterState.APPROVING: _("等待部门负责人审核答复"),
    LetterState.CHECKING: _("等待办公室审核答复措辞"),
    LetterState.READY: _("等待办公室答复来信人"),
    LetterState.REPLIED: _("已答复来信人"),
}
DONE = _("已办结，无需办理")

# cases (举报、行政复议、行政诉讼): (kind, stage) → the next step of whoever manages the case (the office)
CASE_NEXT = {
    (CaseKind.REVIEW, CaseStage.ANSWERING): _("向复议机关提交书面答复和作出行为的证据、依据，然后登记答复"),
    (CaseKind.REVIEW, CaseStage.WAITING): _("等待复议机关作出决定；收到行政复议决定书后登记结果"),
    (CaseKind.LITIGATION, CaseStage.ANSWERING): _("向人民法院提交答辩状和证据、规范性文件，然后登记答辩"),
    (CaseKind.LITIGATION, CaseStage.WAITING): _("等待人民法院审理；收到判决书或裁定书后登记结果"),
    (CaseKind.COMPLAINT, CaseStage.ANSWERING): _("调查核实举报事项，答复举报人或向转办单位报告处理结果"),
    (CaseKind.COMPLAINT, CaseStage.WAITING): _("已答复举报人；登记处理结果"),
}
# everyone else who sees the case (the supervisor): what it is waiting for
CASE_WAITING = {
    CaseStage.ANSWERING: _("等待学校答复（答辩）"),
    CaseStage.WAITING: _("学校已答复，等待审结"),
}
CASE_DONE = _("已审结（%(outcome)s），无需办理")


def case_next_step(user, case: Case) -> str:
    """The next step for `user` on `case`, in plain words."""
    if case.stage == CaseStage.DECIDED:
        return str(CASE_DONE) % {"outcome": case.get_outcome_display()}
    if can(user, "manage", case):
        return str(CASE_NEXT[(case.kind, case.stage)])
    return str(CASE_WAITING[case.stage])


def next_step(user, obj: Letter | Case) -> str:
    """The next step for `user` on a letter or a case, in plain words."""
    if isinstance(obj, Case):
        return case_next_step(user, obj)
    letter = obj
    for action, text in NEXT.items():
        if can(user, action, letter):
            return str(text)
    if can(user, "archive", letter):
        return str(ARCHIVE)
    if letter.state in WAITING:
        return str(WAITING[letter.state])
    return str(DONE)
