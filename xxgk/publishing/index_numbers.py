"""索引号: generated when a record is published, unique per institution, format set by the office."""

from __future__ import annotations

from django.db.models import F

from xxgk.org.index_format import fields_of
from xxgk.publishing.models import IndexSequence


def category_code(record) -> str:
    item = min(record.items.all(), key=lambda i: (i.category.number, i.order), default=None)
    return item.category.code if item else "00"


def next_index_number(record, year: int) -> str:
    """Take the next sequence number for the record's category and year (call inside a transaction)."""
    institution = record.institution
    category = category_code(record)
    # One sequence per combination of the fields the format shows, so that a
    # format without {category} or {year} still never repeats a number.
    used = fields_of(institution.index_format)
    seq, _created = IndexSequence.objects.get_or_create(
        institution=institution, category=category if "category" in used else "*", year=year if "year" in used else 0
    )
    IndexSequence.objects.filter(pk=seq.pk).update(last=F("last") + 1)
    seq.refresh_from_db(fields=["last"])
    return institution.index_format.format(
        code=institution.code, category=category, dept=record.department.code, year=year, seq=seq.last
    )
