"""The public side: only published records, never a staff-only field.

Every query here goes through `Record.objects.published()`; none of them grows with the
number of records (see tests/portal/test_query_counts.py).
"""

from __future__ import annotations

from datetime import datetime, time
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template import engines
from django.test.signals import template_rendered
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from xxgk.catalog.models import ANNUAL_REPORT_ITEM, CatalogItem, ChecklistCategory
from xxgk.core.params import id_param, page_param, year_param
from xxgk.core.serving import file_response
from xxgk.foi.loader import new_ruleset
from xxgk.foi.models import RuleSet
from xxgk.org.models import Department, Institution
from xxgk.portal import jinja as portal_jinja
from xxgk.portal import memo
from xxgk.portal import search as search_index
from xxgk.portal.cache import public_page
from xxgk.portal.prepared import Prepared
from xxgk.publishing import tallies
from xxgk.publishing.index_numbers import index_scheme
from xxgk.publishing.models import Attachment, Channel, ItemListing, Record, RecordVersion, TallyScope

PER_PAGE = 20


def _render_jinja(request, template_name: str, context: dict) -> HttpResponse:
    """`render` with the Jinja2 engine (xxgk/portal/jinja.py), asked directly rather than after Django's, for the
    current language (its translated strings compiled in). Like Django's engine under the test runner it
    announces the template and its context (`response.context`), which costs nothing when no one listens."""
    if not context.keys().isdisjoint(portal_jinja.PLAIN_CALLS):
        raise ValueError("a page's context may not replace a template helper (portal.jinja.PLAIN_CALLS)")
    language = get_language()
    template = portal_jinja.template(engines["jinja2"], template_name, language)
    if template_rendered.receivers:
        template_rendered.send(sender=template, template=template.template, context=context)
    return HttpResponse(template.render({**portal_jinja.per_render(language), **context}, request))


def _institution(slug: str) -> Institution:
    return get_object_or_404(Institution, slug=slug)


