from __future__ import annotations

from datetime import date

import pytest

from xxgk.oversight import services
from xxgk.oversight.models import MailboxKind


@pytest.fixture(autouse=True)
def no_form_wait(monkeypatch):
    """The spam guard's minimum fill-in time is real in the browser; unit tests post at once."""
    from xxgk.oversight import views

    monkeypatch.setattr(views, "FORM_MIN_SECONDS", 0, raising=False)


@pytest.fixture
def world(world):
    """The personas with the 后勤管理处 letters go to, a president's mailbox and 学生工作处's mailbox."""
    w = world
    w.add_logistics()
    w.president_box = services.create_mailbox(w.office, w.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    w.dept_box = services.create_mailbox(
        w.office, w.institution, name="学生工作处意见信箱", kind=MailboxKind.DEPARTMENT, department=w.dept_b
    )
    return w


def write(box, **extra):
    data = {
        "writer_name": "林小雨",
        "writer_contact": "13912345678",
        "subject": "宿舍热水供应时间太短",
        "message": "我是林小雨，住在7号楼，晚上十点后就没有热水了，希望延长供应时间。",
        "wants_public_reply": True,
    }
    data.update(extra)
    return services.submit_letter(box, **data)


def walk_to_ready(world, letter, text="已协调延长热水供应至23:30。"):
    letter = services.route(world.office, letter, world.hq)
    letter = services.draft_reply(world.hq_drafter, letter, text=text)
    letter = services.approve_draft(world.hq_head, letter)
    return services.check_wording(world.office, letter)


D = date
