"""文号: every notice and reply letter gets a number in the institution's format, unique and sequential per
institution and year (per series when the format names {kind}); a refused or rolled-back action uses none up."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.foi.conftest import second_office
from tests.foi.documents import docx_text, pdf_text
from xxgk.foi import services
from xxgk.foi.journal import APPLICATIONS
from xxgk.foi.loader import rules_for
from xxgk.foi.models import Notice, ReplyType
from xxgk.foi.numbering import validate_number_format


def numbers(**filters):
    return list(Notice.objects.filter(**filters).order_by("id").values_list("number", flat=True))


def extend(world, app, today):
    return services.extend(world.office, app, reason="需要调取档案", approver="主任", today=today)


def test_numbers_run_per_institution_and_restart_each_year(world, received):
    for on in (date(2024, 3, 1), date(2024, 3, 4), date(2024, 3, 5)):
        extend(world, received(on=on), date(2024, 3, 20))
    other = received(on=date(2024, 3, 1), institution=world.other_institution)
    services.extend(world.other_office, other, reason="档案", approver="主任", today=date(2024, 3, 20))
    extend(world, received(on=date(2024, 12, 20)), date(2025, 1, 2))
    assert numbers(institution=world.institution) == [
        "海滨理工信公〔2024〕1号",
        "海滨理工信公〔2024〕2号",
        "海滨理工信公〔2024〕3号",
        "海滨理工信公〔2025〕1号",
    ]
    assert numbers(institution=world.other_institution) == ["山城师院信公〔2024〕1号"]


def test_a_format_with_kind_numbers_each_series_apart(world, received):
    services.update_rules(world.office, rules_for(world.institution), number_format="{abbr}{kind}〔{year}〕{n:03d}号")
    first = received(on=date(2024, 3, 1))
    services.request_correction(world.office, first, items="请写明年份。", on=date(2024, 3, 4))
    extend(world, received(on=date(2024, 3, 1)), date(2024, 3, 20))
    extend(world, received(on=date(2024, 3, 4)), date(2024, 3, 20))
    assert numbers() == ["海滨理工补〔2024〕001号", "海滨理工延〔2024〕001号", "海滨理工延〔2024〕002号"]


def test_a_format_that_could_repeat_is_refused(world):
    for bad in ("{abbr}信公〔{year}〕号", "{abbr}信公{n}号", "{abbr}〔{year}〕{m}号", "{abbr}{year}{n"):
        with pytest.raises(ValidationError, match="文号格式"):
            validate_number_format(bad)
    with pytest.raises(ValidationError):
        services.update_rules(world.office, rules_for(world.institution), number_format="信公{n}号")
    validate_number_format("{abbr}信公〔{year}〕{n}号")


def test_a_rolled_back_action_gives_its_number_back(world, received, monkeypatch):
    app = received(on=date(2024, 3, 1))

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away after the number was drawn")

    monkeypatch.setattr(APPLICATIONS.__class__, "save", fail)
    with pytest.raises(RuntimeError):
        extend(world, app, date(2024, 3, 20))
    monkeypatch.undo()
    assert not Notice.objects.exists()
    extend(world, app, date(2024, 3, 20))
    assert numbers() == ["海滨理工信公〔2024〕1号"]


def test_the_reply_letter_carries_its_number_date_and_issuing_office(world, received):
    app = received(on=date(2024, 3, 1))
    services.request_correction(world.office, app, items="请写明年份。", on=date(2024, 3, 4))
    services.supplement(None, app, text="2023年", on=date(2024, 3, 5))
    app.refresh_from_db()
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="见附件。")
    services.approve_reply(second_office(world), app)
    reply = services.send_reply(world.office, app, on=date(2024, 3, 8))
    notice = Notice.objects.get(application=app, kind="reply")
    assert (notice.number, notice.issued_on) == ("海滨理工信公〔2024〕2号", date(2024, 3, 8))
    for text in (docx_text(reply.letter_docx), pdf_text(reply.letter_pdf)):
        assert "海滨理工信公〔2024〕2号" in text and "党政办公室" in text and "2024年3月8日" in text
