"""Province-scale work beyond the public pages: the supervisor's dashboard and one institution's annual report.

    .venv/bin/python bench/portal.py --scale province     # first: generates 1M records over 100 institutions
    .venv/bin/python bench/province.py                    # then this, on the database that run left

Issue #18 asks that, at province scale (1,000,000 records, 100 institutions, PostgreSQL), the supervisor's
cross-institution dashboard renders in under a second uncached and one institution's annual report builds in
seconds. This bench measures both on the data set `bench/portal.py --scale province` generated (it never
generates or changes records itself; it adds one supervisor account if missing):

1. the dashboard (`reporting:supervisor`) rendered through Django's test client as a 督查, page cache off,
   for the academic year with data (2022-2023): one warm-up, then `--repeat` renders; p50, max, and the
   number of database queries (which must not grow with the records);
2. the annual report of one institution for the same year: the document model built (`annual.build`, with
   charts), then rendered to DOCX and PDF; seconds each, and the build's query count.

As a baseline measured in the same run, the bare cost of one request through the same client and middleware
(the staff 403 page for a user with no role) is timed, and the dashboard's figure is also given as a ratio to
it. The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
START, END = date(2022, 9, 1), date(2023, 8, 31)


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _database_exists(url: str) -> bool:
    try:
        import psycopg

        psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure to connect means there is nothing to measure
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/xxgk_bench")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--institution", default="bench000", help="slug of the institution whose report is built")
    args = ap.parse_args()
    if not _database_exists(args.database_url):
        # `make bench` runs every bench: without the province data set this one has nothing to measure
        print(f"skipped: no database at {args.database_url} (run bench/portal.py --scale province first)")
        print(json.dumps({"bench": "province", "skipped": "no province data set"}))
        return
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ["XXGK_PORTAL_CACHE_SECONDS"] = "0"
    os.environ["XXGK_TWO_FACTOR"] = "0"  # the page is measured, not the sign-in (force_login has no second factor)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from xxgk.org.models import Institution, Role
    from xxgk.org.services import grant
    from xxgk.publishing.models import Record
    from xxgk.reporting import annual, docx, pdf

    setup_test_environment()  # the test client's hosts; nothing else of the test set-up
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the data set may predate the code's last migrations
    institutions = Institution.objects.count()
    records = Record.objects.count()
    if records < 1000:
        print(f"skipped: {records} records in {args.database_url} (run bench/portal.py --scale province first)")
        print(json.dumps({"bench": "province", "skipped": "no province data set"}))
        return
    users = get_user_model()
    supervisor, made = users.objects.get_or_create(username="bench-supervisor")
    if made:
        grant(supervisor, Role.SUPERVISOR)
    nobody, _ = users.objects.get_or_create(username="bench-nobody")
    print(f"xxgk province bench · {connection.vendor} · {records:,} records · {institutions} institutions", flush=True)

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the baseline's 403 is expected
    client = Client()
    client.force_login(nobody)
    bare_url = reverse("workbench:todo")
    client.get(bare_url)
    bare = _timed(lambda: client.get(bare_url), args.repeat)

    client.force_login(supervisor)
    url = reverse("reporting_staff:supervisor") + f"?period=ay:{START.year}"
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"supervisor dashboard answered {response.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    dashboard = _timed(lambda: client.get(url), args.repeat)

    inst = Institution.objects.get(slug=args.institution)
    annual.build(inst, START, END, with_charts=False)  # warm-up
    with CaptureQueriesContext(connection) as build_ctx:
        t = time.perf_counter()
        doc = annual.build(inst, START, END)
        build = time.perf_counter() - t
    t = time.perf_counter()
    docx_size = len(docx.render(doc))
    docx_s = time.perf_counter() - t
    t = time.perf_counter()
    pdf_size = len(pdf.render(doc))
    pdf_s = time.perf_counter() - t

    figures = {
        "bare request p50 s": round(statistics.median(bare), 4),
        "dashboard p50 s": round(statistics.median(dashboard), 3),
        "dashboard max s": round(max(dashboard), 3),
        "dashboard queries": len(ctx.captured_queries),
        "dashboard ratio to bare": round(statistics.median(bare) / statistics.median(dashboard), 3),
        "report build s": round(build, 2),
        "report build queries": len(build_ctx.captured_queries),
        "report docx s": round(docx_s, 2),
        "report docx KB": docx_size // 1024,
        "report pdf s": round(pdf_s, 2),
        "report pdf KB": pdf_size // 1024,
    }
    for k, v in figures.items():
        print(f"  {k}: {v}", flush=True)
    print(
        json.dumps(
            {
                "bench": "province",
                "database": connection.vendor,
                "records": records,
                "institutions": institutions,
                "machine": f"{os.cpu_count()} cores, {platform.machine()}",
                "figures": figures,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
