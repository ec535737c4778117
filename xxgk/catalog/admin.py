from django.contrib import admin

from xxgk.catalog.models import ChecklistCategory, ChecklistItem


@admin.register(ChecklistCategory)
class ChecklistCategoryAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["number", "category", "title", "verification", "data_version"]
    list_filter = ["category", "verification"]