def _year_range(year: int):
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(datetime(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(datetime(year + 1, 1, 1), time.min, tzinfo=tz),
    )


class _CountedPaginator(Paginator):
    """A paginator told its count (from the tallies), so it does not count the records."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # the cached_property Paginator.count, filled in


class _NewestFirst:
    """Records of a join (a catalog item's links), newest first, to paginate: a page is picked by id from the
    links and the index `record_public_by_id` (state, institution and date, without reading a record's row),
    then only its 20 rows are read. The plain query read the row of every record the item links before
    sorting them, which at 100k records took most of the item page's time. Same records, same order."""

    def __init__(self, records, fields):
        self.records = records.order_by("-published_at", "-id")
        self.fields = fields
        self.ordered = True

    def count(self) -> int:
        return self.records.count()

    def __getitem__(self, window: slice):
        ids = self.records.values("id")[window]
        return list(
            Record.objects.filter(pk__in=ids)
            .select_related("department")
            .only(*self.fields)
            .order_by("-published_at", "-id")
        )


def _page(request, queryset, *, count: int | None = None):
    """The requested page of `queryset`; `count`, when the tallies know it, saves counting the records."""
    paginator = Paginator(queryset, PER_PAGE) if count is None else _CountedPaginator(queryset, PER_PAGE, count)
    return paginator.get_page(request.GET.get("page"))


def _years():
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 10, -1))


def _filtered(request, records):
    """Apply the department / year / channel filters from the query string to `records()` (asked for only when a
    filter is chosen: without one it is None)."""
    chosen = {
        "department": id_param(request.GET.get("department")),
        "year": year_param(request.GET.get("year")),
        "channel": id_param(request.GET.get("channel")),
    }
    if not any(chosen.values()):
        return None, chosen
    records = records()
    if chosen["department"]:
        records = records.filter(department_id=chosen["department"])
    if chosen["year"]:
        start, end = _year_range(chosen["year"])
        records = records.filter(published_at__gte=start, published_at__lt=end)
    if chosen["channel"]:
        records = records.filter(postings__channel_id=chosen["channel"])
    return records, chosen


def _departments(institution):
    """The institution's departments in their order (the models' ordering starts with the institution, which
    would join it to every department to sort rows of one institution)."""
    return Department.objects.filter(institution=institution).order_by("order", "name").only("id", "name", "code")


def _filter_options(institution):
    return {
        "departments": _departments(institution),
        "channels": Channel.objects.filter(institution=institution).order_by("order", "name").only("id", "name"),
        "years": _years(),
    }


def _annual_report_item(institution):
    return (
        CatalogItem.objects.filter(institution=institution, checklist_item__number=ANNUAL_REPORT_ITEM)
        .only("id", "number", "title")
        .first()
    )


@public_page
def deployment(request):
    institutions = tallies.annotate(Institution.objects.order_by("name"), TallyScope.INSTITUTION)
    return render(request, "portal/deployment.html", {"institutions": institutions})


def _category_counts(institution):
    """The 10 categories with how many published records each holds (from the tallies, one query)."""
    return tallies.annotate(
        ChecklistCategory.objects.order_by("number"), TallyScope.CATEGORY, institution=institution, count="records"
    )


#: the newest ten of an institution's published records (the home page)
_LATEST = Prepared(
    lambda institution: (
        Record.objects.published()
        .filter(institution_id=institution)
        .values("id", "title", "published_at", "department_id")[:10]
    ),
    institution=int,
)


class _Row(SimpleNamespace):
    """A record of a list, with the columns the list shows (`pk`, the department from the site's memo)."""


def _rows(site, rows) -> list[_Row]:
    return [_Row(pk=row["id"], department=site.department(row["department_id"]), **row) for row in rows]


def _site(slug: str) -> memo.Site:
    found = memo.site(slug)
    if found is None:
        raise Http404
    return found


@public_page
def home(request, slug: str):
    site = _site(slug)
    return _render_jinja(
        request,
        "portal/home.html",
        {
            "institution": site.institution,
            "latest": _rows(site, _LATEST.rows(institution=site.institution.pk)),
            "categories": site.categories,
            "departments": site.departments,
            "annual_item": site.annual_item,
            "box_kinds": site.box_kinds,
        },
    )


@public_page
def catalog(request, slug: str):
    institution = _institution(slug)
    items = tallies.annotate(
        CatalogItem.objects.filter(institution=institution, active=True)
        .select_related("category")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.only("id", "name", "code")))
        .order_by("category__number", "order"),
        TallyScope.ITEM,
        count="records_count",
        last="last_update",
    )
    tree: list[dict] = []
    for item in items:
        if not tree or tree[-1]["category"].pk != item.category_id:
            tree.append({"category": item.category, "items": []})
        tree[-1]["items"].append(item)
    return render(request, "portal/catalog.html", {"institution": institution, "tree": tree})


#: a page of a catalog item's published records, newest first: their ids from the item's listing (the index
#: `item_listing_newest`, 20 entries read whatever the item's size), then the rows of those ids (`_ROWS_OF`)
_ITEM_PAGE_IDS = Prepared(
    lambda item: ItemListing.objects.filter(item_id=item).order_by("-published_at", "-record_id").values("record_id"),
    window=True,
    item=int,
)
#: n -> the rows of n records by id (n up to PER_PAGE), newest first
_ROWS_OF: dict[int, Prepared] = {}


def _rows_of(institution: int, ids: list[int]) -> list[dict]:
    """The institution's published records of these ids, newest first (published and of the institution
    again: the listing is a copy, the records decide)."""
    if not ids:
        return []
    prepared = _ROWS_OF.get(len(ids))
    if prepared is None:
        names = [f"id{n}" for n in range(len(ids))]
        prepared = _ROWS_OF[len(ids)] = Prepared(
            lambda institution, **ids: (
                Record.objects.published()
                .filter(institution_id=institution, pk__in=list(ids.values()))
                .order_by("-published_at", "-id")
                .values("id", "title", "index_number", "published_at", "department_id")
            ),
            institution=int,
            **dict.fromkeys(names, int),
        )
    return prepared.rows(institution=institution, **{f"id{n}": pk for n, pk in enumerate(ids)})


