from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "xxgk.publishing"
    label = "publishing"

    def ready(self) -> None:
        from xxgk.org.signals import institution_created
        from xxgk.publishing import job_pages, rules  # noqa: F401  (the policy rules; failed jobs' pages)

        institution_created.connect(_install_review_chain, dispatch_uid="publishing-review-chain")


def _install_review_chain(sender, institution, **kwargs) -> None:
    from xxgk.publishing.review_chain import install_default_review_chain

    install_default_review_chain(institution)
