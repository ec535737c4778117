"""Signing in and out: the staff login page, the CAS and OIDC round trips, the page for a person signed
in without a role yet."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_cas_ng import views as cas_views
from lxml import etree
from mozilla_django_oidc import views as oidc_views

from xxgk.accounts.backends import cas_configured, oidc_configured
from xxgk.accounts.history import login_method
from xxgk.accounts.models import IdentityLink, Provider
from xxgk.core.site import site_origin
from xxgk.org.policy import can, holders


def _safe_next(request, value: str | None) -> str:
    """A `next` on this site, else ""."""
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return ""


def _welcome(next_url: str) -> str:
    url = reverse("accounts:welcome")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def providers(next_url: str = "") -> list[dict]:
    """The campus identity providers configured, with their sign-in links (next kept)."""
    query = f"?{urlencode({'next': _welcome(next_url)})}"
    found = []
    if cas_configured():
        found.append(
            {
                "key": "cas",
                "label": settings.CAS_LABEL or _("统一身份认证登录"),
                "url": reverse("accounts:cas_login") + query,
            }
        )
    if oidc_configured():
        label = settings.OIDC_LABEL or (_("统一身份认证登录（OIDC）") if found else _("统一身份认证登录"))
        found.append({"key": "oidc", "label": label, "url": reverse("accounts:oidc_login") + query})
    return found


class LoginView(auth_views.LoginView):
    """The staff login page: the campus identity first when configured (straight there with
    XXGK_SSO_DIRECT, the local form staying at ?local=1), the local form for local accounts."""

    def get(self, request, *args, **kwargs):
        next_url = _safe_next(request, request.GET.get("next"))
        offered = providers(next_url)
        if settings.XXGK_SSO_DIRECT and len(offered) == 1 and not request.GET.get("local"):
            return HttpResponseRedirect(offered[0]["url"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["providers"] = providers(_safe_next(self.request, self.request.GET.get("next")))
        context["local_login"] = settings.XXGK_LOCAL_LOGIN
        return context


class CASLoginView(cas_views.LoginView):
    """django-cas-ng's round trip (redirect to CAS, validate the ticket; the CAS server's single-logout
    POST comes here too, so no CSRF token), with `next` kept on this site and a failed validation shown as
    a page."""

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        if not cas_configured():
            raise Http404("CAS is not configured")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        raw = request.GET.get("next")
        if raw and not _safe_next(request, raw):
            return redirect("accounts:cas_login")
        try:
            return super().get(request)
        except PermissionDenied:
            return redirect("accounts:sso_failed")

    def post(self, request):
        raw = request.POST.get("next")
        if raw and not _safe_next(request, raw):
            return redirect("accounts:cas_login")
        try:
            return super().post(request)
        except (TypeError, ValueError, etree.LxmlError):  # a logoutRequest that is not CAS's XML
            return HttpResponseBadRequest("malformed logoutRequest")


class OIDCLoginView(oidc_views.OIDCAuthenticationRequestView):
    """mozilla-django-oidc: to the provider's authorization endpoint, with state, nonce and PKCE."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_configured():
            raise Http404("OIDC is not configured")
        return super().dispatch(request, *args, **kwargs)


class OIDCCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        if not oidc_configured():
            raise Http404("OIDC is not configured")
        return super().dispatch(request, *args, **kwargs)

    @property
    def success_url(self):
        next_url = self.request.session.pop("oidc_login_next", None) or ""
        return next_url if next_url.startswith(reverse("accounts:welcome")) else _welcome("")


def logout(request):
    """Out of xxgk, and out of the campus identity the session came from (CAS logout, OIDC end-session);
    POST only, as Django's own."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    method = login_method(request)
    home = site_origin(request) + reverse(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if method == Provider.CAS and cas_configured():
        from django_cas_ng.models import SessionTicket
        from django_cas_ng.utils import get_cas_client

        SessionTicket.objects.filter(session_key=request.session.session_key).delete()
        auth_logout(request)
        return HttpResponseRedirect(get_cas_client(request=request).get_logout_url(home))
    auth_logout(request)
    if method == Provider.OIDC and oidc_configured() and settings.OIDC_OP_LOGOUT_ENDPOINT:
        query = {"post_logout_redirect_uri": home, "client_id": settings.OIDC_RP_CLIENT_ID}
        if id_token:
            query["id_token_hint"] = id_token
        return HttpResponseRedirect(f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(query)}")
    return HttpResponseRedirect(home)


@login_required
def welcome(request):
    """Where a sign-in through the campus identity lands: the workbench (or the page asked for) for a
    person with a role, the waiting page for one without."""
    if not can(request.user, "workbench"):
        return redirect("accounts:waiting")
    return HttpResponseRedirect(_safe_next(request, request.GET.get("next")) or reverse(settings.LOGIN_REDIRECT_URL))


@login_required
def waiting(request):
    """Signed in, but no role yet: whom to ask. The office sees the person in its queue."""
    if can(request.user, "workbench"):
        return redirect(settings.LOGIN_REDIRECT_URL)
    link = (
        IdentityLink.objects.filter(user=request.user).select_related("institution").order_by("-last_seen_at").first()
    )
    institution = link.institution if link else None
    office = []
    if institution is not None:
        office = [u.get_full_name() or u.first_name or u.username for u in holders("manage", institution)][:5]
    return render(request, "accounts/waiting.html", {"institution": institution, "office": office})


def sso_failed(request):
    return render(request, "accounts/sso_failed.html", {"providers": providers()}, status=200)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation's link: the invited person sets the password of their local account, once."""

    template_name = "accounts/set_password.html"
    post_reset_login = False

    def get_success_url(self):
        return reverse("login") + "?local=1"

    def form_valid(self, form):
        from django.contrib import messages
        from django.utils import timezone

        from xxgk.accounts.models import Invitation

        response = super().form_valid(form)
        Invitation.objects.filter(user=form.user, accepted_at__isnull=True).update(accepted_at=timezone.now())
        messages.success(self.request, _("密码已设置，请用邮箱和新密码登录。"))
        return response


@login_required
def two_factor(request):
    """The second factor: set up the authenticator the first time (then the recovery codes, once), else
    the code. Only asked of sessions that owe it (two_factor.required)."""
    from xxgk.accounts import two_factor as tf

    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next")) or reverse(
        settings.LOGIN_REDIRECT_URL
    )
    if not tf.required(request):
        return HttpResponseRedirect(next_url)
    enrolling = not tf.has_authenticator(request.user)
    error = ""
    if request.method == "POST":
        code = request.POST.get("code", "")[:32]
        if enrolling:
            try:
                codes = tf.confirm(request, code)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return render(request, "accounts/two_factor.html", {"codes": codes, "next": next_url})
        elif tf.verify(request, code):
            return HttpResponseRedirect(next_url)
        else:
            error = _("动态口令或恢复码不正确。")
    context = {"enrolling": enrolling, "error": error, "next": next_url}
    if enrolling:
        device = tf.pending_device(request.user)
        key = device.key  # hex; authenticator apps take base32
        from base64 import b32encode

        secret = b32encode(bytes.fromhex(key)).decode().rstrip("=")
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "accounts/two_factor.html", context)


@login_required
def two_factor_qr(request):
    """The QR code of the authenticator being set up (SVG), for the phone's camera."""
    from io import BytesIO

    import segno

    from xxgk.accounts import two_factor as tf

    if not tf.required(request) or tf.has_authenticator(request.user):
        raise Http404
    out = BytesIO()
    segno.make(tf.pending_device(request.user).config_url, error="m").save(out, kind="svg", scale=4)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response
