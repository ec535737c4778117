from django.urls import path

from xxgk.notify import staff_views as views

app_name = "notify_staff"
urlpatterns = [
    path("", views.settings_list, name="settings"),
    path("kinds/<str:key>/", views.setting_edit, name="edit"),
    path("sent/", views.message_list, name="messages"),
    path("sent/<int:pk>/retry/", views.message_retry, name="retry"),
]
