from django.contrib import admin

from xxgk.notify.models import Message, MessageSetting


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "institution", "kind", "recipient", "subject", "state", "attempts")
    list_filter = ("state", "kind", "channel")
    readonly_fields = [f.name for f in Message._meta.fields]


@admin.register(MessageSetting)
class MessageSettingAdmin(admin.ModelAdmin):
    list_display = ("institution", "kind", "enabled", "subject")
