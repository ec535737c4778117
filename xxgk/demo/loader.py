"""`xxgk demo`: the two seed institutions with their departments, channels, accounts and a year of records.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from xxgk.catalog.loader import load_checklist
from xxgk.catalog.models import CatalogItem
from xxgk.demo.titles import body_for, title_for
from xxgk.org.models import Department, Institution, Role
from xxgk.org.services import create_institution, grant
from xxgk.portal.search import sync_index
from xxgk.publishing import services, tallies
from xxgk.publishing.models import (
    Channel,
    ChannelTally,
    EventAction,
    IndexSequence,
    Posting,
    Record,
    RecordEvent,
    RecordState,
    ReviewStep,
    published_q,
)

DATA = json.loads((Path(__file__).parent / "institutions.json").read_text(encoding="utf-8"))
PERIOD = tuple(date.fromisoformat(d) for d in DATA["period"])
PASSWORD = DATA["password"]

# Which 清单 item a record belongs to, by the first of these words found in its title (any column: a news
# story about the 教职工代表大会 belongs to item 3 as much as a notice does). A title with none of them, a
# campus story, belongs to no item, as on a real website.
ITEM_WORDS = [
    ("专升本", 9),
    ("第二学士学位", 9),
    ("研究生招生", 11),
    ("招生工作领导小组", 7),
    ("招生宣传", 7),
    ("招聘", 25),
    ("中层干部", 25),
    ("人才引进", 25),
    ("奖助学金", 37),
    ("助学贷款", 37),
    ("学生资助", 37),
    ("预算", 19),
    ("决算", 20),
    ("收费", 21),
    ("采购", 18),
    ("招标", 18),
    ("校历", 5),
    ("工作务虚会", 5),
    ("新学期工作部署会", 5),
    ("教职工代表大会", 3),
    ("学位评定委员会", 43),
    ("本科教学审核评估", 35),
    ("人才培养方案", 28),
    ("专业建设", 28),
    ("一流本科课程", 29),
    ("两优一先", 1),
    ("放假", 1),
    ("毕业生", 31),
    ("就业", 31),
    ("科研项目", 1),
    ("实施方案", 2),
    ("安全隐患排查", 50),
    ("消防疏散演练", 50),
]

ACCOUNTS = [
    # suffix, role, department code (None: institution-wide), description
    ("drafter", Role.DRAFTER, "xcb", "信息员（党委宣传部）"),
    ("drafter2", Role.DRAFTER, "second", "信息员（另一部门）"),
    ("checker", Role.CHECKER, "xcb", "审核人（党委宣传部）"),
    ("office-checker", Role.CHECKER, "office", "审核人（党政办公室）"),
    ("secrecy", Role.SECRECY, None, "保密审查员（全校）"),
    ("signer", Role.SIGNER, None, "签发人（全校）"),
    ("office", Role.OFFICE_ADMIN, None, "办公室管理员"),
]
SECOND_DEPT = {"hntou": "xgc", "qzoi": "xgb"}


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    where: str


def _dept_code(spec: dict, code: str) -> str:
    """An ACCOUNTS department code as the institution's own: "second" and "office" stand for its choice."""
    if code == "second":
        return SECOND_DEPT[spec["slug"]]
    if code == "office":
        return next(c for c, _name, is_office in spec["departments"] if is_office)
    return code


