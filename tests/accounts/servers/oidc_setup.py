"""Registers the xxgk under test (TEST_RP_URL) as a confidential client: authorization code with PKCE,
ID tokens signed RS256, logout back to its home page."""

import os

import django

django.setup()

from oauth2_provider.models import Application  # noqa: E402

rp = os.environ["TEST_RP_URL"].rstrip("/")
Application.objects.create(
    name="xxgk",
    client_id="xxgk",
    client_secret="xxgk-secret",
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=f"{rp}/accounts/oidc/callback/",
    post_logout_redirect_uris=f"{rp}/",
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
