from django.urls import path

from xxgk.api import staff_views as views

app_name = "api_staff"
urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
