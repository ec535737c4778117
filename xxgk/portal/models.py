"""The portal's search index: one row per published record (see `xxgk.portal.search`).

The database's own engine does the matching over character bigrams: a contentless FTS5 table on SQLite
(`portal_searchfts`, rowid = `SearchEntry.key`) and a bigint[] column `keys` with a GIN index on
PostgreSQL, both created by migration 0005 for their vendor only and written by `search.index_records`.
Entries hold no state: the hits a search shows are read through `Record.objects.published()`.
"""

from __future__ import annotations

from django.db import models

from xxgk.org.models import Institution
from xxgk.publishing.models import Record


class SearchEntry(models.Model):
    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(
        unique=True, help_text="institution | second of publication | record: orders an institution's entries"
    )
    title = models.TextField(help_text="the title as indexed")
    plain = models.TextField(help_text="summary, body text and screened attachment text as indexed, one per line")
    scope = models.TextField(default="", help_text="filter tokens: d<department> y<year> c<catalog item>")
    digest = models.CharField(max_length=64, default="", help_text="sha256 of title, plain and scope")
    revision = models.PositiveIntegerField(help_text="Record.revision when this entry was built")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["institution"])]


class IndexMark(models.Model):
    """How far the index has read the record event log (one row, key "events")."""

    key = models.CharField(max_length=30, primary_key=True)
    value = models.BigIntegerField(default=0)
