"""Who may act on records and channels (registered with the one policy in xxgk.org.policy).

- A record's department roles act on it; a reviewer role held for the whole institution acts on
  every department's records once they have left the drafting desk; 办公室管理员 acts on everything
  in its institution; 督查 reads whatever has left the drafting desk.
- A review step is approved or returned by whoever holds the step's role for the record's department.
"""

from __future__ import annotations

from django.db.models import Q

from xxgk.org.models import Role
from xxgk.org.policy import Grants, Rule, register
from xxgk.publishing.models import DRAFTING_STATES, Channel, Record, RecordState

POSTABLE_STATES = {RecordState.APPROVED, RecordState.PUBLISHED}


@register(Record)
class RecordRule(Rule):
    """view, edit/submit/attach (the drafting desk: its department's 信息员 and the office),
    revise (the record is on this person's own desk as its department's 信息员: a returned one
    waits for them), approve/return (the current step), publish, correct, withdraw,
    mask (screening findings; the office also on a published record), override, post (register where it was posted)."""

    actions = frozenset(
        {
            "view",
            "edit",
            "submit",
            "attach",
            "revise",
            "approve",
            "return",
            "publish",
            "correct",
            "withdraw",
            "mask",
            "override",
            "post",
        }
    )

    def test(self, g: Grants, action: str, record: Record) -> bool:
        dept = record.department
        admin = g.is_office_admin(record.institution_id)
        dept_roles = g.department_roles(dept)
        all_roles = g.roles_for(dept)
        state, step = record.state, record.step
        drafting = state in DRAFTING_STATES
        at_step = state == RecordState.IN_REVIEW and step is not None and step.role in all_roles
        secrecy_step = state == RecordState.IN_REVIEW and step is not None and step.is_secrecy_review
        if action == "view":
            return admin or bool(dept_roles) or (not drafting and (bool(all_roles) or g.is_supervisor))
        if action in {"edit", "submit", "attach"}:
            return drafting and (admin or Role.DRAFTER in dept_roles)
        if action == "revise":
            return drafting and Role.DRAFTER in dept_roles
        if action in {"approve", "return"}:
            return at_step
        if action == "publish":
            return state == RecordState.APPROVED and (admin or Role.SIGNER in all_roles)
        if action == "correct":
            return state == RecordState.PUBLISHED and (admin or bool({Role.DRAFTER, Role.SIGNER} & all_roles))
        if action == "withdraw":
            return state == RecordState.PUBLISHED and (admin or Role.SIGNER in all_roles)
        if action == "mask":  # the office also masks what is already public (an imported old page)
            published = state == RecordState.PUBLISHED
            return (
                (drafting and (admin or Role.DRAFTER in dept_roles))
                or (secrecy_step and (admin or at_step))
                or (published and admin)
            )
        if action == "override":
            return secrecy_step and (admin or at_step)
        # post
        return state in POSTABLE_STATES and (admin or Role.DRAFTER in dept_roles or Role.SIGNER in all_roles)

    def scope(self, g: Grants, action: str) -> Q:
        admin = g.office_q()
        drafter = g.department_q(Role.DRAFTER)
        drafting = Q(state__in=DRAFTING_STATES)
        at_step = Q(state=RecordState.IN_REVIEW) & g.role_q("step__role")
        secrecy_step = Q(state=RecordState.IN_REVIEW, step__is_secrecy_review=True)
        if action == "view":
            reader = Q() if g.is_supervisor else g.role_q()
            return admin | g.department_q() | (~drafting & reader)
        if action in {"edit", "submit", "attach"}:
            return drafting & (admin | drafter)
        if action == "revise":
            return drafting & drafter
        if action in {"approve", "return"}:
            return at_step
        if action == "publish":
            return Q(state=RecordState.APPROVED) & (admin | g.role_q(roles={Role.SIGNER}))
        if action == "correct":
            return Q(state=RecordState.PUBLISHED) & (admin | g.role_q(roles={Role.DRAFTER, Role.SIGNER}))
        if action == "withdraw":
            return Q(state=RecordState.PUBLISHED) & (admin | g.role_q(roles={Role.SIGNER}))
        if action == "mask":
            published = Q(state=RecordState.PUBLISHED)
            return (drafting & (admin | drafter)) | (secrecy_step & (admin | at_step)) | (published & admin)
        if action == "override":
            return secrecy_step & (admin | at_step)
        return Q(state__in=POSTABLE_STATES) & (admin | drafter | g.role_q(roles={Role.SIGNER}))


@register(Channel)
class ChannelRule(Rule):
    """tally: enter a period count for a channel not logged item by item (the office; the 信息员
    of the channel's department)."""

    actions = frozenset({"tally"})

    def test(self, g: Grants, action: str, channel: Channel) -> bool:
        return g.is_office_admin(channel.institution_id) or Role.DRAFTER in g.department_roles(channel.department)

    def scope(self, g: Grants, action: str) -> Q:
        return g.office_q() | g.department_q(Role.DRAFTER)
