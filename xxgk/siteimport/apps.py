from django.apps import AppConfig


class SiteImportConfig(AppConfig):
    name = "xxgk.siteimport"
    label = "siteimport"
    verbose_name = "旧网站导入"

    def ready(self) -> None:
        from xxgk.siteimport import uploads  # noqa: F401  (registers the check of an uploaded site, a kind of job)
