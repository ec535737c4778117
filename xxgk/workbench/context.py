from xxgk.org.models import Role
from xxgk.org.policy import Grants


def workbench(request):
    """Whether to show the office's tabs; computed lazily so public pages pay nothing."""
    user = getattr(request, "user", None)

    def is_office_admin():
        return bool(user) and any(m.role == Role.OFFICE_ADMIN for m in Grants.of(user).memberships)

    def is_supervisor():
        return bool(user) and any(m.role == Role.SUPERVISOR for m in Grants.of(user).memberships)

    return {"is_office_admin": is_office_admin, "is_supervisor": is_supervisor}
