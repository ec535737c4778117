from django.contrib import admin

from xxgk.oversight.models import LetterSource, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    """Read-only: boxes are opened and changed on the office's 信箱设置 page, through the services (audited)."""

    list_display = ("name", "institution", "kind", "department", "deadline_days", "extension_days", "active")
    list_filter = ("institution", "kind", "active")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterSource)
class LetterSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "kind")
    list_filter = ("institution", "kind")
