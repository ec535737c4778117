from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "xxgk.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from xxgk.jobs import tasks  # noqa: F401  (the queue's own kinds: scheduled commands, clean-up)

        # every app's `tasks.py` registers the kinds of job it runs (`@jobs.job(...)`), so a worker and a
        # request know the same kinds
        autodiscover_modules("tasks")

        from xxgk.jobs import celery_app, delivery

        celery_app.configure(delivery.beat_schedule())
