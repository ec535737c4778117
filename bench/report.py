"""Annual-report benchmark: a year with 50,000 records, 2,000 applications and 5,000 letters.

    .venv/bin/python bench/report.py                         # temporary SQLite file
    .venv/bin/python bench/report.py --records 5000          # quicker
    .venv/bin/python bench/report.py --database-url postgres://postgres@127.0.0.1:5432/xxgk_bench_report

What it does: a fresh database, migrated; one institution made with the real `create_institution`
(its 50 清单 items and review chain), 10 departments, 8 channels; records bulk-created over the
academic year 2022-09-01 … 2023-08-31 (each posted to a channel and linked to a 清单 item),
applications with outcomes from the national reply types, letters with their reply events, the
demo's yearly figures and procurement results. It then builds the report twice — first with a tenth
of the records, then with all of them — and prints, for each size: the database queries the build
runs (they must not grow with the number of records) and the time to build the document model and
to render DOCX, PDF, HTML and XLSX.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
START, END = date(2022, 9, 1), date(2023, 8, 31)


def setup(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        path = Path(tempfile.mkdtemp()) / "bench-report.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(records: int, applications: int, letters: int, rng: random.Random):
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.contrib.auth import get_user_model

    from xxgk.catalog.loader import load_checklist
    from xxgk.catalog.models import CatalogItem
    from xxgk.org.models import Department, Role
    from xxgk.org.services import create_institution, grant
    from xxgk.publishing.models import Channel, Posting, Record, RecordState

    tz = ZoneInfo(settings.TIME_ZONE)
    load_checklist()
    inst = create_institution(
        name="海南热带海洋学院",
        short_name="热海大",
        code="HNTOU",
        slug="hntou",
        address="海南省三亚市吉阳区育才路1号",
        postcode="572022",
        phone="0898-88651234",
        email="xxgk@hntou.edu.cn",
    )
    codes = [
        ("dzb", "党政办公室", True),
        ("xcb", "党委宣传部", False),
        ("zsb", "招生办公室", False),
        ("cwc", "财务处", False),
        ("cgzx", "招标采购中心", False),
        ("rsc", "人事处", False),
        ("xgc", "学生工作处", False),
        ("jwc", "教务处", False),
        ("gjc", "国际交流与合作处", False),
        ("zzb", "党委组织部", False),
    ]
    depts = [
        Department.objects.create(institution=inst, code=c, name=n, is_office=o, order=i)
        for i, (c, n, o) in enumerate(codes)
    ]
    office = get_user_model().objects.create(username="hntou-office")
    grant(office, Role.OFFICE_ADMIN, institution=inst)
    channels = [
        Channel.objects.create(
            institution=inst,
            name=f"栏目{i}",
            kind="website",
            department=depts[i % 10],
            logged_individually=True,
            order=i,
        )
        for i in range(8)
    ]
    items = list(CatalogItem.objects.filter(institution=inst))
    days = (END - START).days
    link = Record.items.through
    made = 0
    while made < records:
        batch = min(5000, records - made)
        rows = []
        for _ in range(batch):
            pub = START + timedelta(rng.randint(0, days))
            rows.append(
                Record(
                    institution=inst,
                    department=rng.choice(depts),
                    title=f"信息{made}",
                    summary="",
                    formed_on=pub - timedelta(rng.choice([0, 1, 2, 3, 5, 8, 40])),
                    published_at=datetime(pub.year, pub.month, pub.day, 10, tzinfo=tz),
                    state=RecordState.PUBLISHED,
                )
            )
            made += 1
        rows = Record.objects.bulk_create(rows)
        Posting.objects.bulk_create(
            [Posting(record=r, channel=rng.choice(channels), posted_on=r.published_at.date()) for r in rows]
        )
        link.objects.bulk_create([link(record_id=r.pk, catalogitem_id=rng.choice(items).pk) for r in rows])
    _applications(inst, applications, rng)
    _letters(inst, depts, letters, rng, tz)
    _figures(office)
    return inst


def _applications(inst, n: int, rng: random.Random) -> None:
    try:
        from xxgk.foi.loader import ensure_reply_types
        from xxgk.foi.models import Application, ReplyReason, ReplyType
    except ImportError:
        print("xxgk.foi not installed: no applications")
        return
    ensure_reply_types()
    types = list(ReplyType.objects.all())
    reasons = {}
    for r in ReplyReason.objects.select_related("reply_type"):
        reasons.setdefault(r.reply_type_id, []).append(r)
    rows = []
    for i in range(n):
        received = START + timedelta(rng.randint(0, 360))
        closed = received + timedelta(rng.randint(3, 30)) if rng.random() < 0.9 else None
        rt = rng.choice(types) if closed else None
        natural = rng.random() < 0.8
        rows.append(
            Application(
                institution=inst,
                code=f"B{i:07d}",
                secret_hash="x",
                applicant_type="natural" if natural else "organisation",
                org_type="" if natural else rng.choice(["business", "research", "public_interest"]),
                name="申请人",
                id_type="resident_id",
                id_number="000",
                title="信息",
                info_form="electronic",
                delivery="email",
                channel="online",
                received_on=received,
                clock_start=received,
                state="closed" if closed else "routed",
                closed_on=closed,
                outcome_type=rt,
                outcome_reason=rng.choice(reasons[rt.id]) if rt and reasons.get(rt.id) else None,
                on_time=(closed - received).days <= 21 if closed else None,
                working_days_taken=(closed - received).days * 5 // 7 if closed else None,
            )
        )
    Application.objects.bulk_create(rows, batch_size=1000)


def _letters(inst, depts, n: int, rng: random.Random, tz) -> None:
    try:
        from xxgk.oversight.models import Letter, LetterEvent, Mailbox
    except ImportError:
        print("xxgk.oversight not installed: no letters")
        return
    boxes = [
        Mailbox.objects.create(institution=inst, name=name, kind=kind)
        for name, kind in (("校长信箱", "president"), ("书记信箱", "secretary"))
    ]
    rows = []
    for i in range(n):
        received = START + timedelta(rng.randint(0, 360))
        rows.append(
            Letter(
                institution=inst,
                mailbox=rng.choice(boxes),
                query_code=f"L{i:08d}",
                password_hash="x",
                subject="来信",
                message="内容",
                received_on=received,
                due_on=received + timedelta(7),
                state="replied" if rng.random() < 0.95 else "received",
            )
        )
    rows = Letter.objects.bulk_create(rows, batch_size=1000)
    LetterEvent.objects.bulk_create(
        [
            LetterEvent(
                letter=letter,
                action="replied",
                at=datetime.combine(letter.received_on + timedelta(rng.randint(1, 9)), datetime.min.time(), tzinfo=tz),
            )
            for letter in rows
            if letter.state == "replied"
        ],
        batch_size=2000,
    )


def _figures(office) -> None:
    from xxgk.org.models import Department
    from xxgk.reporting import demo, services

    depts = {d.code: d for d in Department.objects.all()}
    for code, section, label, value, unit, q in demo.FIGURES["hntou"]:
        services.enter_figure(
            office,
            depts[code],
            section=section,
            label=label,
            value=value,
            unit=unit,
            qualifier=q,
            period_start=START,
            period_end=END,
        )
    rng = random.Random(1)
    for kind, (names, total) in (
        ("goods", demo.PROCUREMENT["hntou"]["goods"]),
        ("services", demo.PROCUREMENT["hntou"]["services"]),
    ):
        for name, amount in zip(names, demo._amounts(rng, len(names), total)):
            services.enter_procurement(
                office, depts["cgzx"], project=name, kind=kind, amount=amount, completed_on=date(2023, 3, 1)
            )


def measure(inst, label: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xxgk.publishing.models import Record
    from xxgk.reporting import annual, docx, html, pdf, xlsx

    n = Record.objects.filter(institution=inst).count()
    annual.build(inst, START, END, with_charts=False)  # warm-up: section rows, reply types
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        doc = annual.build(inst, START, END)
        build = time.perf_counter() - t
    out = {"records": n, "queries": len(ctx.captured_queries), "build": build}
    for name, renderer in (("docx", docx), ("pdf", pdf), ("xlsx", xlsx)):
        t = time.perf_counter()
        size = len(renderer.render(doc))
        out[name] = (time.perf_counter() - t, size)
    t = time.perf_counter()
    out["html"] = (time.perf_counter() - t + 0, len(html.render(doc)))
    out["html"] = (time.perf_counter() - t, out["html"][1])
    print(
        f"{label}: {n} records — {out['queries']} queries; build (with chart) {build:.2f} s; "
        + "; ".join(f"{k} {out[k][0]:.2f} s ({out[k][1] // 1024} KB)" for k in ("docx", "pdf", "html", "xlsx")),
        flush=True,
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=50000)
    ap.add_argument("--applications", type=int, default=2000)
    ap.add_argument("--letters", type=int, default=5000)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    setup(args.database_url)
    rng = random.Random(2023)
    from django.db import connection

    t = time.perf_counter()
    small = args.records // 10
    inst = generate(small, args.applications, args.letters, rng)
    print(
        f"generated {small} records, {args.applications} applications, {args.letters} letters "
        f"in {time.perf_counter() - t:.1f} s on {connection.vendor}",
        flush=True,
    )
    first = measure(inst, "small")
    # the rest of the records
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from xxgk.catalog.models import CatalogItem
    from xxgk.org.models import Department
    from xxgk.publishing.models import Channel, Posting, Record, RecordState

    tz = ZoneInfo(settings.TIME_ZONE)
    depts = list(Department.objects.filter(institution=inst))
    channels = list(Channel.objects.filter(institution=inst))
    items = list(CatalogItem.objects.filter(institution=inst))
    link = Record.items.through
    remaining = args.records - small
    while remaining > 0:
        batch = min(5000, remaining)
        rows = []
        for _ in range(batch):
            pub = START + timedelta(rng.randint(0, (END - START).days))
            rows.append(
                Record(
                    institution=inst,
                    department=rng.choice(depts),
                    title="信息",
                    formed_on=pub - timedelta(rng.choice([0, 1, 2, 3, 5, 8, 40])),
                    published_at=datetime(pub.year, pub.month, pub.day, 10, tzinfo=tz),
                    state=RecordState.PUBLISHED,
                )
            )
        rows = Record.objects.bulk_create(rows)
        Posting.objects.bulk_create(
            [Posting(record=r, channel=rng.choice(channels), posted_on=r.published_at.date()) for r in rows]
        )
        link.objects.bulk_create([link(record_id=r.pk, catalogitem_id=rng.choice(items).pk) for r in rows])
        remaining -= batch
    second = measure(inst, "full")
    grows = second["queries"] > first["queries"]
    print(
        f"queries: {first['queries']} at {first['records']} records, {second['queries']} at {second['records']}"
        f" — {'GROWS' if grows else 'constant'}"
    )
    sys.exit(1 if grows else 0)


if __name__ == "__main__":
    main()
