"""Who may do what to an application (registered with the one policy in xxgk.org.policy).

- 办公室管理员 of the institution: everything (handle), including the applicant's identity.
- Any role in the department the application is routed to: view it with the identity, draft the reply.
- 督查: reads applications, never the identity.
- Nobody else.
"""

from __future__ import annotations

from django.db.models import Q

from xxgk.foi.models import Application, State
from xxgk.org.models import Role
from xxgk.org.policy import Grants, register

DRAFTABLE = {State.RECEIVED, State.ROUTED, State.DRAFTED}


def _in_department(g: Grants, app: Application) -> bool:
    return app.department_id is not None and any(m.department_id == app.department_id for m in g.memberships)


@register(Application)
def application_rules(g: Grants, action: str, app: Application) -> bool:
    admin = g.is_office_admin(app.institution_id)
    in_dept = _in_department(g, app)
    if action == "view":
        return admin or in_dept or g.is_supervisor
    if action == "view_identity":
        return admin or in_dept
    if action == "draft":
        if admin:
            return app.state in DRAFTABLE
        return in_dept and app.state in {State.ROUTED, State.DRAFTED}
    if action == "handle":
        return admin and app.is_open
    return False


def visible_applications_filter(user) -> Q:
    """A Q selecting exactly the applications `can(user, "view", app)` allows."""
    g = Grants.of(user)
    if g.is_supervisor:
        return Q()
    q = Q(pk__in=[])
    for m in g.memberships:
        if m.role == Role.OFFICE_ADMIN:
            q |= Q(institution_id=m.institution_id)
        elif m.department_id:
            q |= Q(department_id=m.department_id)
    return q