def _user(username: str, full_name: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _spread_dates(rng: random.Random, n: int, start: date, end: date) -> list[date]:
    """n dates over the period, weekdays mostly, quieter in the winter and summer holidays."""
    days = [(start + timedelta(d)) for d in range((end - start).days + 1)]
    weights = []
    for d in days:
        w = 1.0 if d.weekday() < 5 else 0.25
        if d.month in (2, 8) or (d.month == 1 and d.day > 10) or (d.month == 7 and d.day > 10):
            w *= 0.35
        weights.append(w)
    return sorted(rng.choices(days, weights=weights, k=n))


def _items_for(title: str, items_by_number: dict[str, CatalogItem]) -> list[CatalogItem]:
    for word, number in ITEM_WORDS:
        if word in title:
            return [items_by_number[str(number)]]
    return []


@transaction.atomic
def load_institution(spec: dict, supervisor) -> list[DemoAccount]:
    fields = {
        k: spec[k]
        for k in (
            "name",
            "short_name",
            "code",
            "slug",
            "office_name",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "email",
            "website",
        )
    }
    institution = Institution.objects.filter(slug=spec["slug"]).first() or create_institution(**fields)
    depts = {}
    for order, (code, name, is_office) in enumerate(spec["departments"], start=1):
        depts[code], _ = Department.objects.get_or_create(
            institution=institution, code=code, defaults={"name": name, "is_office": is_office, "order": order}
        )
    channels = {}
    for order, ch in enumerate(spec["channels"], start=1):
        channels[ch["name"]], _ = Channel.objects.get_or_create(
            institution=institution,
            name=ch["name"],
            defaults={
                "kind": ch["kind"],
                "department": depts[ch["dept"]],
                "url": ch.get("url", ""),
                "logged_individually": ch.get("logged", False),
                "order": order,
            },
        )
    # catalog: responsible departments for a few items
    items = {i.number: i for i in CatalogItem.objects.filter(institution=institution)}
    office = next(d for d in depts.values() if d.is_office)
    for item in items.values():
        if not item.departments.exists():
            item.departments.add(office)

    accounts, users = [], {}
    for suffix, role, dept_code, label in ACCOUNTS:
        username = f"{spec['slug']}-{suffix}"
        user = _user(username, f"{spec['short_name']}{label}")
        dept = depts[_dept_code(spec, dept_code)] if dept_code else None
        grant(user, role, institution=institution, department=dept)
        users[suffix.replace("-", "_")] = user
        accounts.append(DemoAccount(username, PASSWORD, Role(role).label, dept.name if dept else institution.name))

    start, end = PERIOD
    if not Record.objects.filter(institution=institution, postings__isnull=False).exists():
        _generate_records(institution, spec, depts, channels, items, users)
    for ch in spec["channels"]:
        if not ch.get("logged") and ch["count"]:
            ChannelTally.objects.get_or_create(
                channel=channels[ch["name"]],
                period_start=start,
                period_end=end,
                defaults={"count": ch["count"], "note": ch.get("note", ""), "entered_by": users["office"]},
            )
    if not Record.objects.filter(institution=institution).exclude(published_q()).exists():
        _work_in_progress(institution, depts, users)
    from xxgk.oversight.demo import load_demo as load_mailboxes

    load_mailboxes(institution)
    return accounts


def _generate_records(institution, spec, depts, channels, items, users) -> None:
    rng = random.Random(f"xxgk-demo-{institution.slug}")
    tz = ZoneInfo(settings.TIME_ZONE)
    start, end = PERIOD
    steps = list(ReviewStep.objects.filter(institution=institution).order_by("order"))
    seen: set[str] = set()
    planned = []
    for ch in spec["channels"]:
        if not ch.get("logged"):
            continue
        for day in _spread_dates(rng, ch["count"], start, end):
            title = title_for(ch["column"], rng, day.year, seen, spec["local"])
            lag = rng.choice([0, 0, 1, 1, 2, 3, 5, 8]) if rng.random() > 0.03 else rng.randint(30, 45)
            at = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=tz)
            planned.append((ch, title, day, lag, at))
    planned.sort(key=lambda p: p[4])
    records = []
    for ch, title, day, lag, at in planned:
        records.append(
            Record(
                institution=institution,
                department=depts[ch["dept"]],
                title=title,
                formed_on=day - timedelta(days=lag),
                published_at=at,
                summary=title,
                body=body_for(title, institution.name, rng),
                state=RecordState.PUBLISHED,
                created_by=users["drafter"],
                state_changed_at=at,
            )
        )
    Record.objects.bulk_create(records)
    # items, index numbers, postings and the review trail
    sequences: dict[tuple[str, int], int] = {}
    links, postings, events = [], [], []
    ItemLink = Record.items.through
    for record, (ch, title, day, lag, at) in zip(records, planned):
        linked = _items_for(title, items)
        category = linked[0].category.code if linked else "00"
        key = (category, at.year)
        sequences[key] = sequences.get(key, 0) + 1
        record.index_number = institution.index_format.format(
            code=institution.code, category=category, dept=record.department.code, year=at.year, seq=sequences[key]
        )
        links += [ItemLink(record_id=record.pk, catalogitem_id=i.pk) for i in linked]
        postings.append(
            Posting(
                record=record,
                channel=channels[ch["name"]],
                posted_on=day,
                url=f"{ch['url']}{day:%Y%m%d}/{record.pk}.htm",
            )
        )
        created = at - timedelta(days=max(lag, 1), hours=2)
        trail = [
            (EventAction.CREATED, "", RecordState.DRAFT, "", users["drafter"], created),
            (
                EventAction.SUBMITTED,
                RecordState.DRAFT,
                RecordState.IN_REVIEW,
                steps[0].name,
                users["drafter"],
                created + timedelta(hours=1),
            ),
        ]
        for i, step in enumerate(steps):
            to = RecordState.IN_REVIEW if i + 1 < len(steps) else RecordState.APPROVED
            actor = {"checker": users["checker"], "secrecy": users["secrecy"]}.get(step.role, users["signer"])
            trail.append(
                (
                    EventAction.APPROVED,
                    RecordState.IN_REVIEW,
                    to,
                    step.name,
                    actor,
                    at - timedelta(minutes=30 * (len(steps) - i)),
                )
            )
        trail.append((EventAction.PUBLISHED, RecordState.APPROVED, RecordState.PUBLISHED, "", users["signer"], at))
        events += [
            RecordEvent(
                record=record,
                institution=institution,
                action=a,
                from_state=f,
                to_state=t,
                step_name=s,
                actor=u,
                at=when,
                data={"demo": True},
            )
            for a, f, t, s, u, when in trail
        ]
    Record.objects.bulk_update(records, ["index_number"])
    ItemLink.objects.bulk_create(links)
    Posting.objects.bulk_create(postings)
    RecordEvent.objects.bulk_create(events, batch_size=2000)
    sync_index()  # bulk_create sends no signal: index the new records here, not on a first search
    tallies.rebuild(institution)  # nor do the publishing services count them: count them here
    for (category, year), last in sequences.items():
        IndexSequence.objects.update_or_create(
            institution=institution, category=category, year=year, defaults={"last": last}
        )


