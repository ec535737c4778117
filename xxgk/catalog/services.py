"""The office edits its catalog: item texts, responsible departments, its own items (办法第八条)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xxgk.catalog.models import CatalogItem
from xxgk.core.audit import audit
from xxgk.core.transitions import create_unique
from xxgk.org.policy import require

OWN_NUMBER_ATTEMPTS = 100  # own items numbered by hand out of sequence are skipped, up to this many


def _check_departments(institution, departments) -> list:
    departments = list(departments)
    if any(d.institution_id != institution.id for d in departments):
        raise ValidationError(_("所选部门不属于本校。"))
    return departments


@transaction.atomic
def update_item(actor, item: CatalogItem, *, title: str, departments, active: bool = True) -> CatalogItem:
    require(actor, "manage", item.institution)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("事项名称不能为空。")})
    departments = _check_departments(item.institution, departments)
    before = {
        "title": item.title,
        "departments": sorted(item.departments.values_list("name", flat=True)),
        "active": item.active,
    }
    item.title, item.active = title, active
    item.save(update_fields=["title", "active"])
    item.departments.set(departments)
    after = {"title": title, "departments": sorted(d.name for d in departments), "active": active}
    audit(
        actor,
        "catalog_item_updated",
        item,
        _("修改目录事项 %(n)s") % {"n": item.number},
        institution=item.institution,
        before=before,
        after=after,
    )
    return item


@transaction.atomic
def add_own_item(actor, institution, *, category, title: str, departments) -> CatalogItem:
    require(actor, "manage", institution)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("事项名称不能为空。")})
    departments = _check_departments(institution, departments)
    own = CatalogItem.objects.filter(institution=institution, checklist_item__isnull=True).count()
    last = CatalogItem.objects.filter(institution=institution, category=category).order_by("-order").first()
    item = create_unique(
        lambda attempt: f"X{own + 1 + attempt}",  # the next own number, or the one after it if taken
        lambda number: CatalogItem.objects.create(
            institution=institution,
            category=category,
            number=number,
            title=title,
            order=(last.order if last else category.number * 100) + 1,
        ),
        attempts=OWN_NUMBER_ATTEMPTS,
    )
    item.departments.set(departments)
    audit(
        actor,
        "catalog_item_added",
        item,
        _("新增自设事项 %(n)s %(t)s") % {"n": item.number, "t": title},
        institution=institution,
    )
    return item
