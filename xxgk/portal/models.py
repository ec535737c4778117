"""The portal's search index: one row per published record, text segmented with jieba.

The database's own engine does the matching: an FTS5 virtual table on SQLite
and a tsvector column with a GIN index on PostgreSQL (both created by
migration 0002 for their vendor only). Entries hold no state: every public
query still joins the record and asks for `Record.objects.published()`.
"""

from __future__ import annotations

from django.db import models

from xxgk.org.models import Institution
from xxgk.publishing.models import Record


class SearchEntry(models.Model):
    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    title = models.TextField(help_text="title segmented with jieba, tokens separated by spaces")
    body = models.TextField(help_text="summary, body and attachment text, segmented with jieba")
    plain = models.TextField(help_text="the same text unsegmented, for snippets")
    scope = models.TextField(
        default="", help_text="filter tokens: i<institution> d<department> y<year> c<catalog item>"
    )
    revision = models.PositiveIntegerField(help_text="Record.revision when this entry was built")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["institution"])]


class IndexMark(models.Model):
    """How far the index has read the record event log (one row, key "events")."""

    key = models.CharField(max_length=30, primary_key=True)
    value = models.BigIntegerField(default=0)
