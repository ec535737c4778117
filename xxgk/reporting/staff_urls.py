from django.urls import path

from xxgk.reporting import views

app_name = "reporting_staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("charts/<slug:slug>/<slug:kind>.png", views.chart, name="chart"),
    path("figures/", views.figures, name="figures"),
    path("figures/<int:pk>/delete/", views.figure_delete, name="figure_delete"),
    path("procurement/", views.procurement, name="procurement"),
    path("procurement/<int:pk>/delete/", views.procurement_delete, name="procurement_delete"),
    path("paragraphs/", views.paragraphs, name="paragraphs"),
    path("report/", views.report, name="report"),
    path("report/download.<str:fmt>", views.download, name="download"),
    path("report/build/", views.build, name="build"),
    path("report/build/files/<int:pk>/", views.build_file, name="build_file"),
    path("report/check/", views.check_draft, name="check_draft"),
]
