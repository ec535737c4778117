from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"

    def ready(self) -> None:
        from xxgk.org.signals import institution_created

        institution_created.connect(_copy_checklist, dispatch_uid="catalog-checklist")


def _copy_checklist(sender, institution, **kwargs) -> None:
    from xxgk.catalog.loader import ensure_institution_catalog

    ensure_institution_catalog(institution)
