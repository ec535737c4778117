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

from xxgk.accounts.backends import SESSION_OIDC_IDP, cas_configured, oidc_configured
from xxgk.accounts.history import SESSION_IDP, login_method
from xxgk.accounts.models import IdentityLink, IdentityProvider, Provider
from xxgk.accounts.providers import (
    ProviderUnavailable,
    cas_client,
    deployment_oidc,
    institution_oidc,
    institution_provider,
    institution_providers,
)
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
    """The deployment-wide campus identity providers configured, with their sign-in links (next kept)."""
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


def institution_links(next_url: str = "", only: str = "") -> list[dict]:
    """The institutions' own providers (a province deployment), each with its sign-in link; `only` (a
    网址标识 from ?institution=) keeps that institution's alone."""
    query = f"?{urlencode({'next': _welcome(next_url)})}"
    found = []
    for idp in institution_providers():
        if only and idp.institution.slug != only:
            continue
        name = "accounts:idp_cas_login" if idp.kind == Provider.CAS else "accounts:idp_oidc_login"
        found.append(
            {
                "key": idp.institution.slug,
                "institution": idp.institution.name,
                "label": idp.label or _("%(name)s 统一身份认证") % {"name": idp.institution.name},
                "url": reverse(name, args=[idp.institution.slug]) + query,
            }
        )
    return found


class LoginView(auth_views.LoginView):
    """The staff login page: the campus identity first when configured (straight there with
    XXGK_SSO_DIRECT, the local form staying at ?local=1), the local form for local accounts."""

    def _chosen(self) -> str:
        raw = self.request.GET.get("institution", "")
        return raw[:60] if isinstance(raw, str) else ""

    def get(self, request, *args, **kwargs):
        next_url = _safe_next(request, request.GET.get("next"))
        offered = providers(next_url) + institution_links(next_url, self._chosen())
        direct = settings.XXGK_SSO_DIRECT or self._chosen()
        if direct and len(offered) == 1 and not request.GET.get("local"):
            return HttpResponseRedirect(offered[0]["url"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = _safe_next(self.request, self.request.GET.get("next"))
        context["providers"] = providers(next_url)
        context["schools"] = institution_links(next_url, self._chosen()) or institution_links(next_url)
        context["local_login"] = settings.XXGK_LOCAL_LOGIN
        if context["providers"] or context["schools"]:
            # the local form is folded away below the campus sign-in: focus stays on the page, not a hidden field
            context["form"].fields["username"].widget.attrs.pop("autofocus", None)
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


def _idp_or_404(slug: str, kind: str) -> IdentityProvider:
    idp = institution_providers().filter(institution__slug=slug, kind=kind).first()
    if idp is None:
        raise Http404("no such provider")
    return idp


@csrf_exempt
def idp_cas_login(request, slug):
    """An institution's own CAS server: to its login page, back with a ticket that it validates; its
    single-logout POST ends the session the ticket opened (django-cas-ng's SessionTicket)."""
    from django.contrib.auth import authenticate, login
    from django_cas_ng.models import SESSION_KEY_MAXLENGTH, SessionTicket
    from django_cas_ng.utils import get_service_url
    from django_cas_ng.views import clean_sessions

    idp = _idp_or_404(slug, Provider.CAS)
    if request.method == "POST":
        if not request.POST.get("logoutRequest"):
            return HttpResponseBadRequest("no logoutRequest")
        try:
            clean_sessions(cas_client(idp), request)
        except (TypeError, ValueError, etree.LxmlError):
            return HttpResponseBadRequest("malformed logoutRequest")
        return HttpResponse("ok", content_type="text/plain")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    raw = request.GET.get("next")
    next_page = _safe_next(request, raw)
    if raw and not next_page:
        return redirect("accounts:idp_cas_login", slug)
    next_page = next_page or _welcome("")
    service = get_service_url(request, next_page)
    ticket = request.GET.get("ticket")
    if not ticket:
        return HttpResponseRedirect(cas_client(idp, service).get_login_url())
    user = authenticate(request, ticket=ticket[:1000], service=service, idp=idp)
    if user is None:
        return redirect("accounts:sso_failed")
    login(request, user)
    request.session.save()
    key = request.session.session_key[:SESSION_KEY_MAXLENGTH]
    SessionTicket.objects.update_or_create(session_key=key, defaults={"ticket": ticket[:1000]})
    return HttpResponseRedirect(next_page)


class OIDCLoginView(oidc_views.OIDCAuthenticationRequestView):
    """mozilla-django-oidc: to the provider's authorization endpoint, with state, nonce and PKCE. The
    deployment's provider (endpoints from the settings or its discovery document)."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_configured():
            raise Http404("OIDC is not configured")
        try:
            provider = deployment_oidc()
        except ProviderUnavailable:
            return redirect("accounts:sso_failed")
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        request.session.pop(SESSION_OIDC_IDP, None)
        return super().dispatch(request, *args, **kwargs)


class InstitutionOIDCLoginView(oidc_views.OIDCAuthenticationRequestView):
    """An institution's own OIDC provider (by its discovery document); the callback is the same address,
    which learns the provider from the session."""

    def dispatch(self, request, slug, *args, **kwargs):
        idp = _idp_or_404(slug, Provider.OIDC)
        try:
            provider = institution_oidc(idp)
        except ProviderUnavailable:
            return redirect("accounts:sso_failed")
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        request.session[SESSION_OIDC_IDP] = idp.pk
        return super().dispatch(request, *args, **kwargs)


class OIDCCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        if not (oidc_configured() or institution_provider(request.session.get(SESSION_OIDC_IDP))):
            raise Http404("OIDC is not configured")
        return super().dispatch(request, *args, **kwargs)

    @property
    def success_url(self):
        next_url = self.request.session.pop("oidc_login_next", None) or ""
        return next_url if next_url.startswith(reverse("accounts:welcome")) else _welcome("")


def logout(request):
    """Out of xxgk, and out of the campus identity the session came from (CAS logout, OIDC RP-initiated
    logout at the provider's end_session_endpoint); POST only, as Django's own."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    method = login_method(request)
    home = site_origin(request) + reverse(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    idp = institution_provider(request.session.get(SESSION_IDP))
    if method == Provider.CAS and (idp is not None or cas_configured()):
        from django_cas_ng.models import SessionTicket
        from django_cas_ng.utils import get_cas_client

        SessionTicket.objects.filter(session_key=request.session.session_key).delete()
        auth_logout(request)
        client = cas_client(idp) if idp is not None else get_cas_client(request=request)
        return HttpResponseRedirect(client.get_logout_url(home))
    auth_logout(request)
    if method == Provider.OIDC:
        try:
            provider = institution_oidc(idp) if idp is not None else deployment_oidc() if oidc_configured() else None
        except ProviderUnavailable:
            provider = None
        if provider is not None and provider.end_session_endpoint:
            query = {"post_logout_redirect_uri": home, "client_id": provider.client_id}
            if id_token:
                query["id_token_hint"] = id_token
            return HttpResponseRedirect(f"{provider.end_session_endpoint}?{urlencode(query)}")
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
    return render(request, "accounts/sso_failed.html", {"providers": providers() + institution_links()}, status=200)


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
