from django.contrib import admin

from xxgk.org.models import Department, Institution, Membership
from xxgk.org.signals import institution_created


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug", "office_name", "phone"]
    inlines = [DepartmentInline]

    def save_model(self, request, obj, form, change):
        """A new institution gets what `services.create_institution` sets up (the catalog's 清单, the review
        chain, the FOI rules), in the admin's transaction: the platform administrator's first step."""
        super().save_model(request, obj, form, change)
        if not change:
            institution_created.send(sender=Institution, institution=obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "institution", "department"]
    list_filter = ["role", "institution"]
    autocomplete_fields = ["user"]
