"""The office's pages for messages (the notify app's data): which kinds are sent and with what text, and what was sent."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.core.params import page_param
from xxgk.notify import services
from xxgk.notify.forms import SettingForm
from xxgk.notify.kinds import kinds
from xxgk.notify.models import DepartmentRobot, Message, State
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Department
from xxgk.workbench.views import staff_required

PER_PAGE = 50


@staff_required
def settings_list(request):
    institution = chosen_institution(request, "manage")
    rows = []
    for key, k in kinds().items():
        enabled, subject, _body = services.texts_for(institution, key)
        rows.append({"key": key, "kind": k, "enabled": enabled, "subject": subject})
    robots = {r.department_id: r for r in DepartmentRobot.objects.filter(department__institution=institution)}
    departments = [
        {"department": d, "robot": robots.get(d.pk)}
        for d in Department.objects.filter(institution=institution).order_by("order", "pk")
    ]
    return render(
        request,
        "notify/settings.html",
        {"rows": rows, "departments": departments, "institution": institution, "tab": "settings"},
    )


@staff_required
@require_POST
def robot_edit(request, pk: int):
    """The office sets or removes a department's group robot (an empty address removes it)."""
    institution = chosen_institution(request, "manage")
    department = get_object_or_404(Department, pk=pk, institution=institution)
    try:
        services.set_robot(
            request.user, department, url=request.POST.get("url", "")[:500], enabled=bool(request.POST.get("enabled"))
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(d)s 的群机器人已保存。") % {"d": department.name})
    return redirect("notify_staff:settings")


@staff_required
def setting_edit(request, key: str):
    if key not in kinds():
        raise Http404
    institution = chosen_institution(request, "manage")
    k = kinds()[key]
    enabled, subject, body = services.texts_for(institution, key)
    form = SettingForm(request.POST or None, initial={"enabled": enabled, "subject": subject, "body": body})
    if request.method == "POST":
        if request.POST.get("reset"):
            services.reset_setting(request.user, institution, key)
            messages.success(request, _("已恢复默认文字。"))
            return redirect("notify_staff:settings")
        if form.is_valid():
            try:
                services.update_setting(request.user, institution, key, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("通知设置已保存。"))
                return redirect("notify_staff:settings")
    return render(
        request, "notify/setting_edit.html", {"form": form, "kind": k, "institution": institution, "tab": "settings"}
    )


@staff_required
def message_list(request):
    institution = chosen_institution(request, "manage")
    qs = Message.objects.filter(institution=institution).order_by("-created_at", "-id")
    state = request.GET.get("state", "")
    if state in State.values:
        qs = qs.filter(state=state)
    page = Paginator(qs.defer("body"), PER_PAGE).get_page(page_param(request.GET.get("page")))
    return render(
        request,
        "notify/messages.html",
        {
            "page": page,
            "state": state,
            "states": State.choices,
            "institution": institution,
            "tab": "settings",
            "failed": Message.objects.filter(institution=institution, state=State.FAILED).count(),
        },
    )


def _back_to_list(institution, state: str = ""):
    query = f"?i={institution.slug}" + (f"&state={state}" if state in State.values else "")
    return redirect(f"{reverse('notify_staff:messages')}{query}")


@staff_required
@require_POST
def message_retry(request, pk: int):
    institution = chosen_institution(request, "manage")
    message = get_object_or_404(Message, pk=pk, institution=institution)
    if message.state != State.FAILED:  # sent again already (a second click): nothing more to do
        messages.info(request, _("这条通知已经重新发送过。"))
    else:
        try:
            services.retry(request.user, message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已重新发送。"))
    return _back_to_list(institution, request.GET.get("state", ""))


@staff_required
@require_POST
def message_retry_failed(request):
    """全部重新发送: every failed message of the office's institution (a second submit finds none)."""
    institution = chosen_institution(request, "manage")
    count = services.retry_failed(request.user, institution)
    if count:
        messages.success(request, _("已重新发送 %(n)s 条通知。") % {"n": count})
    else:
        messages.info(request, _("没有发送失败的通知。"))
    return _back_to_list(institution, State.FAILED)
