"""A prepared query (xxgk/portal/prepared.py: compiled once, run with new values) returns what its queryset's
`.values()` returns for the same values: the same rows in the same order, dates, datetimes and booleans converted
the same way, a window the same as slicing, an id beyond 64 bits (as a URL may ask for) none; a value of another type is
refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.portal.conftest import bulk_published, item, published
from xxgk.portal.prepared import Prepared, _rewrite
from xxgk.publishing.models import Record

FIELDS = ("id", "title", "formed_on", "published_at", "is_notice", "department_id")


def _records(institution, kind):
    return Record.objects.published().filter(institution_id=institution, notice_day_kind=kind).values(*FIELDS)


def test_rows_are_the_querysets_rows_for_every_value(world):
    published(world, "公示一", is_notice=True, notice_start=date(2024, 3, 4), notice_days=5, items=[item(world, 1)])
    bulk_published(world, 5, items=[item(world, 1)], prefix="批量")
    prepared = Prepared(_records, institution=int, kind=str)
    kinds = sorted(set(Record.objects.values_list("notice_day_kind", flat=True))) + ["none such"]
    for institution in (world.institution.pk, 0):
        for kind in kinds:
            assert prepared.rows(institution=institution, kind=kind) == list(_records(institution, kind))
    assert prepared.rows(institution=2**70, kind=kinds[0]) == []
    assert any(row["is_notice"] for kind in kinds for row in prepared.rows(institution=world.institution.pk, kind=kind))


def test_a_window_is_a_slice(world):
    bulk_published(world, 7, items=[item(world, 1)], prefix="窗口")
    prepared = Prepared(
        lambda institution: Record.objects.published().filter(institution_id=institution).values("id", "title"),
        window=True,
        institution=int,
    )
    whole = list(Record.objects.published().filter(institution_id=world.institution.pk).values("id", "title"))
    for offset, limit in [(0, 3), (3, 3), (6, 3), (9, 3)]:
        assert (
            prepared.rows(institution=world.institution.pk, limit=limit, offset=offset)
            == whole[offset : offset + limit]
        )


def test_a_value_of_another_type_or_a_rewritten_parameter_is_refused(world):
    prepared = Prepared(_records, institution=int, kind=str)
    with pytest.raises(TypeError):
        prepared.rows(institution=str(world.institution.pk), kind="x")
    with pytest.raises(TypeError):
        Prepared(_records, institution=float)
    # the SQL holds "<value>%", not the value: it cannot be put in its place
    startswith = Prepared(lambda title: Record.objects.filter(title__startswith=title).values("id"), title=str)
    with pytest.raises(ValueError):
        startswith.rows(title="关于")


def test_the_orms_constant_words_are_written_into_the_sql(world):
    from django.db import connections

    published(world, "公示一", is_notice=True, notice_start=date(2024, 3, 4), notice_days=5, items=[item(world, 1)])
    prepared = Prepared(_records, institution=int, kind=str)
    sql, template, *_rest = prepared._compile(connections["default"])
    assert "= 'published'" in sql  # `published()`'s state, a word: a literal
    assert "published" not in template.values() and len(template) == 2  # the institution and the kind stay parameters
    kind = Record.objects.values_list("notice_day_kind", flat=True).first()
    assert prepared.rows(institution=world.institution.pk, kind=kind) == list(_records(world.institution.pk, kind))
    # a constant that is not a plain word stays a parameter
    quoted = Prepared(
        lambda institution: Record.objects.filter(institution_id=institution, title="公示一' OR 1=1").values("id"),
        institution=int,
    )
    assert quoted.rows(institution=world.institution.pk) == []
    assert "OR 1=1" not in quoted._compile(connections["default"])[0]


def test_the_rewrite_counts_placeholders_not_literal_percent_signs():
    sql, left = _rewrite("a = %s AND b LIKE '%%s' AND c = %s AND d = %s", ("published", 5, "x y"), keep=set())
    assert sql == "a = 'published' AND b LIKE '%%s' AND c = %(p0)s AND d = %(p1)s"
    assert left == {"p0": 5, "p1": "x y"}
    assert _rewrite("a = %s", ("word",), keep={"word"}) == ("a = %(p0)s", {"p0": "word"})
    with pytest.raises(ValueError):
        _rewrite("a = %s", (1, 2), keep=set())
