from django.urls import path  # noqa: F401

app_name = "reporting_staff"
urlpatterns: list = []
