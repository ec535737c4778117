from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "xxgk.publishing"
    label = "publishing"
