import os

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xxgk.accounts.models import IdentityProvider, Provider


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    """The platform administrator connects each institution's campus identity (a province deployment)."""

    list_display = ("institution", "kind", "server_url", "secret_in_environment", "enabled")
    list_filter = ("kind", "enabled")
    fields = ("institution", "kind", "label", "server_url", "cas_version", "client_id", "secret_variable", "enabled")

    @admin.display(boolean=True, description=_("密钥已在环境中"))
    def secret_in_environment(self, idp: IdentityProvider) -> bool | None:
        """For an OIDC provider: whether this process sees the variable the row names (None for CAS)."""
        if idp.kind != Provider.OIDC:
            return None
        return bool(idp.secret_variable and os.environ.get(idp.secret_variable))
