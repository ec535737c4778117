"""Who may do what to an application (registered with the one policy in xxgk.org.policy).

- 办公室管理员 of the institution: everything (handle), including the applicant's identity.
- Any role in the department the application is routed to: view it with the identity, draft the reply.
- 保密审查员 of the department the application is routed to, or of the whole institution: while a drafted
  reply awaits approval, views the application (not the identity) and lets a reply file's screening
  findings through in writing (override), as the 保密审查 step does for a record; so does the office.
- Whoever may draft the reply or override its files may mask its files (mask).
- 督查: reads applications, never the identity.
- Nobody else.
"""

from __future__ import annotations

from django.db.models import Q

from xxgk.foi.models import OPEN_STATES, Application, State
from xxgk.org.models import Role
from xxgk.org.policy import Grants, Rule, register

DRAFTABLE = {State.RECEIVED, State.ROUTED, State.DRAFTED}
DEPARTMENT_DRAFTABLE = {State.ROUTED, State.DRAFTED}


@register(Application)
class ApplicationRule(Rule):
    actions = frozenset({"view", "view_identity", "draft", "handle", "mask", "override"})

    def test(self, g: Grants, action: str, app: Application) -> bool:
        admin = g.is_office_admin(app.institution_id)
        in_dept = app.department_id is not None and app.department_id in g.department_ids()
        secrecy = (app.department_id is not None and app.department_id in g.department_ids(Role.SECRECY)) or (
            app.institution_id in g.institution_wide_ids(Role.SECRECY)
        )
        reviewing = app.state == State.DRAFTED and (admin or secrecy)
        drafting = (admin and app.state in DRAFTABLE) or (in_dept and app.state in DEPARTMENT_DRAFTABLE)
        if action == "view":
            return admin or in_dept or g.is_supervisor or reviewing
        if action == "view_identity":
            return admin or in_dept
        if action == "draft":
            return drafting
        if action == "override":
            return reviewing
        if action == "mask":
            return drafting or reviewing
        return admin and app.is_open

    def scope(self, g: Grants, action: str) -> Q:
        admin = g.office_q()
        in_dept = g.department_q()
        secrecy = g.department_q(Role.SECRECY) | g.institution_wide_q(Role.SECRECY)
        reviewing = Q(state=State.DRAFTED) & (admin | secrecy)
        drafting = (admin & Q(state__in=DRAFTABLE)) | (in_dept & Q(state__in=DEPARTMENT_DRAFTABLE))
        if action == "view":
            return Q() if g.is_supervisor else admin | in_dept | reviewing
        if action == "view_identity":
            return admin | in_dept
        if action == "draft":
            return drafting
        if action == "override":
            return reviewing
        if action == "mask":
            return drafting | reviewing
        return admin & Q(state__in=OPEN_STATES)