class _ItemPage:
    """An unfiltered catalog item's records for the paginator, two prepared queries a page."""

    ordered = True

    def __init__(self, site, item):
        self.site, self.item = site, item

    def count(self) -> int:
        return self.item.known

    def __getitem__(self, window: slice):
        listed = _ITEM_PAGE_IDS.rows(item=self.item.pk, limit=window.stop - window.start, offset=window.start)
        return _rows(self.site, _rows_of(self.site.institution.pk, [row["record_id"] for row in listed]))


@public_page
def item(request, slug: str, number: str):
    site = _site(slug)
    entry = site.active_items.get(number)
    if entry is None:
        raise Http404
    institution = site.institution
    records, chosen = _filtered(request, lambda: Record.objects.published(institution).filter(items=entry))
    if records is not None:
        fields = ("id", "title", "index_number", "published_at", "department__name", "department__code")
        page = _page(request, _NewestFirst(records, fields))
    else:
        page = _page(request, _ItemPage(site, entry), count=entry.known)
    return _render_jinja(
        request,
        "portal/item.html",
        {
            "institution": institution,
            "item": entry,
            "page": page,
            "chosen": chosen,
            "last_update": entry.last_update,
            "departments": site.departments,
            "channels": site.channels,
            "years": _years(),
        },
    )


#: what the record page shows of a record
_RECORD_FIELDS = (
    "id",
    "department_id",
    "title",
    "index_number",
    "doc_number",
    "formed_on",
    "published_at",
    "summary",
    "body",
    "is_notice",
    "notice_start",
    "notice_days",
    "notice_day_kind",
    "notice_end",
    "objection_contact",
    "version",
)
#: the record (public, of the institution) in one query: a row per catalog item it is linked to (`items`, the
#: item's id, None without one: the links joined, not the items) and whether it has attachments (`attached`)
_RECORD = Prepared(
    lambda pk, institution: (
        Record.objects.published()
        .filter(pk=pk, institution_id=institution)
        .annotate(attached=Exists(Attachment.objects.filter(record_id=OuterRef("pk"))))
        .values(*_RECORD_FIELDS, "items", "attached")
        .order_by()
    ),
    pk=int,
    institution=int,
)
_ATTACHMENTS = Prepared(
    lambda record: (
        Attachment.objects.filter(record_id=record)
        .order_by("id")
        .values("id", "name", "size", "type_label", "content_type")
    ),
    record=int,
)


@public_page
def record(request, slug: str, pk: int):
    site = _site(slug)  # an unknown school or record is the same 404
    found = _RECORD.rows(pk=pk, institution=site.institution.pk)
    if not found:
        raise Http404
    row = found[0]
    rec = _Row(pk=row["id"], **{name: row[name] for name in _RECORD_FIELDS})
    rec.department = site.department(rec.department_id)
    item_ids = [link["items"] for link in found if link["items"] is not None]
    if all(i in site.items for i in item_ids):
        items = sorted((site.items[i] for i in item_ids), key=lambda i: (i.order, i.pk))
    else:  # an item made in the last second by another process
        items = list(CatalogItem.objects.filter(pk__in=item_ids).select_related("category").order_by("order", "id"))
    return _render_jinja(
        request,
        "portal/record.html",
        {
            "institution": site.institution,
            "record": rec,
            "items": items,
            "attachments": [_Row(pk=a["id"], **a) for a in _ATTACHMENTS.rows(record=pk)] if row["attached"] else [],
            # only a correction writes a version, and it raises the record's version number
            "versions": RecordVersion.objects.filter(record_id=pk).only(
                "id", "record_id", "version", "replaced_at", "reason", "title"
            )
            if rec.version > 1
            else (),
        },
    )


def attachment(request, slug: str, pk: int, attachment_pk: int):
    institution = _institution(slug)
    rec = get_object_or_404(Record.objects.published(institution), pk=pk)
    att = get_object_or_404(Attachment, pk=attachment_pk, record=rec)
    inline = att.content_type in {"application/pdf", "image/jpeg", "image/png"}
    return file_response(att.file, as_attachment=not inline, filename=att.name, content_type=att.content_type)


@public_page
def departments(request, slug: str):
    institution = _institution(slug)
    depts = tallies.annotate(Department.objects.filter(institution=institution), TallyScope.DEPARTMENT)
    return render(request, "portal/departments.html", {"institution": institution, "departments": depts})


