from django.urls import path

from xxgk.workbench import calendar_views, office_views, report_check_views, views

app_name = "workbench"
urlpatterns = [
    path("", views.todo, name="todo"),
    path("drafts/", views.drafts, name="drafts"),
    path("records/", views.record_list, name="records"),
    path("records.xlsx", views.record_list_xlsx, name="records_xlsx"),
    path("records/new/", views.record_new, name="new"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/edit/", views.record_edit, name="edit"),
    path("records/<int:pk>/correct/", views.record_correct, name="correct"),
    path("records/<int:pk>/act/<slug:action>/", views.record_act, name="act"),
    path("records/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("records/<int:pk>/postings/", views.posting_add, name="posting_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("findings/<int:pk>/mask/", views.finding_mask, name="finding_mask"),
    path("findings/<int:pk>/override/", views.finding_override, name="finding_override"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("institutions/", views.institutions, name="institutions"),
    path("catalog/", office_views.catalog, name="catalog"),
    path("catalog/new/", office_views.catalog_new, name="catalog_new"),
    path("catalog/<int:pk>/", office_views.catalog_item, name="catalog_item"),
    path("channels/", office_views.channels, name="channels"),
    path("settings/", office_views.settings_page, name="settings"),
    path("calendar/", calendar_views.calendar, name="calendar"),
    path("reports/check/", report_check_views.check_reports, name="report_check"),
]
