from django.urls import path

from xxgk.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.boxes, name="index"),
    path("<int:box_id>/", views.box, name="box"),
    path("<int:box_id>/write/", views.write, name="write"),
    path("receipt/", views.receipt, name="receipt"),
    path("lookup/", views.lookup, name="lookup"),
    path("case/<str:token>/", views.case_by_link, name="case"),
    path("lookup/<int:letter_id>/rate/", views.rate_as_writer, name="rate_as_writer"),
    path("replies/<int:pk>/", views.reply_detail, name="reply"),
    path("rate/<slug:kind>/<int:pk>/", views.rate, name="rate"),
]
