from django.contrib import admin

from xxgk.accounts.models import IdentityProvider


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    """The platform administrator connects each institution's campus identity (a province deployment)."""

    list_display = ("institution", "kind", "server_url", "enabled")
    list_filter = ("kind", "enabled")
    fields = ("institution", "kind", "label", "server_url", "cas_version", "client_id", "secret_variable", "enabled")
