from django.contrib import admin

from xxgk.publishing.models import ReviewStep


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    list_display = ["institution", "order", "name", "role", "is_secrecy_review"]
    list_filter = ["institution"]
