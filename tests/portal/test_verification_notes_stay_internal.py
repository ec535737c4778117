"""How far each 清单 item's wording was verified (核实程度 A/B/C and notes such as "云南大学" or "原文未逐字核实")
is the project's own bookkeeping: the office sees it in the workbench's catalog, no public page shows it."""

from __future__ import annotations

from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.catalog.models import CatalogItem, ChecklistItem

INTERNAL_WORDS = ("核实", "逐字", "verification", "Verification")


def test_public_pages_never_show_verification_notes(client, world):
    notes = [n for n in ChecklistItem.objects.exclude(verification_note="").values_list("verification_note", flat=True)]
    assert notes  # the 清单 data carries such notes
    rec = published(world, "关于学生资助管理办法的通知", items=[item(world, 37)])
    slug = world.institution.slug
    paths = [
        reverse("portal:home", args=[slug]),
        reverse("portal:catalog", args=[slug]),
        reverse("portal:guide", args=[slug]),
        reverse("portal:annual_reports", args=[slug]),
        reverse("portal:record", args=[slug, rec.pk]),
        reverse("portal:feed", args=[slug]),
        reverse("foi:apply", args=[slug]),
        reverse("oversight:index", args=[slug]),
    ] + [
        reverse("portal:item", args=[slug, i.number]) for i in CatalogItem.objects.filter(institution=world.institution)
    ]
    for path in paths:
        for language in ("zh-hans", "en"):
            client.cookies["django_language"] = language
            html = client.get(path).content.decode()
            shown = [w for w in INTERNAL_WORDS if w in html] + [n for n in notes if n in html]
            assert shown == [], (path, language, shown)


def test_the_office_sees_them_in_the_workbench(client, world):
    client.force_login(world.office)
    html = client.get(reverse("workbench:catalog")).content.decode()
    assert "核实程度" in html
