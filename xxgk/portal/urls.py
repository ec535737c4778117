from django.urls import path

from xxgk.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.deployment, name="deployment"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/records/<int:pk>/", views.record, name="record"),
    path("<slug:slug>/records/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]
