"""索引号: given at publication, {code}-{category}-{year}-{seq:04d} by default, one sequence per
institution, category and year, never reused, and unchanged by a correction."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from xxgk.org.index_format import validate_format
from xxgk.org.models import Department, Institution, Role
from xxgk.org.services import create_institution, grant, update_institution
from xxgk.publishing import services
from xxgk.publishing.models import IndexSequence, Record

from .conftest import beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(new_draft, through_chain):
    """Publish a new 宣传部 record on the given 清单 items at the given Beijing date."""

    def run(*items, on=(2024, 6, 5), title="公示"):
        return through_chain(new_draft(title=title, items=items), at=beijing(*on))

    return run


@pytest.fixture
def publish_elsewhere(world, other_institution, other_office, item):
    """Publish a record in the second institution (SCSF) through its own chain."""
    dept = Department.objects.create(institution=other_institution, name="招生处", code="zsc")
    reviewer = world.person("other_reviewer")
    for role in (Role.CHECKER, Role.SECRECY, Role.SIGNER):
        grant(reviewer, role, institution=other_institution)

    def run(number, on=(2024, 6, 5)):
        from datetime import date

        record = services.create_draft(
            other_office,
            dept,
            {"title": "招生章程", "formed_on": date(2024, 6, 1)},
            items=[item(number, of=other_institution)],
        )
        record = services.submit(other_office, record)
        for _ in range(3):
            record = services.approve(reviewer, record)
        return services.publish(other_office, record, at=beijing(*on))

    return run


def test_a_record_on_an_admissions_item_gets_the_default_number(publish, item):
    record = publish(item(7))  # 7. 招生章程… is in category 2, 招生考试信息

    assert record.index_number == "HBLG-02-2024-0001"
    assert Record.objects.get(pk=record.pk).index_number == "HBLG-02-2024-0001"


def test_the_next_record_in_the_same_category_and_year_gets_the_next_number(publish, item):
    numbers = [publish(item(n)).index_number for n in (7, 9, 11)]  # all three are 招生考试信息

    assert numbers == ["HBLG-02-2024-0001", "HBLG-02-2024-0002", "HBLG-02-2024-0003"]


def test_another_category_restarts_at_one(publish, item):
    publish(item(7))
    publish(item(7))

    assert publish(item(37)).index_number == "HBLG-06-2024-0001"  # 37. 奖助学金… 学生管理服务信息
    assert publish(item(1)).index_number == "HBLG-01-2024-0001"
    assert publish().index_number == "HBLG-00-2024-0001"  # on no 清单 item
    assert publish(item(7)).index_number == "HBLG-02-2024-0003"


def test_a_record_on_several_items_takes_the_first_category(publish, item):
    assert publish(item(37), item(21), item(9)).index_number == "HBLG-02-2024-0001"


def test_another_year_restarts_at_one(publish, item):
    publish(item(7), on=(2024, 12, 31))

    assert publish(item(7), on=(2025, 1, 2)).index_number == "HBLG-02-2025-0001"


def test_the_year_is_the_beijing_year_of_publication(publish, item):
    # 2025-01-01 07:30 in Beijing is still 2024 in UTC
    assert publish(item(7), on=(2025, 1, 1, 7, 30)).index_number == "HBLG-02-2025-0001"


def test_another_institution_has_its_own_sequence(publish, publish_elsewhere, item):
    publish(item(7))
    publish(item(7))

    assert publish_elsewhere(7).index_number == "SCSF-02-2024-0001"
    assert publish_elsewhere(8).index_number == "SCSF-02-2024-0002"
    assert publish(item(7)).index_number == "HBLG-02-2024-0003"


def test_numbers_are_unique_within_an_institution(publish, publish_elsewhere, item):
    records = [publish(item(n), on=on) for n in (7, 1, 37, 7, 1) for on in ((2024, 3, 1), (2025, 3, 1))]
    numbers = [r.index_number for r in records]
    assert len(set(numbers)) == len(numbers) == 10

    # the database refuses a duplicate within the institution …
    with pytest.raises(IntegrityError), transaction.atomic():
        Record.objects.filter(pk=records[1].pk).update(index_number=records[0].index_number)
    # … but the same text in another institution is not a clash
    elsewhere = publish_elsewhere(7)
    Record.objects.filter(pk=elsewhere.pk).update(index_number=records[0].index_number)


def test_a_custom_format_set_by_the_office_is_used(institution, office, publish, item):
    update_institution(office, institution, index_format="{code}〔{year}〕{dept}{category}-{seq:03d}号")

    assert publish(item(7)).index_number == "HBLG〔2024〕xcb02-001号"
    assert publish(item(9)).index_number == "HBLG〔2024〕xcb02-002号"


def test_each_institution_uses_its_own_format(publish, publish_elsewhere, item, other_institution, other_office):
    update_institution(other_office, other_institution, index_format="QZ{year}-{category}-{seq:05d}")

    assert publish_elsewhere(7).index_number == "QZ2024-02-00001"
    assert publish(item(7)).index_number == "HBLG-02-2024-0001"


def test_only_the_office_sets_the_format(institution, signer, other_office):
    for actor in (signer, other_office):
        with pytest.raises(PermissionDenied):
            update_institution(actor, institution, index_format="{code}-{seq}")
    institution.refresh_from_db()
    assert institution.index_format == "{code}-{category}-{year}-{seq:04d}"


def test_the_office_cannot_save_an_invalid_format(institution, office, publish, item):
    with pytest.raises(ValidationError) as info:
        update_institution(office, institution, index_format="{code}-{category}-{year}")
    assert "索引号格式必须包含序号字段 {seq}" in " ".join(info.value.messages)

    institution.refresh_from_db()
    assert institution.index_format == "{code}-{category}-{year}-{seq:04d}"
    assert publish(item(7)).index_number == "HBLG-02-2024-0001"


@pytest.mark.parametrize(
    "fmt, message",
    [
        ("{code}-{category}-{year}", "索引号格式必须包含序号字段 {seq}"),
        ("{code}-{school}-{year}-{seq:04d}", "索引号格式无效"),
        ("{code}-{category}-{year}-{seq:04d", "索引号格式无效"),
        ("{code}-{0}-{seq}", "索引号格式无效"),
        ("{code}" + "-" * 60 + "{seq}", "索引号过长"),
    ],
)
def test_an_invalid_format_is_refused_with_a_chinese_message(fmt, message):
    with pytest.raises(ValidationError) as info:
        validate_format(fmt)
    assert message in " ".join(info.value.messages)


def test_an_unknown_field_is_named_in_the_refusal():
    with pytest.raises(ValidationError) as info:
        validate_format("{code}-{school}-{seq}")
    text = " ".join(info.value.messages)
    assert "school" in text
    assert "可用字段为 {code} {category} {dept} {year} {seq}" in text


def test_an_institution_cannot_be_created_with_an_invalid_format(db):
    with pytest.raises(ValidationError):
        create_institution(name="测试学院", code="CS", slug="cs", index_format="{code}-{year}")
    assert not Institution.objects.filter(slug="cs").exists()


def test_the_index_number_survives_a_correction(publish, item, signer):
    record = publish(item(7))

    corrected = services.correct(
        signer, record, {"title": "关于2024年专升本招生录取结果的公示（更正）"}, reason="标题漏写“更正”"
    )

    assert corrected.index_number == "HBLG-02-2024-0001"
    assert Record.objects.get(pk=record.pk).index_number == "HBLG-02-2024-0001"
    assert IndexSequence.objects.get(category="02", year=2024).last == 1
    assert publish(item(7)).index_number == "HBLG-02-2024-0002"


def test_a_format_the_office_may_save_never_yields_a_duplicate_number(institution, office, publish, item):
    try:
        # one running number per year: a reasonable wish
        update_institution(office, institution, index_format="{code}-{year}-{seq:04d}")
    except ValidationError:
        return  # refusing it up front is fine too

    first = publish(item(7))
    second = publish(item(37))

    assert first.index_number != second.index_number


def test_a_format_whose_sequence_is_only_literal_text_is_refused():
    with pytest.raises(ValidationError):
        validate_format("{code}-{category}-{year}-{{seq}}")
