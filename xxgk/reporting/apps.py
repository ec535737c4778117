from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xxgk.reporting"
    label = "reporting"
    verbose_name = "统计与年度报告"

    def ready(self) -> None:
        from xxgk.reporting import report_compare, rules, todo  # noqa: F401  (registers the policy rules and the to-do source)
        from xxgk.workbench.report_check_views import REPORT_ANNOTATORS

        if report_compare.with_platform not in REPORT_ANNOTATORS:
            REPORT_ANNOTATORS.append(report_compare.with_platform)
