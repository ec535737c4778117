"""Rules as data: load data/*.json into the rows the office edits."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data"
REASON_FIELDS = ("name", "order", "article", "article_status", "note", "table_reason", "active")
TYPE_FIELDS = ("name", "table_row", "order", "description", "verified")


@cache
def data(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@transaction.atomic
def ensure_reply_types() -> None:
    """Create the reply types and reasons of data/reply_types.json that are missing (never overwrites edits)."""
    from xxgk.foi.models import ReplyReason, ReplyType

    if ReplyType.objects.exists() and ReplyReason.objects.exists():
        return
    sync_reply_types(ReplyType, ReplyReason, overwrite=False)


def sync_reply_types(ReplyType, ReplyReason, *, overwrite: bool) -> None:
    """Bring the ReplyType/ReplyReason rows in line with data/reply_types.json.

    Missing rows are created. With `overwrite` (the migration that replaced the national labels by the
    办法's grounds) existing rows take the data's values, and a reason the data no longer lists stays
    (old replies point at it) but is no longer offered. Takes the model classes so a migration can call it."""
    listed = set()
    for t in data("reply_types.json")["types"]:
        values = {k: t[k] for k in TYPE_FIELDS}
        rt, created = ReplyType.objects.get_or_create(code=t["code"], defaults=values)
        if overwrite and not created:
            ReplyType.objects.filter(pk=rt.pk).update(**values)
        for r in t["reasons"]:
            listed.add((rt.pk, r["code"]))
            values = {k: r[k] for k in REASON_FIELDS}
            reason, created = ReplyReason.objects.get_or_create(reply_type=rt, code=r["code"], defaults=values)
            if overwrite and not created:
                ReplyReason.objects.filter(pk=reason.pk).update(**values)
    if overwrite:
        for reason in ReplyReason.objects.all():
            if (reason.reply_type_id, reason.code) not in listed:
                ReplyReason.objects.filter(pk=reason.pk).update(active=False, table_reason=reason.code)


def carries_files(reply_type) -> bool:
    """Whether a reply of this type may attach the disclosed files (予以公开, 部分公开: `carries_files` in
    data/reply_types.json)."""
    return any(t["code"] == reply_type.code and t.get("carries_files") for t in data("reply_types.json")["types"])


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
        supervisor=policy["supervisor"],
        remedy=policy["remedy"],
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
