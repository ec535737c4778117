from django.urls import path

from xxgk.siteimport import staff_views as views

app_name = "siteimport_staff"
urlpatterns = [
    path("", views.report, name="report"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("pages/<int:pk>/mask/", views.mask, name="mask"),
]
