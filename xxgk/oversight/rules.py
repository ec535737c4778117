"""Who may act on mailboxes, letters, cases and surveys (registered with xxgk.org.policy).

- The office (办公室管理员) does every office step for its institution's boxes;
  a box's handlers act as the office for that box.
- For a letter routed to a department, or a letter to a department's box, that
  department's 信息员 drafts and its 签发人 or 审核人 approves as the head.
- Cases and surveys are the office's; a supervisor reads cases.
"""

from __future__ import annotations

from xxgk.org.models import Role
from xxgk.org.policy import Grants, register
from xxgk.oversight.models import Case, Letter, LetterState, Mailbox, Survey

OFFICE_ACTIONS = {
    "register",
    "classify",
    "route",
    "escalate",
    "direct",
    "invalidate",
    "extend",
    "check",
    "return_check",
    "send",
    "archive",
}
HEAD_ROLES = {Role.SIGNER, Role.CHECKER}


def _user_id(g: Grants):
    return g.memberships[0].user_id if g.memberships else None


def is_box_office(g: Grants, mailbox: Mailbox) -> bool:
    if g.is_office_admin(mailbox.institution_id):
        return True
    uid = _user_id(g)
    cached = getattr(mailbox, "_handler_ids", None)
    if cached is None:
        cached = set(mailbox.handlers.values_list("pk", flat=True))
        mailbox._handler_ids = cached
    return uid in cached


def drafting_department(letter: Letter):
    return letter.routed_department or (letter.mailbox.department if letter.mailbox.department_id else None)


@register(Mailbox)
def mailbox_rules(g: Grants, action: str, mailbox: Mailbox) -> bool:
    if action in {"register", "view_letters"}:
        return is_box_office(g, mailbox)
    if action == "manage":
        return g.is_office_admin(mailbox.institution_id)
    return False


@register(Letter)
def letter_rules(g: Grants, action: str, letter: Letter) -> bool:
    office = is_box_office(g, letter.mailbox)
    dept = drafting_department(letter)
    dept_roles = g.roles_for(dept) if dept is not None else set()
    state = letter.state
    if action == "view":
        return office or (dept is not None and bool(g.department_roles(dept)))
    if action in {"classify", "route", "escalate", "direct"}:
        return office and state in {LetterState.RECEIVED, LetterState.ESCALATED}
    if action == "invalidate":
        return office and state in {LetterState.RECEIVED, LetterState.ESCALATED}
    if action == "extend":
        return office and letter.is_open
    if action == "draft":
        if state != LetterState.DRAFTING:
            return False
        if dept is not None and Role.DRAFTER in g.department_roles(dept):
            return True
        return office and letter.routed_department_id is None
    if action in {"approve", "return_draft"}:
        return state == LetterState.APPROVING and bool(HEAD_ROLES & dept_roles)
    if action in {"check", "return_check"}:
        return office and state == LetterState.CHECKING
    if action == "send":
        return office and state == LetterState.READY
    if action == "archive":
        return office and state == LetterState.REPLIED
    return False


@register(Case)
def case_rules(g: Grants, action: str, case: Case) -> bool:
    if action == "view":
        return g.is_office_admin(case.institution_id) or g.is_supervisor
    if action == "manage":
        return g.is_office_admin(case.institution_id)
    return False


@register(Survey)
def survey_rules(g: Grants, action: str, survey: Survey) -> bool:
    if action == "view":
        return g.is_office_admin(survey.institution_id) or g.is_supervisor
    return action == "manage" and g.is_office_admin(survey.institution_id)
