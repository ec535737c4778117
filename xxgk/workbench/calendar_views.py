"""The 工作日 page: the deployment-wide official calendar (overrides, years' official arrangements: the
platform administrator and the supervising authority edit them) and the chosen institution's own closures
(its office edits them). Every change recomputes the open deadlines it affects (workcalendar.services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core.forms import add_service_errors
from xxgk.core.params import id_param
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Institution
from xxgk.org.policy import allowed, can
from xxgk.workbench.calendar_forms import ArrangementForm, ClosureForm
from xxgk.workbench.office_forms import OverrideForm
from xxgk.workcalendar import services
from xxgk.workcalendar.calendar import arrangements, closures, current_calendar, overrides
from xxgk.workdays import FIRM, PROVISIONAL, official_years
from xxgk.workdays.statutory import holidays as statutory_holidays

YEARS_SHOWN = range(-1, 3)  # last year to two years ahead


def _year_rows(calendar):
    today = timezone.localdate()
    rows = []
    for offset in YEARS_SHOWN:
        year = today.year + offset
        status = calendar.year_status(year)
        rules = sorted(statutory_holidays(year).items()) if status == PROVISIONAL else []
        rows.append({"year": year, "status": status, "firm": status == FIRM, "holidays": rules})
    return rows


def _handle_post(request, institution, forms):
    """Run the posted form's service; a redirect when done, None to show the page with the form's errors."""
    user, kind = request.user, request.POST.get("form")
    if kind == "remove":
        services.remove_override(user, get_object_or_404(overrides(), pk=id_param(request.POST.get("pk"))))
        return {}
    if kind == "remove_year":
        services.remove_arrangement(user, get_object_or_404(arrangements(), pk=id_param(request.POST.get("pk"))))
        return {}
    if kind == "remove_closure":
        if institution is None:
            raise PermissionDenied("manage: no institution")
        closure = get_object_or_404(closures(institution), pk=id_param(request.POST.get("pk")))
        services.remove_closure(user, closure)
        return {}
    form = forms.get(kind)
    if form is None or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if kind == "set":
            services.set_override(user, data["date"], is_workday=data["is_workday"], note=data["note"])
        elif kind == "year":
            services.enter_arrangement(
                user, data["year"], rest_days=data["rest_days"], workdays=data["workdays"], note=data["note"]
            )
        else:
            if institution is None:
                raise PermissionDenied("manage: no institution")
            services.add_closure(user, institution, data["date"], note=data["note"])
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    return {}


@login_required
def calendar(request):
    user = request.user
    may_edit = can(user, "edit_calendar")
    manages = allowed(user, "manage", Institution).exists()
    if not may_edit and not manages:
        raise PermissionDenied("calendar")
    institution = chosen_institution(request, "manage") if manages else None
    posted = request.POST if request.method == "POST" else None
    kind = request.POST.get("form") if posted else None
    forms = {
        "set": OverrideForm(posted if kind == "set" else None, prefix="o"),
        "year": ArrangementForm(posted if kind == "year" else None, prefix="y"),
        "closure": ClosureForm(posted if kind == "closure" else None, prefix="c"),
    }
    if posted is not None:
        if kind in {"set", "remove", "year", "remove_year"} and not may_edit:
            raise PermissionDenied("edit_calendar")
        if _handle_post(request, institution, forms) is not None:
            messages.success(request, _("已保存，未办结事项的期限已按新的日历重新计算。"))
            target = redirect("workbench:calendar")
            if institution is not None and request.GET.get("i"):
                target["Location"] += f"?i={institution.slug}"
            return target
    cal = current_calendar()
    return render(
        request,
        "workbench/calendar.html",
        {
            "tab": "calendar",
            "may_edit": may_edit,
            "institution": institution,
            "years": official_years(),
            "year_rows": _year_rows(cal),
            "overrides": list(overrides()),
            "arrangements": list(arrangements()),
            "closures": list(closures(institution)) if institution is not None else [],
            "override_form": forms["set"],
            "year_form": forms["year"],
            "closure_form": forms["closure"],
        },
    )
