"""索引号: generated when a record is published, unique per institution, format set by the office."""

from __future__ import annotations

from string import Formatter

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

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


def _seq_meaning(used: set[str], spec: str) -> str:
    if "year" in used and "category" in used:
        scope = _("同一年份、同一类别内的顺序号，从 1 起连续编排")
    elif "year" in used:
        scope = _("同一年份内的顺序号，从 1 起连续编排")
    elif "category" in used:
        scope = _("同一类别内的顺序号，从 1 起连续编排")
    else:
        scope = _("顺序号，从 1 起连续编排，不重复")
    width = spec.lstrip("0").rstrip("d") if spec.startswith("0") and spec.endswith("d") else ""
    if width.isdigit():
        scope += _("（%(n)s 位，不足的前面补 0）") % {"n": width}
    return scope


def index_scheme(institution, *, dept_code: str = "") -> dict:
    """The 索引号's 编排体系 as the public guide explains it: each field of the institution's format in order
    with its meaning, and an example for this year's first record of category 02."""
    fmt = institution.index_format
    used = fields_of(fmt)
    meanings = {
        "code": _("学校代码，本校为“%(code)s”") % {"code": institution.code},
        "category": _(
            "信息所属《高等学校信息公开事项清单》类别的两位编号（01 基本信息 … 10 其他），未归入清单事项的为 00"
        ),
        "dept": _("发布信息的部门的代码"),
        "year": _("发布年份"),
    }
    parts = []
    for _text, name, spec, _conv in Formatter().parse(fmt):
        if name is None:
            continue
        meaning = _seq_meaning(used, spec or "") if name == "seq" else meanings.get(name, name)
        parts.append({"field": name, "meaning": meaning})
    example = fmt.format(
        code=institution.code, category="02", dept=dept_code or "dept", year=timezone.localdate().year, seq=1
    )
    return {"parts": parts, "example": example}
