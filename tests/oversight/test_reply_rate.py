"""Reply rate and on-time rate per box, per department and for a period, from the letters' events."""

from datetime import date

from xxgk.oversight import services, stats
from xxgk.oversight.models import LetterEvent, SourceKind


def register(world, box, received_on, **extra):
    letter, _ = services.register_letter(
        world.office,
        box,
        source=SourceKind.PAPER,
        received_on=received_on,
        subject="建议",
        message="建议增加自习室开放时间。",
        writer_name="赵六",
        writer_contact="13800000000",
        **extra,
    )
    return letter


def answer(world, letter, dept=None):
    if dept:
        letter = services.route(world.office, letter, dept)
        letter = services.draft_reply(
            world.hq_drafter if dept == world.hq else world.drafter_b, letter, text="已办理。"
        )
        letter = services.approve_draft(world.hq_head if dept == world.hq else world.signer, letter)
    else:
        letter = services.reply_directly(world.office, letter)
        letter = services.draft_reply(world.office, letter, text="已办理。")
    letter = services.check_wording(world.office, letter)
    letter = services.send_reply(world.office, letter)


def backdate_reply(letter, day):
    from datetime import datetime

    from django.utils import timezone

    at = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    LetterEvent.objects.filter(letter=letter, action="replied").update(at=at)


def test_rates_per_box_department_and_total(world):
    a = register(world, world.president_box, date(2024, 9, 27))  # due 10-10
    b = register(world, world.president_box, date(2024, 9, 27))
    c = register(world, world.dept_box, date(2024, 10, 8))  # due 10-15
    d = register(world, world.president_box, date(2024, 10, 9))  # not answered
    register(world, world.president_box, date(2023, 1, 5))  # outside the period
    answer(world, a, world.hq)
    backdate_reply(a, date(2024, 10, 10))  # on the due date: on time
    answer(world, b)
    backdate_reply(b, date(2024, 10, 11))  # a day late
    answer(world, c, world.dept_b)
    backdate_reply(c, date(2024, 10, 9))
    start, end, today = date(2024, 9, 1), date(2024, 10, 31), date(2024, 10, 31)

    boxes = {r.label: r for r in stats.reply_figures(world.institution, start, end, by="mailbox", today=today)}
    pres = boxes["校长信箱"]
    assert (pres.valid, pres.replied, pres.on_time, pres.overdue_open) == (3, 2, 1, 1)
    assert pres.reply_rate == 66.7 and pres.on_time_rate == 50.0
    assert boxes["学生工作处意见信箱"].reply_rate == 100.0

    depts = {r.label: r for r in stats.reply_figures(world.institution, start, end, by="department", today=today)}
    assert depts["后勤管理处"].replied == 1 and depts["学生工作处"].on_time == 1
    assert depts["学校办公室直接答复"].on_time == 0

    total = stats.reply_total(world.institution, start, end, today=today)
    assert (total.received, total.replied, total.on_time) == (4, 3, 2)
    assert total.reply_rate == 75.0
    assert d.state == "received"


def test_no_letters_no_rate(world):
    total = stats.reply_total(world.institution, date(2020, 1, 1), date(2020, 12, 31))
    assert total.reply_rate is None and total.valid == 0
