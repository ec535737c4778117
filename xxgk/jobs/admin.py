"""The platform administrator's view of the queue: every job with its state, attempts and error (read
only: jobs are queued and run by the code that owns them)."""

from django.contrib import admin

from xxgk.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "attempts", "institution", "run_after", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("kind", "key")
    ordering = ("-id",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
