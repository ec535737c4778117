from django.urls import path

from xxgk.oversight import staff_views as views

app_name = "oversight_staff"
urlpatterns = [
    path("", views.letters, name="letters"),
    path("letters.xlsx", views.letters_xlsx, name="letters_xlsx"),
    path("letters/new/", views.letter_new, name="letter_new"),
    path("letters/<int:pk>/", views.letter_detail, name="letter"),
    path("letters/<int:pk>/act/<slug:action>/", views.letter_act, name="letter_act"),
    path("letters/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("cases/", views.cases, name="cases"),
    path("cases.xlsx", views.cases_xlsx, name="cases_xlsx"),
    path("cases/new/", views.case_form, name="case_new"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", views.case_form, name="case_edit"),
    path("cases/<int:pk>/act/<slug:action>/", views.case_act, name="case_act"),
    path("table/", views.table, name="table"),
    path("rates/", views.rates, name="rates"),
    path("surveys/", views.surveys, name="surveys"),
    path("boxes/", views.boxes, name="boxes"),
    path("boxes/new/", views.box_form, name="box_new"),
    path("boxes/<int:box_id>/", views.box_form, name="box_edit"),
]
