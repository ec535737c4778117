from django.contrib import admin

from xxgk.oversight.models import LetterSource, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "kind", "department", "deadline_days", "max_extended_days", "active")
    list_filter = ("institution", "kind", "active")
    filter_horizontal = ("handlers",)


@admin.register(LetterSource)
class LetterSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "kind")
    list_filter = ("institution", "kind")
