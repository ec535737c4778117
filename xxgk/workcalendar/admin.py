from django.contrib import admin

from xxgk.workcalendar.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "note", "updated_at"]
    list_filter = ["is_workday"]
