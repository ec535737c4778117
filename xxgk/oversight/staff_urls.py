from django.urls import path  # noqa: F401

app_name = "oversight_staff"
urlpatterns: list = []
