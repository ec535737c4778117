from django.apps import AppConfig


class SiteImportConfig(AppConfig):
    name = "xxgk.siteimport"
    label = "siteimport"
    verbose_name = "旧网站导入"
