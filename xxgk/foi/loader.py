"""Rules as data: load data/*.json into the rows the office edits."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data"


@cache
def data(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@transaction.atomic
def ensure_reply_types() -> None:
    """Create the reply types and reasons of data/reply_types.json that are missing (never overwrites edits)."""
    from xxgk.foi.models import ReplyReason, ReplyType

    if ReplyType.objects.exists() and ReplyReason.objects.exists():
        return
    for t in data("reply_types.json")["types"]:
        rt, _ = ReplyType.objects.get_or_create(
            code=t["code"],
            defaults={
                "name": t["name"],
                "table_row": t["table_row"],
                "order": t["order"],
                "description": t["description"],
                "verified": t["verified"],
            },
        )
        for r in t["reasons"]:
            ReplyReason.objects.get_or_create(
                reply_type=rt,
                code=r["code"],
                defaults={"name": r["name"], "order": r["order"], "unverified": r["unverified"]},
            )


def new_ruleset(institution, preset: str | None = None):
    """An unsaved RuleSet for the institution from a preset of data/rules.json plus xxgk.workdays.PRESETS."""
    from xxgk.foi.models import RuleSet
    from xxgk.workdays import preset as workdays_preset

    presets = data("rules.json")
    name = preset or presets["default"]
    policy = presets["presets"][name]
    clock = workdays_preset(policy["preset"])
    return RuleSet(
        institution=institution,
        preset=name,
        label=policy["label"],
        days=clock.days,
        extension_days=clock.extension_days,
        count_from_next_day=clock.count_from_next_day,
        consultation_days=clock.consultation_days,
        correction_notice_days=clock.correction_notice_days,
        correction_days=policy["correction_days"],
        due_soon_within=policy["due_soon_within"],
        fees_enabled=policy["fees_enabled"],
        fee_note=policy["fee_note"],
        basis=f"{clock.basis}\n{policy['basis_note']}".strip(),
        number_format=policy["number_format"],
        consultation_lapse=policy["consultation_lapse"],
    )


def rules_for(institution):
    """The institution's RuleSet. It is made when the institution is (`apps.install_rules`); one
    made before that is created here from the default preset, safely when two requests race."""
    from django.forms.models import model_to_dict

    from xxgk.foi.models import RuleSet

    try:
        return RuleSet.objects.get(institution=institution)
    except RuleSet.DoesNotExist:
        defaults = model_to_dict(new_ruleset(institution), exclude=["id", "institution"])
        return RuleSet.objects.get_or_create(institution=institution, defaults=defaults)[0]


def letter_template(institution, reply_type):
    """The institution's letter template for a reply type, created from the defaults when missing."""
    from xxgk.foi.models import LetterTemplate

    defaults = data("letter_templates.json")
    template, _ = LetterTemplate.objects.get_or_create(
        institution=institution,
        reply_type=reply_type,
        defaults={
            "title": defaults["title"],
            "body": defaults["templates"][reply_type.code]
            if reply_type.code in defaults["templates"]
            else defaults["templates"]["other"],
        },
    )
    return template


def ensure_letter_templates(institution) -> list:
    from xxgk.foi.models import ReplyType

    ensure_reply_types()
    return [letter_template(institution, rt) for rt in ReplyType.objects.order_by("order")]


def notice_template(institution, kind: str):
    """The institution's template for a kind of notice (data/notice_templates.json), created when missing."""
    from xxgk.foi.models import NoticeTemplate

    default = data("notice_templates.json")["templates"][kind]
    template, _ = NoticeTemplate.objects.get_or_create(
        institution=institution, kind=kind, defaults={"title": default["title"], "body": default["body"]}
    )
    return template


def ensure_notice_templates(institution) -> list:
    return [notice_template(institution, kind) for kind in data("notice_templates.json")["templates"]]
