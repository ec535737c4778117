"""How a person proves who they are: a local password, a CAS ticket, an OIDC authorization code.

The CAS and OIDC backends are inert until their provider is configured (CAS_SERVER_URL, OIDC_RP_CLIENT_ID),
so they can always be listed in AUTHENTICATION_BACKENDS. Whatever a provider answers, a failure to reach
or to understand it is a failed sign-in, never an error page."""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from lxml import etree
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from xxgk.accounts.models import Provider
from xxgk.accounts.providers import (
    ProviderUnavailable,
    cas_client,
    deployment_oidc,
    institution_oidc,
    institution_provider,
)
from xxgk.accounts.services import sign_in

log = logging.getLogger(__name__)

PROVIDER_TIMEOUT = 10  # seconds for one request to the provider


def cas_configured() -> bool:
    return bool(settings.CAS_SERVER_URL)


def oidc_configured() -> bool:
    """The deployment-wide OIDC provider: a client, and a discovery document or the three endpoints."""
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (
            settings.OIDC_OP_DISCOVERY_URL
            or (
                settings.OIDC_OP_AUTHORIZATION_ENDPOINT
                and settings.OIDC_OP_TOKEN_ENDPOINT
                and settings.OIDC_OP_USER_ENDPOINT
            )
        )
    )


SESSION_OIDC_IDP = "xxgk_oidc_idp"  # the institution's own OIDC provider a sign-in in progress went to


class LocalBackend(ModelBackend):
    """Username and password. With XXGK_LOCAL_LOGIN off, only the platform administrator (a superuser)
    signs in this way, and other people's local sessions end."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and (settings.XXGK_LOCAL_LOGIN or user.is_superuser)


class TimedSession(requests.Session):
    """python-cas sends its requests without a timeout; a provider that hangs must not hang a worker."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", PROVIDER_TIMEOUT)
        return super().request(*args, **kwargs)


class CASBackend(ModelBackend):
    """A CAS service ticket, validated with the CAS server (protocol 2.0 or 3.0; 3.0 releases attributes)."""

    def authenticate(self, request, ticket=None, service=None, idp=None):
        """`idp`: an institution's own CAS server (an IdentityProvider); else the deployment's (CAS_*)."""
        if not (ticket and service and (idp is not None or cas_configured())):
            return None
        if idp is not None:
            client = cas_client(idp, service)
        else:
            from django_cas_ng.utils import get_cas_client

            client = get_cas_client(service_url=service, request=request)
        client.session = TimedSession()
        try:
            username, attributes, _pgtiou = client.verify_ticket(ticket)
        except (requests.RequestException, etree.LxmlError, ValueError) as exc:
            log.warning("CAS ticket validation failed: %s", exc)
            return None
        if not username:
            return None
        user = sign_in(idp.key if idp else "cas", username, dict(attributes or {}), idp)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.xxgk_idp = idp.pk if idp else None
        return user


class OIDCBackend(OIDCAuthenticationBackend):
    """The OIDC authorization code flow with PKCE (mozilla-django-oidc): the person is the ID token's `sub`;
    the userinfo claims feed the mapping. The provider is the institution's own one the sign-in went to
    (SESSION_OIDC_IDP), else the deployment's; its endpoints come from its discovery document or settings."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.provider = None

    def use(self, provider) -> None:
        """Talk to `provider` (a providers.OIDCProvider) for this sign-in."""
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)

    def authenticate(self, request, **kwargs):
        if request is None or "code_verifier" not in kwargs and "nonce" not in kwargs:
            return None  # not an OIDC callback (a password, a CAS ticket)
        try:
            idp = institution_provider(request.session.get(SESSION_OIDC_IDP))
            if idp is not None and idp.kind == Provider.OIDC:
                self.use(institution_oidc(idp))
            elif oidc_configured():
                self.use(deployment_oidc())
            else:
                return None
            if self.OIDC_RP_SIGN_ALGO.startswith("RS") and not (
                self.OIDC_OP_JWKS_ENDPOINT or self.OIDC_RP_IDP_SIGN_KEY
            ):
                return None
            return super().authenticate(request, **kwargs)
        except (
            requests.RequestException,
            ValueError,
            KeyError,
            SuspiciousOperation,
            jwt.PyJWTError,
            ProviderUnavailable,
        ) as exc:
            log.warning("OIDC sign-in failed: %s", exc)
            return None

    def verify_token(self, token, **kwargs):
        """The signature, expiry and nonce (mozilla-django-oidc), and that the token was issued to us."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued to another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        response = requests.get(
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}"},
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
            timeout=self.get_settings("OIDC_TIMEOUT", PROVIDER_TIMEOUT),
        )
        response.raise_for_status()
        return response.json()

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = payload.get("sub")
        if not subject or claims.get("sub", subject) != subject:
            return None
        idp = self.provider.idp
        user = sign_in(self.provider.key, subject, dict(claims), idp)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.xxgk_idp = idp.pk if idp else None
        return user
