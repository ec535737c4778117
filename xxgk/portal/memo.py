"""What an institution's public pages show that changes only with its data version, read once per version.

The institution's row, its departments, channels and catalog items (with their 清单 category, the departments
responsible and the published-record tallies), the 清单 categories with their tallies, the kinds of mailbox open
to the public: every page showed some of these, read from the database on each request (three to five queries
of the home and item pages). They change only through a service function or the admin, which writes the event
that gives the institution a new data version (`portal.cache.data_version`, read at most once a second per
process). `site(slug)` keeps them per process under that version: a publication or an edit invalidates them
at once in this process, within `XXGK_PORTAL_VERSION_SECONDS` in the others, the same as the page cache.
`XXGK_PORTAL_MEMO_SECONDS` (default 300; 0 reads them on every request) is the safety net for changes made
outside the services (`xxgk tallies --rebuild`, a bulk import that forgets to call `forget_version`).

This is not the page cache: the records a page lists are read on every request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from xxgk.catalog.models import ANNUAL_REPORT_ITEM, CatalogItem, ChecklistCategory
from xxgk.org.models import Department, Institution
from xxgk.oversight.models import Mailbox
from xxgk.portal import cache
from xxgk.publishing import tallies
from xxgk.publishing.models import Channel, TallyScope


@dataclass
class Site:
    """One institution's slowly changing data, as its public pages show it (read only: shared by requests)."""

    institution: Institution
    #: in their order (order, name), with id, name and code
    departments: list[Department]
    channels: list[Channel]
    #: every catalog item by id (a record keeps its links to an item made inactive), ordered by `order`, with
    #: its category, 清单 item, responsible departments and tallies (`known`, `last_update`)
    items: dict[int, CatalogItem]
    #: the 清单 categories in their order with `records`, the institution's published records in each
    categories: list[ChecklistCategory]
    box_kinds: list[str]
    department_by_id: dict[int, Department] = field(init=False)
    active_items: dict[str, CatalogItem] = field(init=False)
    annual_item: CatalogItem | None = field(init=False)

    def __post_init__(self):
        self.department_by_id = {d.pk: d for d in self.departments}
        self.active_items = {i.number: i for i in self.items.values() if i.active}
        self.annual_item = next(
            (
                i
                for i in self.items.values()
                if i.checklist_item is not None and i.checklist_item.number == ANNUAL_REPORT_ITEM
            ),
            None,
        )

    def department(self, pk: int) -> Department:
        """A department of the institution (one made in the last second by another process: read now)."""
        found = self.department_by_id.get(pk)
        return found if found is not None else Department.objects.only("id", "name", "code").get(pk=pk)


def _read(slug: str) -> Site | None:
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        return None
    items = tallies.annotate(
        CatalogItem.objects.filter(institution=institution)
        .select_related("category", "checklist_item")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.only("id", "name", "code")))
        .order_by("order", "id"),
        TallyScope.ITEM,
        count="known",
        last="last_update",
    )
    for item in items:
        item.institution = institution  # the page's institution, not one more query
    categories = tallies.annotate(
        ChecklistCategory.objects.order_by("number"), TallyScope.CATEGORY, institution=institution, count="records"
    )
    return Site(
        institution=institution,
        departments=list(
            Department.objects.filter(institution=institution).order_by("order", "name").only("id", "name", "code")
        ),
        channels=list(Channel.objects.filter(institution=institution).order_by("order", "name").only("id", "name")),
        items={item.pk: item for item in items},
        categories=list(categories),
        box_kinds=Mailbox.objects.open_to_public(institution).kind_labels(),
    )


#: slug -> (data version, time.monotonic() when read, the site); one per process
_sites: dict[str, tuple[str, float, Site | None]] = {}


def site(slug: str) -> Site | None:
    """The institution's `Site` under its current data version; None when no institution has this slug."""
    version = cache.data_version(slug)
    if version == "none":  # no institution has this slug (`cache._read_version`)
        return None
    known = _sites.get(slug)
    now = time.monotonic()
    if known is not None and known[0] == version and now - known[1] < settings.XXGK_PORTAL_MEMO_SECONDS:
        return known[2]
    found = _read(slug)
    _sites[slug] = (version, now, found)
    return found


def forget() -> None:
    _sites.clear()


cache.cleared_with.append(forget)  # `cache.clear()` (the tests, between them) forgets the memo too
