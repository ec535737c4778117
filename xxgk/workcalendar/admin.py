"""Read-only in the admin: every change goes through workcalendar.services (the workbench's 工作日 page, or
`xxgk calendar-year`), so that open deadlines are recomputed with an event on each."""

from django.contrib import admin

from xxgk.workcalendar.models import CalendarOverride, InstitutionClosure, YearArrangement


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(ReadOnly):
    list_display = ["date", "is_workday", "note", "updated_at"]
    list_filter = ["is_workday"]


@admin.register(YearArrangement)
class YearArrangementAdmin(ReadOnly):
    list_display = ["year", "note", "updated_at"]


@admin.register(InstitutionClosure)
class InstitutionClosureAdmin(ReadOnly):
    list_display = ["institution", "date", "note", "updated_at"]
