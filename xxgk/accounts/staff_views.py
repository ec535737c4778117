"""The office's people: who works in its institution with which roles, who waits for one, their sign-ins
and recent actions; granting and revoking roles, deactivating; the mapping rules. 办公室管理员 only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from xxgk.accounts import services
from xxgk.accounts.forms import GrantForm, InviteForm, MappingRuleForm
from xxgk.accounts.history import locked_out, locked_usernames
from xxgk.accounts.models import IdentityLink, LoginEvent, MappingRule, Outcome, Person
from xxgk.core.forms import add_service_errors
from xxgk.core.models import AuditEvent
from xxgk.core.params import id_param
from xxgk.core.site import site_origin
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Membership
from xxgk.org.policy import allowed, can
from xxgk.workbench.views import staff_required


def _back(institution, name="accounts_staff:people", *args) -> str:
    return f"{reverse(name, args=args)}?i={institution.slug}"


def _people(request, institution):
    """The office's people of `institution` (those it may manage, of this institution)."""
    roles = Membership.objects.filter(institution=institution).select_related("department").order_by("role")
    return (
        allowed(request.user, "manage", Person)
        .filter(
            pk__in=list(Membership.objects.filter(institution=institution).values_list("user_id", flat=True))
            + list(IdentityLink.objects.filter(institution=institution).values_list("user_id", flat=True))
        )
        # the last sign-in: lockouts and their lifting are in the history too, but are not sign-ins
        .annotate(last_login_at=Max("login_events__at", filter=Q(login_events__outcome=Outcome.SIGNED_IN)))
        .prefetch_related(Prefetch("memberships", queryset=roles, to_attr="roles_here"))
        .order_by("username")
    )


@staff_required
def people(request):
    institution = chosen_institution(request, "manage")
    everyone = list(_people(request, institution))
    locked = locked_usernames(p.username for p in everyone)
    for p in everyone:
        p.locked = p.username in locked
    return render(
        request,
        "accounts/people.html",
        {
            "institution": institution,
            "waiting": [p for p in everyone if not p.roles_here],
            "working": [p for p in everyone if p.roles_here],
            "tab": "people",
        },
    )


def _person_or_404(request, pk, institution) -> Person:
    pk = id_param(pk)
    if pk is None:
        raise Http404
    person = get_object_or_404(_people(request, institution), pk=pk)
    return person


@staff_required
def person(request, pk):
    institution = chosen_institution(request, "manage")
    who = _person_or_404(request, pk, institution)
    form = GrantForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(
                request.user,
                who,
                form.cleaned_data["role"],
                institution=institution,
                department=form.cleaned_data["department"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("角色已授予。"))
            return redirect(_back(institution, "accounts_staff:person", who.pk))
    return render(
        request,
        "accounts/person.html",
        {
            "institution": institution,
            "person": who,
            "form": form,
            "links": IdentityLink.objects.filter(user=who).select_related("institution"),
            "logins": LoginEvent.objects.filter(user=who)[:20],
            "actions": AuditEvent.objects.filter(actor=who, institution=institution)[:20],
            "about": AuditEvent.objects.filter(institution=institution, data__user=who.pk)[:20],
            "can_deactivate": can(request.user, "deactivate", who),
            "locked": locked_out(who),
            "has_two_factor": TOTPDevice.objects.filter(user=who).exists()
            or StaticDevice.objects.filter(user=who).exists(),
            "tab": "people",
        },
    )


@staff_required
@require_POST
def revoke(request, pk, membership):
    institution = chosen_institution(request, "manage")
    who = _person_or_404(request, pk, institution)
    membership_id = id_param(membership)
    held = get_object_or_404(Membership, pk=membership_id or 0, user=who, institution=institution)
    try:
        services.revoke_role(request.user, who, held)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("角色已收回。"))
    return redirect(_back(institution, "accounts_staff:person", who.pk))


@staff_required
@require_POST
def set_active(request, pk):
    institution = chosen_institution(request, "manage")
    who = _person_or_404(request, pk, institution)
    active = request.POST.get("active") == "1"
    if not can(request.user, "deactivate", who):
        raise PermissionDenied("deactivate")
    services.set_active(request.user, who, active)
    messages.success(request, _("账号已恢复。") if active else _("账号已停用，此人已无法登录。"))
    return redirect(_back(institution, "accounts_staff:person", who.pk))


@staff_required
@require_POST
def unlock(request, pk):
    institution = chosen_institution(request, "manage")
    who = _person_or_404(request, pk, institution)
    services.unlock(request.user, who)
    messages.success(request, _("已解除登录锁定，此人可以重新登录。"))
    return redirect(_back(institution, "accounts_staff:person", who.pk))


@staff_required
@require_POST
def reset_two_factor(request, pk):
    institution = chosen_institution(request, "manage")
    who = _person_or_404(request, pk, institution)
    if not can(request.user, "deactivate", who):
        raise PermissionDenied("reset two factor")
    services.reset_two_factor(request.user, who)
    messages.success(request, _("已重置动态口令和恢复码，此人下次登录时须重新绑定身份验证器。"))
    return redirect(_back(institution, "accounts_staff:person", who.pk))


@staff_required
def mapping(request):
    institution = chosen_institution(request, "manage")
    form = MappingRuleForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_rule(request.user, institution, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("映射规则已添加，自各人下次登录起生效。"))
            return redirect(_back(institution, "accounts_staff:mapping"))
    rules = MappingRule.objects.filter(institution=institution).select_related("department")
    return render(
        request,
        "accounts/mapping.html",
        {"institution": institution, "form": form, "rules": rules, "tab": "people"},
    )


@staff_required
@require_POST
def mapping_delete(request, pk):
    institution = chosen_institution(request, "manage")
    rule = get_object_or_404(MappingRule, pk=id_param(pk) or 0, institution=institution)
    services.remove_rule(request.user, rule)
    messages.success(request, _("映射规则已删除；按它获得的角色在各人下次登录时收回。"))
    return redirect(_back(institution, "accounts_staff:mapping"))


@staff_required
def invite(request):
    """A local account for someone who does not sign in through the campus identity: the office names the
    role, xxgk e-mails a link to set the password."""
    institution = chosen_institution(request, "manage")
    form = InviteForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite(
                request.user,
                institution,
                email=data["email"],
                name=data["name"],
                role=data["role"],
                department=data["department"],
                origin=site_origin(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已向 %(email)s 发出设置密码的邀请。") % {"email": invitation.email})
            return redirect(_back(institution, "accounts_staff:person", invitation.user_id))
    return render(request, "accounts/invite.html", {"institution": institution, "form": form, "tab": "people"})
