from functools import cache

from xxgk.org.models import Institution
from xxgk.org.policy import allowed, can


def workbench(request):
    """Which of the staff side's tabs to show, asked of the policy; computed lazily so public pages pay nothing.

    office_pages: the user manages an institution (catalog, channels, settings, the annual report …).
    supervisor_pages: the user may open the summary across every institution."""
    user = getattr(request, "user", None)

    @cache  # a template may ask several times
    def office_pages():
        return bool(user) and allowed(user, "manage", Institution).exists()

    @cache
    def supervisor_pages():
        return bool(user) and can(user, "supervise")

    @cache
    def todo_count():
        from xxgk.workbench.todo import tasks_of_request

        if not (user and user.is_authenticated):
            return 0
        return len(tasks_of_request(request))

    def office_view_pages():
        from xxgk.workbench.menu import access_of

        return bool(user) and access_of(request).office_view

    return {
        "office_pages": office_pages,
        "office_view_pages": office_view_pages,
        "supervisor_pages": supervisor_pages,
        "todo_count": todo_count,
    }
