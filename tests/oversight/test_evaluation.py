"""评议: ratings on public records and replies (one per visitor per day), the writer's rating, surveys."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services, stats


@pytest.fixture
def record(world):
    from xxgk.publishing import services as pub

    r = world.draft()
    pub.submit(world.drafter_a, r)
    return world.through_chain(r)


def test_visitor_rates_a_record_once_a_day(world, record):
    services.rate(record, stars=4, comment="很清楚", ip="10.0.0.1")
    with pytest.raises(ValidationError, match="已评价"):
        services.rate(record, stars=5, ip="10.0.0.1")
    services.rate(record, stars=2, ip="10.0.0.2")
    today = timezone.localdate()
    figures = stats.evaluation_figures(world.institution, today, today)
    assert figures.ratings == 2 and figures.average == 3.0 and figures.record_ratings == 2


def test_stars_must_be_one_to_five(world, record):
    for bad in (0, 6, "x", None):
        with pytest.raises(ValidationError):
            services.rate(record, stars=bad, ip="10.0.0.1")


def test_drafts_and_private_replies_cannot_be_rated(world):
    draft = world.draft()
    with pytest.raises(PermissionDenied):
        services.rate(draft, stars=5)
    letter, _ = write(world.president_box)
    letter = walk_to_ready(world, letter)
    letter = services.send_reply(world.office, letter, public=False)
    with pytest.raises(PermissionDenied):
        services.rate(letter.reply, stars=5)


def test_writer_rates_the_reply(world):
    letter, _ = write(world.president_box)
    with pytest.raises(ValidationError):
        services.rate_by_writer(letter, stars=5)
    letter = walk_to_ready(world, letter)
    letter = services.send_reply(world.office, letter, public=True)
    services.rate_by_writer(letter, stars=3)
    services.rate_by_writer(letter, stars=5, comment="满意")
    today = timezone.localdate()
    figures = stats.evaluation_figures(world.institution, today, today)
    assert figures.writer_ratings == 1 and figures.writer_average == 5.0 and figures.satisfied_writers == 1


def test_survey_with_sample_size(world):
    s = services.enter_survey(
        world.office,
        world.institution,
        title="2023年度信息公开满意度调查",
        period_start=date(2023, 6, 1),
        period_end=date(2023, 6, 30),
        sample_size=1200,
        satisfied_count=1116,
    )
    assert s.satisfied_percent == 93.0
    with pytest.raises(ValidationError):
        services.enter_survey(
            world.office,
            world.institution,
            title="x",
            period_start=date(2023, 6, 1),
            period_end=date(2023, 6, 30),
            sample_size=10,
            satisfied_count=11,
        )
    with pytest.raises(PermissionDenied):
        services.enter_survey(
            world.drafter_a,
            world.institution,
            title="x",
            period_start=date(2023, 6, 1),
            period_end=date(2023, 6, 30),
            sample_size=10,
            satisfied_count=1,
        )
    figures = stats.evaluation_figures(world.institution, date(2022, 9, 1), date(2023, 8, 31))
    assert stats.survey_totals(figures.surveys) == {"sample_size": 1200, "satisfied": 1116, "percent": 93.0}
