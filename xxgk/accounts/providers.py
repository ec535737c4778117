"""Where each identity provider is: the deployment-wide CAS and OIDC (settings), and institutions' own
(IdentityProvider rows). An OIDC provider is described by its discovery document
(.well-known/openid-configuration) or by endpoints named one by one; discovery answers are cached."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from xxgk.accounts.models import IdentityProvider, Provider

log = logging.getLogger(__name__)

DISCOVERY_CACHE_SECONDS = 3600
TIMEOUT = 10


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or is not one."""


def discover(url: str) -> dict:
    """The provider's discovery document (cached an hour)."""
    key = f"xxgk:oidc-discovery:{url}"
    found = cache.get(key)
    if found is None:
        try:
            response = requests.get(url, timeout=TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
            response.raise_for_status()
            found = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(str(exc)) from exc
        needed = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
        if not isinstance(found, dict) or not all(isinstance(found.get(k), str) for k in needed):
            raise ProviderUnavailable(f"{url} is not an OpenID Connect discovery document")
        cache.set(key, found, DISCOVERY_CACHE_SECONDS)
    return found


@dataclass(frozen=True)
class OIDCProvider:
    key: str  # IdentityLink.provider: "oidc", or "oidc:<slug>"
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_endpoint: str | None
    end_session_endpoint: str
    idp: IdentityProvider | None = None


def _from_discovery(key: str, url: str, client_id: str, secret: str, idp=None) -> OIDCProvider:
    d = discover(url)
    return OIDCProvider(
        key=key,
        client_id=client_id,
        client_secret=secret,
        authorization_endpoint=d["authorization_endpoint"],
        token_endpoint=d["token_endpoint"],
        userinfo_endpoint=d["userinfo_endpoint"],
        jwks_endpoint=d["jwks_uri"],
        end_session_endpoint=str(d.get("end_session_endpoint") or ""),
        idp=idp,
    )


def deployment_oidc() -> OIDCProvider:
    """The deployment-wide provider (OIDC_*): by discovery when OIDC_OP_DISCOVERY_URL is set, endpoints
    named in the settings taking precedence."""
    s = settings
    if s.OIDC_OP_DISCOVERY_URL:
        found = _from_discovery(Provider.OIDC, s.OIDC_OP_DISCOVERY_URL, s.OIDC_RP_CLIENT_ID, s.OIDC_RP_CLIENT_SECRET)
        return OIDCProvider(
            key=found.key,
            client_id=found.client_id,
            client_secret=found.client_secret,
            authorization_endpoint=s.OIDC_OP_AUTHORIZATION_ENDPOINT or found.authorization_endpoint,
            token_endpoint=s.OIDC_OP_TOKEN_ENDPOINT or found.token_endpoint,
            userinfo_endpoint=s.OIDC_OP_USER_ENDPOINT or found.userinfo_endpoint,
            jwks_endpoint=s.OIDC_OP_JWKS_ENDPOINT or found.jwks_endpoint,
            end_session_endpoint=s.OIDC_OP_LOGOUT_ENDPOINT or found.end_session_endpoint,
        )
    return OIDCProvider(
        key=Provider.OIDC,
        client_id=s.OIDC_RP_CLIENT_ID,
        client_secret=s.OIDC_RP_CLIENT_SECRET,
        authorization_endpoint=s.OIDC_OP_AUTHORIZATION_ENDPOINT,
        token_endpoint=s.OIDC_OP_TOKEN_ENDPOINT,
        userinfo_endpoint=s.OIDC_OP_USER_ENDPOINT,
        jwks_endpoint=s.OIDC_OP_JWKS_ENDPOINT,
        end_session_endpoint=s.OIDC_OP_LOGOUT_ENDPOINT,
    )


def institution_oidc(idp: IdentityProvider) -> OIDCProvider:
    """An institution's own OIDC provider; its secret is read from the environment variable it names."""
    secret = os.environ.get(idp.secret_variable, "") if idp.secret_variable else ""
    return _from_discovery(idp.key, idp.server_url, idp.client_id, secret, idp)


def institution_providers():
    """The institutions' own providers that are switched on."""
    return IdentityProvider.objects.filter(enabled=True).select_related("institution").order_by("institution__name")


def institution_provider(pk) -> IdentityProvider | None:
    if not isinstance(pk, int):
        return None
    return institution_providers().filter(pk=pk).first()


def cas_client(idp: IdentityProvider, service_url: str | None = None):
    """python-cas's client for an institution's own CAS server (django-cas-ng's settings otherwise)."""
    from cas import CASClient

    return CASClient(
        version=idp.cas_version,
        server_url=idp.server_url,
        service_url=service_url,
        verify_ssl_certificate=settings.CAS_VERIFY_SSL_CERTIFICATE,
    )


def _cached_end_session(url: str) -> str:
    found = cache.get(f"xxgk:oidc-discovery:{url}")
    return str(found.get("end_session_endpoint") or "") if isinstance(found, dict) else ""


def sign_out_urls(request) -> list[str]:
    """Where the 退出 form of this page may lead on to (core.csp's form-action): the provider the session
    signed in through, when it is an institution's own or found by discovery. Asked only of a page that
    read its session (a signed-in page), so a public page is not made to vary on the cookie; discovery is
    read from the cache only."""
    from xxgk.accounts.history import SESSION_IDP, SESSION_METHOD

    session = getattr(request, "session", None)
    if session is None or not getattr(session, "accessed", False):
        return []
    urls = []
    idp = institution_provider(session.get(SESSION_IDP))
    if idp is not None:
        urls.append(idp.server_url)
        if idp.kind == Provider.OIDC:
            urls.append(_cached_end_session(idp.server_url))
    elif session.get(SESSION_METHOD) == Provider.OIDC and settings.OIDC_OP_DISCOVERY_URL:
        urls.append(_cached_end_session(settings.OIDC_OP_DISCOVERY_URL))
    return urls
