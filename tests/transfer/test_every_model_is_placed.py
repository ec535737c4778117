"""Every model of the deployment is either exported with the institution or left out with a reason: a new
model fails here until someone decides which (xxgk/transfer/plan.py). Every reference an exported row can
hold is one the archive can write."""

from __future__ import annotations

from django.apps import apps

from xxgk.transfer import plan


def test_each_model_is_exported_or_excluded_on_purpose():
    labels = {m._meta.label for m in apps.get_models()}
    unplaced = labels - set(plan.OWNED) - set(plan.EXCLUDED)
    assert not unplaced, f"decide in xxgk/transfer/plan.py whether these belong to an institution: {sorted(unplaced)}"
    assert not set(plan.OWNED) & set(plan.EXCLUDED)
    assert set(plan.OWNED) | set(plan.EXCLUDED) <= labels  # nothing listed that no longer exists
    assert all(reason.strip() for reason in plan.EXCLUDED.values())


def test_every_reference_of_an_exported_row_can_be_written():
    for m in plan.owned_models():
        for f in plan.relations(m):
            assert plan.kind_of(f) in {"owned", "user", "national"}, f
    for label in [*plan.EMBEDDED, *plan.TEXT_REFERENCES]:
        assert label in plan.OWNED
    for label in plan.NATIONAL:
        assert label in plan.EXCLUDED


def test_rows_are_inserted_after_what_they_refer_to():
    order = [m._meta.label for m in plan.owned_models()]
    assert order[0] == "org.Institution" and sorted(order) == sorted(plan.OWNED)
    for m in plan.owned_models():
        for f in plan.relations(m):
            target = f.related_model._meta.label
            if target in plan.OWNED and target != m._meta.label:
                assert order.index(target) < order.index(m._meta.label), f


def test_each_owner_lookup_leads_to_the_institution():
    for m in plan.owned_models():
        lookup = plan.OWNED[m._meta.label]
        if lookup == "pk":
            assert m._meta.label == "org.Institution"
            continue
        current = m
        for name in lookup.split("__"):
            current = current._meta.get_field(name).related_model
        assert current._meta.label == "org.Institution", m
