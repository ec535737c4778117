from django.contrib import admin

from xxgk.org.models import Department, Institution, Membership


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug", "office_name", "phone"]
    inlines = [DepartmentInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "institution", "department"]
    list_filter = ["role", "institution"]
    autocomplete_fields = ["user"]
