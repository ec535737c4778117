"""文号: the document number every notice and reply letter carries, in the institution's format.

The format is the office's (`RuleSet.number_format`, default in data/rules.json), e.g. "{abbr}信公〔{year}〕{n}号".
Numbers run per institution and year, and per series when the format names {kind} (the series labels are in
data/notice_templates.json). A number is drawn in the transaction that writes its Notice row: the counter row is
incremented with one UPDATE, which PostgreSQL holds under a row lock and SQLite under its write lock until that
transaction ends, so two requests never get the same number and a rolled-back notice gives its number back (no gap).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from xxgk.foi.loader import data, rules_for
from xxgk.foi.models import DocumentSequence
from xxgk.org.index_format import fields_of

SAMPLE = {"abbr": "某大", "kind": "补", "year": 2026, "n": 1}


def validate_number_format(fmt: str) -> None:
    """Raise ValidationError (Chinese) unless the format gives a distinct number for every n within a year."""
    try:
        one = fmt.format(**SAMPLE)
        two = fmt.format(**{**SAMPLE, "n": 2})
        next_year = fmt.format(**{**SAMPLE, "year": 2027})
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("文号格式无效：%(error)s。可用字段为 {abbr} {kind} {year} {n}。") % {"error": exc}
        ) from exc
    used = fields_of(fmt)
    if "n" not in used or "year" not in used or one == two or one == next_year:
        raise ValidationError(_("文号格式必须包含年份 {year} 和序号 {n}，否则文号会重复。"))
    if len(one) > 60:
        raise ValidationError(_("文号过长（超过60个字符）。"))


def abbreviation(institution) -> str:
    return institution.short_name or institution.name


def series_label(kind: str) -> str:
    return data("notice_templates.json")["series"][kind]


def draw(institution, kind: str, on: date) -> tuple[str, int, int]:
    """(number, year, n): the next 文号 of `kind` issued on `on`. Call inside the transaction writing the notice."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("draw a number inside the transaction that writes the notice")
    fmt = rules_for(institution).number_format
    series = kind if "kind" in fields_of(fmt) else "*"
    counter, _created = DocumentSequence.objects.get_or_create(institution=institution, series=series, year=on.year)
    DocumentSequence.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    number = fmt.format(abbr=abbreviation(institution), kind=series_label(kind), year=on.year, n=counter.last)
    return number, on.year, counter.last
