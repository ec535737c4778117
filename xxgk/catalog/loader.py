"""Loading the 清单 data file into the database, and giving an institution its own catalog."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "checklist-2014.json"


@lru_cache(maxsize=1)
def checklist_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_checklist(category_model=None, item_model=None) -> int:
    """Create or update the national categories and items from the data file; returns the item count.

    Takes the model classes so a data migration can pass its historical models.
    Texts the data file changes are updated; nothing is deleted.
    """
    if category_model is None:
        from xxgk.catalog.models import ChecklistCategory as category_model
        from xxgk.catalog.models import ChecklistItem as item_model
    data = checklist_data()
    categories = {}
    for c in data["categories"]:
        categories[c["number"]], _ = category_model.objects.update_or_create(
            number=c["number"], defaults={"name": c["name"]}
        )
    fields = {f.name for f in item_model._meta.get_fields()}  # a historical model may lack the newer ones
    for item in data["items"]:
        documents = item.get("documents", [])
        defaults = {
            "category": categories[item["category"]],
            "title": item["title"],
            "verification": item["verification"],
            "verification_note": item.get("verification_note", ""),
            "legal_basis": "；".join(d["title"] for d in documents),
            "documents": documents,
            "data_version": data["version"],
        }
        item_model.objects.update_or_create(
            number=item["number"], defaults={k: v for k, v in defaults.items() if k in fields}
        )
    return len(data["items"])


def documents_note() -> str:
    """What the 有关文件 column holds and does not (the 清单's own column was not obtained)."""
    return checklist_data().get("documents_note", "")


def ensure_institution_catalog(institution) -> int:
    """Give the institution a catalog item for every 清单 item it lacks; returns how many were added."""
    from xxgk.catalog.models import CatalogItem, ChecklistItem

    have = set(
        CatalogItem.objects.filter(institution=institution, checklist_item__isnull=False).values_list(
            "checklist_item_id", flat=True
        )
    )
    new = [
        CatalogItem(
            institution=institution,
            category_id=item.category_id,
            checklist_item=item,
            number=str(item.number),
            title=item.title,
            order=item.number * 10,
        )
        for item in ChecklistItem.objects.order_by("number")
        if item.id not in have
    ]
    CatalogItem.objects.bulk_create(new)
    return len(new)
