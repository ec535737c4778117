"""索引号: generated when a record is published, unique per institution, format set by the office."""

from __future__ import annotations

from string import Formatter

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from xxgk.publishing.models import IndexSequence

SAMPLE = {"code": "XX", "category": "01", "dept": "dept", "year": 2024, "seq": 1}


def fields_of(fmt: str) -> set[str]:
    """The replacement fields a format really uses (escaped {{braces}} are not fields)."""
    return {name for _text, name, _spec, _conv in Formatter().parse(fmt) if name is not None}


def validate_format(fmt: str) -> None:
    """Raise ValidationError with a Chinese message when the format cannot produce a unique number."""
    try:
        sample = fmt.format(**SAMPLE)
        other = fmt.format(**{**SAMPLE, "seq": 2})
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("索引号格式无效：%(error)s。可用字段为 {code} {category} {dept} {year} {seq}。") % {"error": exc}
        ) from exc
    if "seq" not in fields_of(fmt) or sample == other:
        raise ValidationError(_("索引号格式必须包含序号字段 {seq}，否则无法保证唯一。"))
    if len(sample) > 60:
        raise ValidationError(_("索引号过长（超过60个字符）。"))


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
