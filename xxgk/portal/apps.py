from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xxgk.portal"
    label = "portal"

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from xxgk.core.models import AuditEvent
        from xxgk.portal.cache import forget_version
        from xxgk.publishing.models import RecordEvent

        # every change to what the portal shows writes one of these rows (see portal.cache)
        for model in (RecordEvent, AuditEvent, LogEntry):
            post_save.connect(forget_version, sender=model, dispatch_uid=f"portal-version-{model.__name__}")
        # the search index is written by the write that changes a record, never by a search (a GET)
        post_save.connect(index_on_event, sender=RecordEvent, dispatch_uid="portal-search-index")


def index_on_event(sender, instance, created, raw=False, **kwargs):
    """Re-index the record an event names, in the event's own transaction (so a rollback undoes both)."""
    if created and not raw:
        from xxgk.portal.search import index_records

        index_records([instance.record_id])
