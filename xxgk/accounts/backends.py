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

from xxgk.accounts.services import sign_in

log = logging.getLogger(__name__)

PROVIDER_TIMEOUT = 10  # seconds for one request to the provider


def cas_configured() -> bool:
    return bool(settings.CAS_SERVER_URL)


def oidc_configured() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        and settings.OIDC_OP_TOKEN_ENDPOINT
        and settings.OIDC_OP_USER_ENDPOINT
    )


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

    def authenticate(self, request, ticket=None, service=None):
        if not (ticket and service and cas_configured()):
            return None
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
        user = sign_in("cas", username, dict(attributes or {}))
        return user if self.user_can_authenticate(user) else None


class OIDCBackend(OIDCAuthenticationBackend):
    """The OIDC authorization code flow with PKCE (mozilla-django-oidc): the person is the ID token's `sub`;
    the userinfo claims feed the mapping."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.configured = oidc_configured()
        if self.configured:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not self.configured:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation, jwt.PyJWTError) as exc:
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
        user = sign_in("oidc", subject, dict(claims))
        return user if user is not None and self.user_can_authenticate(user) else None
