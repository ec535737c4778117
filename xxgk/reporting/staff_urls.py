from django.urls import path

from xxgk.reporting import round_views, views

app_name = "reporting_staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("round/", round_views.round_page, name="round"),
    path("round/remind/", round_views.round_remind, name="round_remind"),
    path("round/export.xlsx", round_views.round_export, name="round_export"),
    path("round/summary/", round_views.round_summary, name="round_summary"),
    path("round/charts/<slug:kind>.png", round_views.round_chart, name="round_chart"),
    path("round/reports/<int:report_id>/", round_views.round_platform_report, name="round_platform_report"),
    path("round/outside/", round_views.round_outside, name="round_outside"),
    path("round/outside/<int:report_id>/", round_views.round_outside_report, name="round_outside_report"),
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
