"""How many published records each institution, department, 清单 category and catalog item holds.

The public pages show these counts on every visit (the home page per category, the catalog and item
pages per item, the list of institutions and of departments); counting them there scanned every link
of an institution's records on each request. They are kept in `PublishedTally` rows instead:

- `publish` and `withdraw` (the only changes that make a record public or take it back; a published
  record's department and catalog items no longer change) call `refresh_for(record)` in their
  transaction. It makes sure the record's rows exist, locks them, and counts each of them again from the
  records, so two publications at once cannot lose each other's count: the second waits for the first
  to commit, then counts what it committed.
- `rebuild()` counts every row of one institution (or of all) from the records: after records were
  written in bulk (the demo, the benchmark, an import) and for operations (`xxgk tallies --rebuild`).
  `check()` lists the rows that disagree with the records.

A count is of `Record.objects.published()`: the category's counts a record once however many of the
category's items it is linked to.

The item pages' listing (`ItemListing`: each published record under each of its items, with its publication
time) is kept the same way: `refresh_for` lists the record under its items or takes it off, `rebuild` lists
every published record again, `check` reports an item whose listing differs from its published records.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from xxgk.catalog.models import CatalogItem
from xxgk.publishing.models import ItemListing, PublishedTally, Record, TallyScope

Scope = tuple[str, int]  # (TallyScope, key)
Figure = tuple[int, object]  # (published records, latest published_at)


def _links(institution_id: int):
    """The links between the institution's catalog items and its published records."""
    return Record.items.through.objects.filter(
        catalogitem__institution_id=institution_id,
        record_id__in=Record.objects.published().filter(institution_id=institution_id).values("id"),
    )


def _count(institution_id: int, scopes: set[Scope] | None) -> dict[Scope, Figure]:
    """The figures of `scopes` (every scope of the institution when None), counted from the records."""

    def wanted(scope: str) -> list[int] | None:
        if scopes is None:
            return None
        return [key for s, key in scopes if s == scope]

    figures: dict[Scope, Figure] = {}
    published = Record.objects.published().filter(institution_id=institution_id)
    if scopes is None or (TallyScope.INSTITUTION, institution_id) in scopes:
        row = published.aggregate(n=Count("id"), last=Max("published_at"))
        figures[(TallyScope.INSTITUTION, institution_id)] = (row["n"], row["last"])
    departments = wanted(TallyScope.DEPARTMENT)
    if departments is None or departments:
        rows = published.filter(**({"department_id__in": departments} if departments is not None else {}))
        for key, n, last in (
            rows.values_list("department_id").annotate(n=Count("id"), last=Max("published_at")).order_by()
        ):
            figures[(TallyScope.DEPARTMENT, key)] = (n, last)
    items = wanted(TallyScope.ITEM)
    if items is None or items:
        links = _links(institution_id).filter(**({"catalogitem_id__in": items} if items is not None else {}))
        for key, n, last in (
            links.values_list("catalogitem_id")
            .annotate(n=Count("record_id"), last=Max("record__published_at"))
            .order_by()
        ):
            figures[(TallyScope.ITEM, key)] = (n, last)
    categories = wanted(TallyScope.CATEGORY)
    if categories is None or categories:
        links = _links(institution_id)
        if categories is not None:
            links = links.filter(catalogitem__category_id__in=categories)
        for key, n, last in (
            links.values_list("catalogitem__category_id")
            .annotate(n=Count("record_id", distinct=True), last=Max("record__published_at"))
            .order_by()
        ):
            figures[(TallyScope.CATEGORY, key)] = (n, last)
    for scope in scopes or ():
        figures.setdefault(scope, (0, None))  # nothing published there (any more)
    return figures


def scopes_of(record: Record) -> set[Scope]:
    """Every count the record is part of while it is published."""
    scopes = {(TallyScope.INSTITUTION, record.institution_id), (TallyScope.DEPARTMENT, record.department_id)}
    for item_id, category_id in CatalogItem.objects.filter(records=record).values_list("id", "category_id"):
        scopes |= {(TallyScope.ITEM, item_id), (TallyScope.CATEGORY, category_id)}
    return scopes


def _write(institution_id: int, figures: dict[Scope, Figure], rows: Iterable[PublishedTally]) -> None:
    changed = []
    for row in rows:
        n, last = figures.pop((row.scope, row.key), (0, None))
        if (row.published, row.last_published_at) != (n, last):
            row.published, row.last_published_at = n, last
            changed.append(row)
    PublishedTally.objects.bulk_update(changed, ["published", "last_published_at"], batch_size=500)
    PublishedTally.objects.bulk_create(
        [
            PublishedTally(institution_id=institution_id, scope=s, key=k, published=n, last_published_at=last)
            for (s, k), (n, last) in figures.items()
        ],
        batch_size=500,
    )


