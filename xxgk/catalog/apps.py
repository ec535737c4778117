from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
