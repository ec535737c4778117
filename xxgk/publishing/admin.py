from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction

from xxgk.publishing import review_chain
from xxgk.publishing.models import ReviewStep


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    """Steps are saved and removed through the review chain's services, which keep a 保密审查 step in every
    chain; the form refuses first (ReviewStep.clean), and the last secrecy step offers no delete button."""

    list_display = ["institution", "order", "name", "role", "is_secrecy_review"]
    list_filter = ["institution"]

    def save_model(self, request, obj, form, change):
        review_chain.save_step(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_secrecy_review and not obj.other_secrecy_steps().exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        review_chain.remove_step(request.user, obj)

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for step in queryset.order_by("pk"):
                    review_chain.remove_step(request.user, step)
        except ValidationError as error:
            request.xxgk_delete_refused = True
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # delete_selected reports success after delete_queryset returns, even when it refused
        if level == messages.SUCCESS and getattr(request, "xxgk_delete_refused", False):
            return
        super().message_user(request, message, level, *args, **kwargs)
