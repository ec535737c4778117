from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xxgk.reporting"
    label = "reporting"
    verbose_name = "统计与年度报告"

    def ready(self) -> None:
        from xxgk.reporting import rules, todo  # noqa: F401  (registers the policy rules and the to-do source)
