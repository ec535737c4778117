from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Moving one institution between deployments (`xxgk export`, `xxgk import`); no models of its own."""

    name = "xxgk.transfer"
    label = "transfer"
    verbose_name = "导出与导入"