@public_page
def department(request, slug: str, code: str):
    dept = get_object_or_404(
        tallies.annotate(Department.objects.select_related("institution"), TallyScope.DEPARTMENT, count="known"),
        institution__slug=slug,
        code=code,
    )
    institution = dept.institution
    items = CatalogItem.objects.filter(institution=institution, departments=dept, active=True).only(
        "id", "number", "title"
    )
    records = Record.objects.published(institution).filter(department=dept)
    year = year_param(request.GET.get("year"))
    if year:
        start, end = _year_range(year)
        records = records.filter(published_at__gte=start, published_at__lt=end)
    page = _page(
        request, records.only("id", "title", "index_number", "published_at"), count=None if year else dept.known
    )
    return render(
        request,
        "portal/department.html",
        {
            "institution": institution,
            "department": dept,
            "items": items,
            "page": page,
            "year": year,
            "years": _years(),
        },
    )


@public_page
def guide(request, slug: str):
    institution = _institution(slug)
    # The office's on-request rules; before it has any, the default preset (read only: a public page saves nothing).
    rules = RuleSet.objects.filter(institution=institution).first() or new_ruleset(institution)
    office = Department.objects.filter(institution=institution, is_office=True).first()
    active = Q(catalog_items__institution=institution, catalog_items__active=True)
    categories = list(
        ChecklistCategory.objects.annotate(catalog_count=Count("catalog_items", filter=active)).order_by("number")
    )
    return render(
        request,
        "portal/guide.html",
        {
            "institution": institution,
            "rules": rules,
            "categories": categories,
            "items": sum(c.catalog_count for c in categories),
            "office": office,
            "annual_item": _annual_report_item(institution),
            "index_scheme": index_scheme(institution, dept_code=office.code if office else ""),
        },
    )


@public_page
def annual_reports(request, slug: str):
    institution = _institution(slug)
    annual_item = _annual_report_item(institution)
    records = (
        Record.objects.published(institution)
        .filter(items__checklist_item__number=ANNUAL_REPORT_ITEM)
        .select_related("department")
        .only("id", "title", "published_at", "department__name")
        .distinct()
    )
    return render(
        request,
        "portal/annual_reports.html",
        {
            "institution": institution,
            "records": records,
            "annual_item": annual_item,
        },
    )


@public_page
def search(request, slug: str):
    """Records holding every term of the query (`portal.search`), the catalog items whose name holds it above
    them; a search that finds nothing says how many records hold each term alone."""
    institution = _institution(slug)
    query = search_index.parse(request.GET.get("q", ""))
    chosen = {
        "department": id_param(request.GET.get("department")),
        "year": year_param(request.GET.get("year")),
        "item": id_param(request.GET.get("item")),
    }
    filters = {"department_id": chosen["department"], "year": chosen["year"], "item_id": chosen["item"]}
    results = pages = None
    matched_items = []
    if query.terms:
        results = search_index.search(
            institution, query.text, **filters, page=page_param(request.GET.get("page")), per_page=PER_PAGE
        )
        if results.total > PER_PAGE:
            # the page numbers only (the hits come from the index): a paginator over the count, no query
            pages = Paginator(range(results.total), PER_PAGE).page(results.page)
        items = CatalogItem.objects.filter(institution=institution, active=True).order_by("order")
        matched_items = [
            (item, search_index.highlight(item.title, query.terms))
            for item in search_index.matching_items(items.only("id", "number", "title"), query)
        ]
    context = {
        "institution": institution,
        "q": query.text,
        "query": query,
        "results": results,
        "matched_items": matched_items,
        "chosen": chosen,
        "pages": pages,
        "departments": Department.objects.filter(institution=institution).only("id", "name"),
        "years": _years(),
    }
    if results is not None and not results.hits:
        if len(query.terms) > 1:
            context["term_counts"] = search_index.term_counts(institution, query, **filters)
        context["latest"] = Record.objects.published(institution).only("id", "title", "published_at")[:5]
    return render(request, "portal/search.html", context)


@require_GET
def switch_language(request, code: str):
    """Switch the interface language with a plain link (no form, so public pages carry no CSRF token
    and can be cached); the choice is kept in Django's language cookie, as set_language does."""
    from django.conf import settings

    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
