from django.urls import path

from xxgk.workbench import notify_views as views

app_name = "notify_staff"
urlpatterns = [
    path("", views.settings_list, name="settings"),
    path("kinds/<str:key>/", views.setting_edit, name="edit"),
    path("robots/<int:pk>/", views.robot_edit, name="robot"),
    path("sent/", views.message_list, name="messages"),
    path("sent/<int:pk>/retry/", views.message_retry, name="retry"),
    path("sent/retry-failed/", views.message_retry_failed, name="retry_failed"),
]
