from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "xxgk.notify"
    label = "notify"
    verbose_name = "通知"
