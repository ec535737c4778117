from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running a deployment: backups that restore (`xxgk backup`, `xxgk restore`)."""

    name = "xxgk.ops"
    label = "ops"
    verbose_name = "运维"
