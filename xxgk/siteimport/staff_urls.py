from django.urls import path

from xxgk.siteimport import staff_views as views

app_name = "siteimport_staff"
urlpatterns = [
    path("", views.report, name="report"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("pages/<int:pk>/mask/", views.mask, name="mask"),
    path("upload/", views.upload, name="upload"),
    path("upload/status/", views.upload_status, name="upload_status"),
    path("uploads/<int:pk>/import/", views.start_import, name="start_import"),
]
