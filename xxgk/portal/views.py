"""The public side: only published records, never a staff-only field.

Every query here goes through `Record.objects.published()`; none of them grows with the
number of records (see tests/portal/test_query_counts.py).
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template import engines
from django.test.signals import template_rendered
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from xxgk.catalog.models import ANNUAL_REPORT_ITEM, CatalogItem, ChecklistCategory
from xxgk.core.params import id_param, page_param, year_param
from xxgk.core.serving import file_response
from xxgk.foi.loader import new_ruleset
from xxgk.foi.models import RuleSet
from xxgk.org.models import Department, Institution
from xxgk.oversight.models import Mailbox
from xxgk.portal import jinja as portal_jinja
from xxgk.portal import search as search_index
from xxgk.portal.cache import public_page
from xxgk.publishing import tallies
from xxgk.publishing.index_numbers import index_scheme
from xxgk.publishing.models import Attachment, Channel, Record, TallyScope

PER_PAGE = 20


def _render_jinja(request, template_name: str, context: dict) -> HttpResponse:
    """`render` with the Jinja2 engine (xxgk/portal/jinja.py), asked directly rather than after Django's. Like
    Django's engine under the test runner it announces the template and its context (`response.context`),
    which costs nothing when no one listens."""
    template = engines["jinja2"].get_template(template_name)
    if template_rendered.receivers:
        template_rendered.send(sender=template, template=template.template, context=context)
    return HttpResponse(template.render({**portal_jinja.per_render(), **context}, request))


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


def _filtered(request, institution, records):
    """Apply the department / year / channel filters from the query string."""
    chosen = {
        "department": id_param(request.GET.get("department")),
        "year": year_param(request.GET.get("year")),
        "channel": id_param(request.GET.get("channel")),
    }
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


@public_page
def home(request, slug: str):
    institution = _institution(slug)
    latest = (
        Record.objects.published(institution)
        .select_related("department")
        .only("id", "title", "published_at", "department__name")[:10]
    )
    return _render_jinja(
        request,
        "portal/home.html",
        {
            "institution": institution,
            "latest": latest,
            "categories": _category_counts(institution),
            "departments": _departments(institution),
            "annual_item": _annual_report_item(institution),
            "box_kinds": Mailbox.objects.open_to_public(institution).kind_labels(),
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


@public_page
def item(request, slug: str, number: str):
    # the institution and the item's figures come with the item (one query)
    entry = get_object_or_404(
        tallies.annotate(
            CatalogItem.objects.select_related("institution", "category", "checklist_item").prefetch_related(
                Prefetch("departments", queryset=Department.objects.only("id", "name", "code"))
            ),
            TallyScope.ITEM,
            count="known",
            last="last_update",
        ),
        institution__slug=slug,
        number=number,
        active=True,
    )
    institution, known, last_update = entry.institution, entry.known, entry.last_update
    records = Record.objects.published(institution).filter(items=entry)
    records, chosen = _filtered(request, institution, records)
    page = _page(
        request,
        _NewestFirst(records, ("id", "title", "index_number", "published_at", "department__name", "department__code")),
        count=None if any(chosen.values()) else known,
    )
    return _render_jinja(
        request,
        "portal/item.html",
        {
            "institution": institution,
            "item": entry,
            "page": page,
            "chosen": chosen,
            "last_update": last_update,
            **_filter_options(institution),
        },
    )


@public_page
def record(request, slug: str, pk: int):
    # the institution comes with the record (one query); an unknown school or record is the same 404
    rec = get_object_or_404(
        Record.objects.published().select_related("institution", "department"), pk=pk, institution__slug=slug
    )
    return _render_jinja(
        request,
        "portal/record.html",
        {
            "institution": rec.institution,
            "record": rec,
            "items": list(
                rec.items.select_related("category").only("id", "number", "title", "category__name").order_by("order")
            ),
            "attachments": rec.attachments.only("id", "record_id", "name", "size", "type_label", "content_type"),
            # only a correction writes a version, and it raises the record's version number
            "versions": rec.versions.only("id", "record_id", "version", "replaced_at", "reason", "title")
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
