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
        from django.db.models.signals import post_migrate

        post_migrate.connect(drop_orphan_index, sender=self, dispatch_uid="portal-search-orphans")


def index_on_event(sender, instance, created, raw=False, **kwargs):
    """Re-index the record an event names, in the event's own transaction (so a rollback undoes both)."""
    if created and not raw:
        from xxgk.portal.search import index_records

        index_records([instance.record_id])


def drop_orphan_index(sender, using="default", **kwargs):
    """After migrate or flush: the SQLite full-text table holds nothing when no entry is indexed. A flush
    (`xxgk flush`, a test's teardown) empties every model's table but not a virtual table, whose rows would
    then name records that no longer exist, or new ones that took their ids."""
    from django.db import connections

    from xxgk.portal.models import SearchEntry

    connection = connections[using]
    if connection.vendor != "sqlite" or "portal_searchfts" not in connection.introspection.table_names():
        return
    if not SearchEntry.objects.using(using).exists():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO portal_searchfts(portal_searchfts) VALUES ('delete-all')")
