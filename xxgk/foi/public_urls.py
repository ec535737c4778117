from django.urls import path

from xxgk.foi import public_views as views

app_name = "foi"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("guide/", views.guide, name="guide"),
    path("form.pdf", views.form_pdf, name="form_pdf"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("link/<str:token>/", views.case_by_link, name="link"),
    path("link/<str:token>/files/<int:file_pk>/", views.file_by_link, name="link_file"),
    path("status/<str:code>/", views.status_detail, name="status_detail"),
    path("status/<str:code>/supplement/", views.supplement, name="supplement"),
    path("status/<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path("status/<str:code>/letter.<str:fmt>", views.letter, name="letter"),
    path("status/<str:code>/files/<int:file_pk>/", views.reply_file, name="file"),
    path("status/<str:code>/notice/<int:notice_pk>.<str:fmt>", views.notice, name="notice"),
]
