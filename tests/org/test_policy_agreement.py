"""The policy's two questions agree: for every registered model, every declared action and every
person, `allowed(person, action, Model)` selects exactly the objects for which `can(...)` is true.

The people are every demo user holding a role (plus a box handler and a department's 签发人 added
here), a signed-in user with no role, and an anonymous visitor. The objects are everything in the
demo database, with the states the demo lacks created here through the services: records draft,
returned, in review at each step, approved, published and withdrawn; applications received, routed,
drafted and closed; letters at every step and invalid; annual reports draft and final.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from tests.demo_once import demo_loaded
from tests.foi.conftest import applicant
from xxgk.org import policy
from xxgk.org.models import Department, Institution, Role
from xxgk.org.services import grant

PERIOD_START, PERIOD_END = date(2022, 9, 1), date(2023, 8, 31)
RULES = policy.rules()
CASES = [(model, action) for model, rule in RULES.items() for action in sorted(rule.actions)]

# What each rule's test reads, loaded with the objects so that the comparison stays fast.
RELATED = {
    "Record": (["department", "step"], []),
    "Channel": (["department"], []),
    "Letter": (["mailbox__department", "routed_department"], ["mailbox__handlers"]),
    "Mailbox": ([], ["handlers"]),
    "YearlyFigure": (["department"], []),
    "ProcurementResult": (["department"], []),
    "SectionParagraph": (["department"], []),
}


def _user(name):
    return get_user_model().objects.get(username=name)


def _records(slug):
    from xxgk.publishing import services

    inst = Institution.objects.get(slug=slug)
    drafter, checker, secrecy, signer = (_user(f"{slug}-{r}") for r in ("drafter", "checker", "secrecy", "signer"))
    dept = Department.objects.get(institution=inst, code="xcb")

    def draft(title, who=drafter, department=dept):
        record = services.create_draft(
            who, department, {"title": title, "formed_on": date(2024, 3, 1), "body": "<p>正文</p>"}
        )
        services.submit(who, record)
        return record

    services.return_for_changes(checker, draft("退回修改的信息"), comment="请补充落款。")
    at_signer = draft("待审签的信息")
    for who in (checker, secrecy):
        services.approve(who, at_signer)
    approved = draft("待发布的信息")
    for who in (checker, secrecy, signer):
        services.approve(who, approved)
    withdrawn = draft("已撤回的信息")
    for who in (checker, secrecy, signer):
        services.approve(who, withdrawn)
    services.publish(signer, withdrawn)
    services.withdraw(signer, withdrawn, reason="内容有误。")
    second = _user(f"{slug}-drafter2").memberships.get().department
    services.submit(
        _user(f"{slug}-drafter2"),
        services.create_draft(
            _user(f"{slug}-drafter2"), second, {"title": "另一部门审核中的信息", "formed_on": date(2024, 3, 1)}
        ),
    )


def _applications(slug):
    from xxgk.foi import services
    from xxgk.foi.models import ReplyType

    inst = Institution.objects.get(slug=slug)
    office, drafter = _user(f"{slug}-office"), _user(f"{slug}-drafter")
    dept = Department.objects.get(institution=inst, code="xcb")

    def received(title):
        return services.submit_online(inst, applicant(title=title), today=date(2024, 3, 1)).application

    received("收到未分办的申请")
    services.route(office, received("已分办的申请"), dept)
    drafted = services.route(office, received("已拟复的申请"), dept)
    public = ReplyType.objects.get(code="public")
    services.draft_reply(drafter, drafted, reply_type=public, reason=None, text="现予公开。")
    closed = services.route(office, received("已办结的申请"), dept)
    services.draft_reply(drafter, closed, reply_type=public, reason=None, text="现予公开。")
    services.approve_reply(office, closed)
    services.send_reply(office, closed, on=date(2024, 3, 20))


def _letters(slug):
    from xxgk.oversight import services
    from xxgk.oversight.models import Mailbox

    inst = Institution.objects.get(slug=slug)
    office, drafter = _user(f"{slug}-office"), _user(f"{slug}-drafter")
    checker = _user(f"{slug}-checker")
    dept = Department.objects.get(institution=inst, code="xcb")
    box = Mailbox.objects.filter(institution=inst, department__isnull=True).order_by("order").first()
    box.handlers.add(_user(f"{slug}-drafter2"), _user("nobody"))

    def write(subject, to=box):
        letter, _password = services.submit_letter(
            to, writer_name="林小雨", writer_contact="13912345678", subject=subject, message="希望延长热水供应时间。"
        )
        return letter

    write("待分办的来信")
    services.escalate(office, write("呈报领导的来信"), comment="请领导阅示。")
    services.close_invalid(office, write("无效来信"), reason="unclear")
    services.route(office, write("待拟复的来信"), dept)
    services.reply_directly(office, write("办公室直接答复的来信"))
    steps = [
        lambda letter: services.route(office, letter, dept),
        lambda letter: services.draft_reply(drafter, letter, text="已协调延长热水供应。"),
        lambda letter: services.approve_draft(checker, letter),
        lambda letter: services.check_wording(office, letter),
        lambda letter: services.send_reply(office, letter),
        lambda letter: services.archive(office, letter),
    ]
    for n in range(2, len(steps) + 1):  # approving, checking, ready, replied, archived
        letter = write(f"办理到第{n}步的来信")
        for step in steps[:n]:
            step(letter)
            letter.refresh_from_db()
    second = _user(f"{slug}-drafter2").memberships.get().department
    for department_box in Mailbox.objects.filter(department=second):  # qzoi has department boxes
        write("部门信箱的来信", to=department_box)
        services.route(office, write("部门信箱转其他部门的来信", to=department_box), dept)
    services.record_case(office, inst, {"kind": "complaint", "filed_on": date(2023, 1, 1), "matter": "投诉事项"})
    services.enter_survey(
        office,
        inst,
        title="满意度调查",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        sample_size=100,
        satisfied_count=90,
    )


def _reports():
    from xxgk.reporting import services

    period = services.Period(PERIOD_START, PERIOD_END)
    services.open_report(_user("hntou-office"), Institution.objects.get(slug="hntou"), period=period)
    qzoi = Institution.objects.get(slug="qzoi")
    services.finalise(_user("qzoi-office"), services.open_report(_user("qzoi-office"), qzoi, period=period))
    drafter = _user("hntou-drafter")
    services.write_paragraph(
        drafter,
        Institution.objects.get(slug="hntou"),
        department=drafter.memberships.get().department,
        period=period,
        section=_first_section(),
        text="本部门主动公开信息的情况。",
    )


def _first_section():
    from xxgk.reporting import loader
    from xxgk.reporting.models import ReportSection

    loader.ensure_sections()
    return ReportSection.objects.order_by("pk").values_list("key", flat=True).first()


def _people_and_states():
    User = get_user_model()
    User.objects.create_user("nobody", password="pw-nobody")
    hntou = Institution.objects.get(slug="hntou")
    head = User.objects.create_user("hntou-xcb-signer", password="pw")
    grant(head, Role.SIGNER, department=Department.objects.get(institution=hntou, code="xcb"))
    for slug in ("hntou", "qzoi"):
        _records(slug)
        _applications(slug)
        _letters(slug)
    _reports()


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from xxgk.demo.loader import load_demo

    with demo_loaded(
        django_db_blocker,
        partial(load_demo, annual_reports=False),
        _people_and_states,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
    ):
        yield


@pytest.fixture
def people(_demo, db):
    """Fresh user objects (no grants cached from an earlier test), each with a readable name."""
    users = list(get_user_model().objects.filter(memberships__isnull=False).distinct().order_by("username"))
    users.append(get_user_model().objects.get(username="nobody"))
    return [(u.username, u) for u in users] + [("anonymous", AnonymousUser())]


def _objects(model):
    related, prefetch = RELATED.get(model.__name__, ([], []))
    return list(model._default_manager.select_related(*related).prefetch_related(*prefetch))


def test_the_demo_covers_the_interesting_states(_demo, db):
    from django.db.models import F

    from xxgk.foi.models import Application
    from xxgk.oversight.models import Letter, LetterState
    from xxgk.publishing.models import Record, RecordState
    from xxgk.reporting.models import AnnualReport

    assert set(Record.objects.values_list("state", flat=True)) == set(RecordState.values)
    assert set(Record.objects.filter(state="in_review").values_list("step__role", flat=True)) == {
        Role.CHECKER,
        Role.SECRECY,
        Role.SIGNER,
    }
    assert {"received", "routed", "drafted", "closed"} <= set(Application.objects.values_list("state", flat=True))
    assert set(Letter.objects.values_list("state", flat=True)) == set(LetterState.values)
    # a letter to a department's box routed to another department: the box's department no longer drafts it
    assert (
        Letter.objects.filter(mailbox__department__memberships__isnull=False, routed_department__isnull=False)
        .exclude(routed_department=F("mailbox__department"))
        .exists()
    )
    assert set(AnnualReport.objects.values_list("state", flat=True)) == {"draft", "final"}


@pytest.mark.parametrize(("model", "action"), CASES, ids=[f"{m.__name__}-{a}" for m, a in CASES])
def test_allowed_selects_exactly_what_can_allows(people, model, action):
    objects = _objects(model)
    assert objects, f"no {model.__name__} in the demo"
    for name, person in people:
        by_can = {obj.pk for obj in objects if policy.can(person, action, obj)}
        by_allowed = set(policy.allowed(person, action, model).values_list("pk", flat=True))
        assert by_allowed == by_can, (
            f"{name} {action} {model.__name__}: allowed() only {sorted(by_allowed - by_can)[:5]}, "
            f"can() only {sorted(by_can - by_allowed)[:5]}"
        )