def _work_in_progress(institution, depts, users) -> None:
    """A few records on the workbench so that 我的待办 is not empty."""
    from django.utils import timezone

    today = timezone.localdate()
    drafter, xcb = users["drafter"], depts["xcb"]
    draft = services.create_draft(
        drafter,
        xcb,
        {
            "title": "关于举办第十届校园文化艺术节的通知",
            "formed_on": today,
            "summary": "校园文化艺术节的时间、项目和报名方式。",
            "body": "<p>为丰富校园文化生活，学校定于下月举办第十届校园文化艺术节。</p>",
        },
    )
    in_review = services.create_draft(
        drafter,
        xcb,
        {
            "title": "学校召开新学期宣传思想工作会议",
            "formed_on": today,
            "body": "<p>会议总结了上学期宣传思想工作，部署了本学期重点任务。</p>",
        },
    )
    services.submit(drafter, in_review)
    secrecy = services.create_draft(
        drafter,
        xcb,
        {
            "title": "关于拟聘任中层干部的任前公示",
            "formed_on": today,
            "is_notice": True,
            "notice_start": today,
            "notice_days": 5,
            "objection_contact": f"{institution.office_name}，电话 {institution.phone}",
            "body": "<p>经学校党委研究，拟聘任下列同志担任中层领导职务，现予公示。</p>",
        },
    )
    services.submit(drafter, secrecy)
    services.approve(users["checker"], secrecy, comment="内容无误。")
    return draft


def demo_accounts() -> list[DemoAccount]:
    """The accounts `load_demo` creates, read from institutions.json alone (the database is not touched)."""
    accounts = [DemoAccount("province-supervisor", PASSWORD, Role.SUPERVISOR.label, "全部学校")]
    for spec in DATA["institutions"]:
        names = {code: name for code, name, _is_office in spec["departments"]}
        for suffix, role, dept_code, _label in ACCOUNTS:
            code = _dept_code(spec, dept_code) if dept_code else None
            where = names[code] if code else spec["name"]
            accounts.append(DemoAccount(f"{spec['slug']}-{suffix}", PASSWORD, Role(role).label, where))
    return accounts


def load_demo(*, annual_reports: bool = True) -> list[DemoAccount]:
    """Load the demo; `annual_reports=False` leaves out generating and publishing the 2022–2023 reports
    (about 20 s an institution), for tests that only need the people and records."""
    load_checklist()
    supervisor = _user("province-supervisor", "省教育厅督查")
    grant(supervisor, Role.SUPERVISOR)
    accounts = [DemoAccount("province-supervisor", PASSWORD, Role.SUPERVISOR.label, "全部学校")]
    for spec in DATA["institutions"]:
        accounts += load_institution(spec, supervisor)
    from xxgk.reporting.demo import load_demo_figures

    load_demo_figures()
    from xxgk.api.demo import load_demo_tokens

    offices = get_user_model().objects.filter(username__in=[f"{s['slug']}-office" for s in DATA["institutions"]])
    load_demo_tokens({u.username.removesuffix("-office"): u for u in offices})
    from xxgk.demo.outside import load_outside_report

    load_outside_report(supervisor, PERIOD)
    from xxgk.demo.annual_report import publish_annual_report

    for spec in DATA["institutions"] if annual_reports else ():
        institution = Institution.objects.get(slug=spec["slug"])
        users = {
            suffix.replace("-", "_"): get_user_model().objects.get(username=f"{spec['slug']}-{suffix}")
            for suffix, *_rest in ACCOUNTS
        }
        publish_annual_report(institution, PERIOD, users)
    from xxgk.portal.cache import forget_version

    forget_version()  # the events above were bulk-created: no signal told this process's page cache
    return accounts
