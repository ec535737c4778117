from django.urls import path

from xxgk.foi import staff_views as views

app_name = "foi_staff"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("list.xlsx", views.application_list_xlsx, name="list_xlsx"),
    path("register/", views.register, name="register"),
    path("stats/", views.statistics, name="stats"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/notice/<int:pk>/", views.notice_template_edit, name="notice_template_edit"),
    path("rules/", views.rules_edit, name="rules"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/letter.<str:fmt>", views.staff_letter, name="letter"),
    path("<int:pk>/files/", views.file_upload, name="file_upload"),
    path("<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("<int:pk>/files/<int:file_pk>/mask/", views.file_mask, name="file_mask"),
    path("<int:pk>/files/<int:file_pk>/override/", views.file_override, name="file_override"),
    path("<int:pk>/files/<int:file_pk>/remove/", views.file_remove, name="file_remove"),
    path("<int:pk>/notice/<int:notice_pk>.<str:fmt>", views.staff_notice, name="notice"),
    path("<int:pk>/notice/<int:notice_pk>/posted/", views.notice_posted, name="notice_posted"),
    path("<int:pk>/notice/<int:notice_pk>/retry/", views.notice_retry, name="notice_retry"),
]
