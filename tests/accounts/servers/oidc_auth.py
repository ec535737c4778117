"""The test OpenID provider's people (the directory) and the claims it releases about them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.accounts.servers.directory import person


class DirectoryBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        found = person(username or "")
        if not found or found["password"] != password:
            return None
        user, _ = get_user_model().objects.get_or_create(username=username)
        return user


class DirectoryValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        found = person(request.user.username) or {"attributes": {}}
        return {**found["attributes"], "sub": request.user.username}
