"""Codes are drawn until a unique constraint accepts one: a collision (forced here with a real row, the
database not mocked) is undone in its savepoint and the next code drawn."""

import pytest
from django.db import transaction

from tests.foi.conftest import applicant
from xxgk.catalog import services as catalog
from xxgk.catalog.models import CatalogItem
from xxgk.core.transitions import create_unique
from xxgk.foi import services as foi
from xxgk.foi.models import ApplicationEvent
from xxgk.oversight import services as oversight
from xxgk.oversight.models import Letter, LetterEvent, MailboxKind

LETTER = {"writer_name": "林小雨", "writer_contact": "13912345678", "subject": "热水", "message": "热水供应太短。"}


@pytest.fixture
def box(world):
    return oversight.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)


def drawing(monkeypatch, module, *codes):
    draws = iter(codes)
    monkeypatch.setattr(module, "_new_code", lambda *_args: next(draws))


def test_a_taken_query_code_is_drawn_again(box, monkeypatch):
    first, _ = oversight.submit_letter(box, **LETTER)
    drawing(monkeypatch, oversight, first.query_code, "FRESHCODE2")
    second, _ = oversight.submit_letter(box, **LETTER)
    assert second.query_code == "FRESHCODE2"
    assert Letter.objects.count() == 2
    assert LetterEvent.objects.filter(letter=second, action="received").count() == 1


def test_a_taken_tracking_code_is_drawn_again(world, monkeypatch):
    first = foi.submit_online(world.institution, applicant()).application
    drawing(monkeypatch, foi, first.code, "2024-FRESH2")
    second = foi.submit_online(world.institution, applicant(title="另一份文件")).application
    assert (second.code, second.title) == ("2024-FRESH2", "另一份文件")
    assert ApplicationEvent.objects.filter(application=second, action="submitted").count() == 1


def test_a_taken_own_item_number_is_skipped(world):
    institution = world.institution
    category = CatalogItem.objects.filter(institution=institution).first().category
    CatalogItem.objects.create(institution=institution, category=category, number="X1", title="自设一")
    CatalogItem.objects.create(institution=institution, category=category, number="X3", title="手工编为X3")
    # two own items: the next number is X3, which is taken, so X4
    item = catalog.add_own_item(world.office, institution, category=category, title="校史馆开放安排", departments=[])
    assert item.number == "X4"
    assert CatalogItem.objects.filter(institution=institution, number__startswith="X").count() == 3


def test_when_every_draw_collides_it_gives_up_and_the_transaction_is_still_usable(box):
    first, _ = oversight.submit_letter(box, **LETTER)

    def copy(code):
        return Letter.objects.create(
            institution_id=box.institution_id, mailbox=box, query_code=code, received_on=first.received_on
        )

    with transaction.atomic():
        with pytest.raises(RuntimeError, match="after 3 attempts"):
            create_unique(lambda _attempt: first.query_code, copy, attempts=3)
        assert Letter.objects.count() == 1  # on PostgreSQL this query fails if a collision broke the transaction
