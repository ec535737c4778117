from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xxgk.accounts"
    label = "accounts"
    verbose_name = "账号与统一身份认证"

    def ready(self) -> None:
        from xxgk.accounts import history, rules  # noqa: F401  (login history receiver; the people rule)
        from xxgk.accounts.providers import sign_out_urls
        from xxgk.core.csp import SIGN_OUT_SOURCES

        if sign_out_urls not in SIGN_OUT_SOURCES:
            SIGN_OUT_SOURCES.append(sign_out_urls)
