from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xxgk.accounts"
    label = "accounts"
    verbose_name = "账号与统一身份认证"

    def ready(self) -> None:
        from xxgk.accounts import history, rules  # noqa: F401  (login history receiver; the people rule)
