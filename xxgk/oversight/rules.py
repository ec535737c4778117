"""Who may act on mailboxes, letters, cases and surveys (registered with xxgk.org.policy).

- The office (办公室管理员) does every office step for its institution's boxes;
  a box's handlers act as the office for that box.
- For a letter routed to a department, or a letter to a department's box, that
  department's 信息员 drafts and its 签发人 or 审核人 approves as the head.
- Cases and surveys are the office's; a supervisor reads them.
"""

from __future__ import annotations

from django.db.models import Q

from xxgk.org.models import Role
from xxgk.org.policy import Grants, Rule, register
from xxgk.oversight.models import OPEN_STATES, Case, Letter, LetterState, Mailbox, Survey

HEAD_ROLES = {Role.SIGNER, Role.CHECKER}
SORTING_STATES = {LetterState.RECEIVED, LetterState.ESCALATED}
OFFICE_STEPS = {
    "check": LetterState.CHECKING,
    "return_check": LetterState.CHECKING,
    "send": LetterState.READY,
    "archive": LetterState.REPLIED,
}


def is_box_office(g: Grants, mailbox: Mailbox) -> bool:
    """The office of the box's institution, or one of the box's handlers."""
    if g.is_office_admin(mailbox.institution_id):
        return True
    cached = getattr(mailbox, "_handler_ids", None)
    if cached is None:
        cached = {u.pk for u in mailbox.handlers.all()}  # uses prefetch_related("handlers") when there is one
        mailbox._handler_ids = cached
    return g.user_id in cached


def box_office_q(g: Grants, mailbox: str = "") -> Q:
    """Counterpart of `is_box_office` for the mailbox reached through `mailbox` ("" for a Mailbox itself)."""
    handled = Mailbox.handlers.through.objects.filter(user_id=g.user_id).values("mailbox_id")
    prefix = f"{mailbox}__" if mailbox else ""
    return g.office_q(f"{prefix}institution_id") | Q(**{f"{mailbox or 'pk'}__in": handled})


def drafting_department(letter: Letter):
    return letter.routed_department or (letter.mailbox.department if letter.mailbox.department_id else None)


def drafting_department_q(q_for) -> Q:
    """Counterpart of a test on `drafting_department(letter)`: `q_for(path)` builds the Q for the
    department reached through `path`."""
    return q_for("routed_department") | (Q(routed_department__isnull=True) & q_for("mailbox__department"))


@register(Mailbox)
class MailboxRule(Rule):
    actions = frozenset({"register", "view_letters", "manage"})

    def test(self, g: Grants, action: str, mailbox: Mailbox) -> bool:
        if action == "manage":
            return g.is_office_admin(mailbox.institution_id)
        return is_box_office(g, mailbox)

    def scope(self, g: Grants, action: str) -> Q:
        if action == "manage":
            return g.office_q()
        return box_office_q(g)


@register(Letter)
class LetterRule(Rule):
    actions = frozenset(
        {
            "view",
            "classify",
            "route",
            "escalate",
            "direct",
            "invalidate",
            "extend",
            "draft",
            "approve",
            "return_draft",
            *OFFICE_STEPS,
        }
    )

    def test(self, g: Grants, action: str, letter: Letter) -> bool:
        office = is_box_office(g, letter.mailbox)
        dept = drafting_department(letter)
        state = letter.state
        if action == "view":
            return office or bool(g.department_roles(dept))
        if action in {"classify", "route", "escalate", "direct", "invalidate"}:
            return office and state in SORTING_STATES
        if action == "extend":
            return office and letter.is_open
        if action == "draft":
            if state != LetterState.DRAFTING:
                return False
            return Role.DRAFTER in g.department_roles(dept) or (office and letter.routed_department_id is None)
        if action in {"approve", "return_draft"}:
            return state == LetterState.APPROVING and bool(HEAD_ROLES & g.roles_for(dept))
        return office and state == OFFICE_STEPS[action]

    def scope(self, g: Grants, action: str) -> Q:
        office = box_office_q(g, "mailbox")
        if action == "view":
            return office | drafting_department_q(lambda path: g.department_q(field=f"{path}_id"))
        if action in {"classify", "route", "escalate", "direct", "invalidate"}:
            return office & Q(state__in=SORTING_STATES)
        if action == "extend":
            return office & Q(state__in=OPEN_STATES)
        if action == "draft":
            drafter = drafting_department_q(lambda path: g.department_q(Role.DRAFTER, f"{path}_id"))
            return Q(state=LetterState.DRAFTING) & (drafter | (office & Q(routed_department__isnull=True)))
        if action in {"approve", "return_draft"}:
            heads = drafting_department_q(lambda path: g.role_q(roles=HEAD_ROLES, department=path))
            return Q(state=LetterState.APPROVING) & heads
        return office & Q(state=OFFICE_STEPS[action])


@register(Case)
class CaseRule(Rule):
    actions = frozenset({"view", "manage"})

    def test(self, g: Grants, action: str, case: Case) -> bool:
        return g.is_office_admin(case.institution_id) or (action == "view" and g.is_supervisor)

    def scope(self, g: Grants, action: str) -> Q:
        return Q() if action == "view" and g.is_supervisor else g.office_q()


@register(Survey)
class SurveyRule(Rule):
    actions = frozenset({"view", "manage"})

    def test(self, g: Grants, action: str, survey: Survey) -> bool:
        return g.is_office_admin(survey.institution_id) or (action == "view" and g.is_supervisor)

    def scope(self, g: Grants, action: str) -> Q:
        return Q() if action == "view" and g.is_supervisor else g.office_q()