def refresh_for(record: Record) -> None:
    """Count again, under a lock, every figure `record` is part of; inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("call inside the service function's transaction")
    scopes = scopes_of(record)
    institution_id = record.institution_id
    PublishedTally.objects.bulk_create(
        [PublishedTally(institution_id=institution_id, scope=s, key=k) for s, k in scopes], ignore_conflicts=True
    )
    which = Q()
    for scope in {s for s, _k in scopes}:
        which |= Q(scope=scope, key__in=[k for s, k in scopes if s == scope])
    rows = (
        PublishedTally.objects.select_for_update().filter(which, institution_id=institution_id).order_by("scope", "key")
    )
    _write(institution_id, _count(institution_id, scopes), rows)
    ItemListing.objects.filter(record_id=record.pk).delete()
    if record.is_public:
        ItemListing.objects.bulk_create(
            [
                ItemListing(item_id=item_id, record_id=record.pk, published_at=record.published_at)
                for item_id in record.items.values_list("id", flat=True)
            ]
        )


def _listed(institution_id: int):
    """(item, record, published_at) of every published record under each of the institution's items."""
    return _links(institution_id).values_list("catalogitem_id", "record_id", "record__published_at")


def _relist(institution_id: int) -> None:
    ItemListing.objects.filter(item__institution_id=institution_id).delete()
    batch = []
    for item_id, record_id, at in _listed(institution_id).iterator(chunk_size=2000):
        batch.append(ItemListing(item_id=item_id, record_id=record_id, published_at=at))
        if len(batch) == 2000:
            ItemListing.objects.bulk_create(batch)
            batch = []
    ItemListing.objects.bulk_create(batch)


@transaction.atomic
def rebuild(institution=None) -> int:
    """Count every figure of `institution` (of every institution when None) from the records; returns the
    number of rows kept."""
    from xxgk.org.models import Institution

    ids = [institution.pk] if institution is not None else list(Institution.objects.values_list("pk", flat=True))
    kept = 0
    for institution_id in ids:
        rows = list(PublishedTally.objects.select_for_update().filter(institution_id=institution_id))
        figures = _count(institution_id, None)
        kept += len(figures)
        _write(institution_id, figures, rows)
        _relist(institution_id)
    return kept


def check(institution=None) -> list[tuple[int, str, int, Figure, Figure]]:
    """The rows that disagree with the records: (institution id, scope, key, kept, counted); an item whose
    listing differs is (institution id, "listing", item id, (entries, None), (published records, None))."""
    from xxgk.org.models import Institution

    ids = [institution.pk] if institution is not None else list(Institution.objects.values_list("pk", flat=True))
    wrong = []
    for institution_id in ids:
        kept = {
            (r.scope, r.key): (r.published, r.last_published_at)
            for r in PublishedTally.objects.filter(institution_id=institution_id)
        }
        counted = _count(institution_id, None)
        for scope in sorted(set(kept) | set(counted)):
            have, want = kept.get(scope, (0, None)), counted.get(scope, (0, None))
            if have != want:
                wrong.append((institution_id, scope[0], scope[1], have, want))
        listed = set(
            ItemListing.objects.filter(item__institution_id=institution_id).values_list(
                "item_id", "record_id", "published_at"
            )
        )
        due = set(_listed(institution_id))
        for item_id in sorted({i for i, _r, _a in listed ^ due}):
            have = sum(1 for i, _r, _a in listed if i == item_id)
            want = sum(1 for i, _r, _a in due if i == item_id)
            wrong.append((institution_id, "listing", item_id, (have, None), (want, None)))
    return wrong


def figures(institution, scope: str, *, key: int | None = None) -> dict[int, Figure]:
    """key -> (published records, latest publication) of the institution's rows of one scope, or of the one
    row `key` (one query); a key without a row has nothing published."""
    rows = PublishedTally.objects.filter(institution=institution, scope=scope)
    if key is not None:
        rows = rows.filter(key=key)
    return {key: (n, last) for key, n, last in rows.values_list("key", "published", "last_published_at")}


def annotate(queryset, scope: str, *, institution=None, count: str = "published", last: str | None = None):
    """`queryset` (of institutions, departments, categories or catalog items) with each row's figure read
    from its tally in the same query: `count` (0 where nothing is published) and, when named, `last` (the
    latest publication, None where nothing is). `institution` is the institution the categories are counted
    in; departments, items and institutions are counted in their own."""
    if scope == TallyScope.INSTITUTION:
        owner = OuterRef("pk")
    elif scope == TallyScope.CATEGORY:
        owner = institution
    else:
        owner = OuterRef("institution_id")
    row = PublishedTally.objects.filter(institution=owner, scope=scope, key=OuterRef("pk"))
    figures = {count: Coalesce(Subquery(row.values("published")[:1]), 0)}
    if last:
        figures[last] = Subquery(row.values("last_published_at")[:1])
    return queryset.annotate(**figures)
