"""Portal benchmark: latency and throughput of the public pages against a bare Django view.

    .venv/bin/python bench/portal.py                      # 100k records, SQLite
    .venv/bin/python bench/portal.py --records 20000      # a quicker run
    .venv/bin/python bench/portal.py --database-url postgres://postgres@127.0.0.1:5432/xxgk_bench --records 100000
    .venv/bin/python bench/portal.py --scale province     # 1,000,000 records over 100 institutions, PostgreSQL

What it does, in one run:
1. a fresh database (a temporary SQLite file, or the PostgreSQL database named in the URL, dropped and
   re-created), migrated;
2. a generated data set: institutions made with the real `create_institution` (own catalog and review
   chain), 8 departments each, records bulk-created (96 % published, the rest drafts and withdrawn records,
   which the portal must not show), each record linked to a 清单 item; then the search index built with
   the real indexer (`xxgk.portal.search.rebuild_index`);
3. two gunicorn servers, 2 sync workers each, serving the real site plus one bare view (`/bench-bare/`,
   a constant HttpResponse through the same middleware): one as deployed, with the anonymous page cache,
   one with the page cache off (XXGK_PORTAL_CACHE_SECONDS=0) — every request renders the page from the
   database. Only one server is under load at a time;
4. for each scenario a warm-up, then N client processes requesting for D seconds; prints requests/s,
   p50/p95/p99 latency, and throughput as a ratio of the bare view's on the same server.

Scenarios: on the cached server home, item page and record page (what visitors mostly get: a page served
from the cache); on the uncached server the same pages rendered every time, and search (measured
uncached, so it is the full-text engine that is timed, not the cache).

Targets (issue #3): cached record and item pages >= 0.5 of the bare view's throughput. Issue #18, with the
page cache off: record page >= 0.5, item page and home >= 0.3 of the bare view's throughput; search p95
<= 30 ms at 100k records on SQLite and <= 100 ms at 1M on PostgreSQL. Persistent DB connections
(DB_CONN_MAX_AGE=60) for every scenario, as a production deployment would set.

The last line printed is one JSON object, so that a run can be compared with the last: the run's database,
records and institutions, and "figures": {"cached home": {"rps", "p50", "p95", "p99", "ratio"}, …}, one entry
per scenario (server and page), ratio being the throughput over the same server's bare view. Everything the
run writes (the SQLite database, settings, media, logs) is in a temporary directory under /tmp, removed at
the end unless --keep.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.dont_write_bytecode = True  # nothing written next to the sources: the run writes under /tmp only

SEED = 20240901
TZ = ZoneInfo("Asia/Shanghai")

BENCH_SETTINGS = """
from xxgk.settings import *  # noqa
ROOT_URLCONF = "bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING["loggers"]["django"]["level"] = "ERROR"
import warnings
warnings.filterwarnings("ignore", message="No directory at")
"""
BENCH_URLS = """
from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), path("", include("xxgk.urls"))]
"""

DEPARTMENTS = [
    ("党政办公室", "dzb", True),
    ("党委宣传部", "xcb", False),
    ("教务处", "jwc", False),
    ("学生工作处", "xgc", False),
    ("招生就业处", "zsc", False),
    ("财务处", "cwc", False),
    ("国有资产管理处", "gzc", False),
    ("人事处", "rsc", False),
]
TOPICS = [
    "实验室安全",
    "招生宣传",
    "就业创业",
    "校园安全隐患排查",
    "学生资助",
    "家庭经济困难学生认定",
    "奖助学金评定",
    "教学质量监控",
    "科研项目管理",
    "图书采购",
    "学生宿舍维修",
    "后勤服务保障",
    "网络安全",
    "食品安全",
    "消防安全",
    "心理健康教育",
    "劳动教育",
    "国际交流合作",
    "校园文化建设",
    "师德师风建设",
    "预算执行",
    "收费公示",
    "工程招标",
    "干部任前公示",
    "专升本招生",
    "研究生招生",
    "学位授予",
    "教材选用",
]
TEMPLATES = [
    "关于开展{y}年{t}工作的通知",
    "关于做好{t}相关工作的通知",
    "{y}年{t}情况的公示",
    "关于{t}的实施方案",
    "学校召开{t}专题会议",
    "关于印发《{t}管理办法》的通知",
    "{y}年度{t}工作总结",
    "关于{t}检查结果的通报",
]
SENTENCES = [
    "为进一步加强{t}工作，根据上级有关文件精神，结合学校实际，现将有关事项通知如下。",
    "各学院、各部门要高度重视，明确责任分工，认真组织实施。",
    "请各单位于规定时间前将材料报送至{d}，逾期不予受理。",
    "学校成立{t}工作领导小组，统筹协调全校相关工作。",
    "本次工作面向全体在校学生和教职工，坚持公开、公平、公正的原则。",
    "对工作中发现的问题，要建立台账，限期整改，确保落实到位。",
    "如有疑问，请与{d}联系，联系电话在学校信息公开指南中公布。",
    "公示期间，如对公示内容有异议，可通过书面形式向学校反映。",
    "各单位要加强宣传引导，营造良好氛围，确保各项工作平稳有序开展。",
    "本通知自发布之日起施行，由{d}负责解释。",
]
QUERIES = [
    "家庭经济困难学生认定",
    "实验室安全",
    "图书采购",
    "招生宣传 通知",
    "奖助学金评定",
    "网络安全检查",
    "师德师风建设",
    "工程招标公示",
    "心理健康教育",
    "不存在的检索词语组合",
    "奖学金",  # two and three characters, as people type them: substring search must answer these fast too
    "助学",
    "章程",
    "食品安全",
    "科研 项目",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _generate(records: int, institutions: int, log) -> dict:
    """Institutions, departments and records; returns what the load generator needs."""
    from xxgk.catalog.models import CatalogItem
    from xxgk.org.models import Department
    from xxgk.org.services import create_institution
    from xxgk.publishing.models import Record, RecordState

    rng = random.Random(SEED)
    per = records // institutions
    start = datetime(2021, 9, 1, 8, 0, tzinfo=TZ)
    span = int((datetime(2024, 8, 31, tzinfo=TZ) - start).total_seconds())
    sample_records, sample_items, slugs = [], [], []
    states = [RecordState.PUBLISHED] * 24 + [RecordState.DRAFT, RecordState.WITHDRAWN]
    through = Record.items.through
    for n in range(institutions):
        inst = create_institution(
            name=f"基准测试大学{n:03d}",
            short_name=f"基准{n:03d}",
            code=f"B{n:03d}",
            slug=f"bench{n:03d}",
            phone="0898-66660000",
            email=f"xxgk{n}@bench.edu.cn",
        )
        slugs.append(inst.slug)
        depts = Department.objects.bulk_create(
            [
                Department(institution=inst, name=name, code=code, is_office=office, order=i)
                for i, (name, code, office) in enumerate(DEPARTMENTS)
            ]
        )
        items = list(CatalogItem.objects.filter(institution=inst).order_by("order"))
        for it in items:
            it.departments.add(rng.choice(depts))
        sample_items += [(inst.slug, it.number) for it in rng.sample(items, 5)]
        made = 0
        while made < per:
            batch = []
            for i in range(min(5000, per - made)):
                seq = made + i
                topic, dept = rng.choice(TOPICS), rng.choice(depts)
                at = start + timedelta(seconds=rng.randrange(span))
                body = "".join(
                    f"<p>{rng.choice(SENTENCES).format(t=topic, d=dept.name)}</p>" for _ in range(rng.randint(3, 6))
                )
                batch.append(
                    Record(
                        institution=inst,
                        department=dept,
                        title=rng.choice(TEMPLATES).format(y=at.year, t=topic) + f"（{seq}）",
                        index_number=f"{inst.code}-{at.year}-{seq:07d}",
                        formed_on=(at - timedelta(days=rng.randint(0, 9))).date(),
                        published_at=at,
                        summary=f"{topic}有关事项。",
                        body=body,
                        state=rng.choice(states),
                        state_changed_at=at,
                        revision=3,
                    )
                )
            created = Record.objects.bulk_create(batch, batch_size=1000)
            through.objects.bulk_create(
                [through(record_id=r.pk, catalogitem_id=rng.choice(items).pk) for r in created], batch_size=2000
            )
            sample_records += [(inst.slug, r.pk) for r in rng.sample(created, min(10, len(created))) if r.is_public]
            made += len(batch)
        log(f"  {inst.slug}: {made} records")
    return {"records": sample_records, "items": sample_items, "slugs": slugs}


def _sample_existing(records: int, institutions: int) -> dict:
    """The paths to request, drawn from a data set an earlier run generated (--reuse)."""
    from xxgk.catalog.models import CatalogItem
    from xxgk.org.models import Institution
    from xxgk.publishing.models import Record

    rng = random.Random(SEED)
    slugs = list(Institution.objects.filter(slug__startswith="bench").order_by("slug").values_list("slug", flat=True))
    total = Record.objects.count()
    if len(slugs) != institutions or total < records:
        raise SystemExit(
            f"--reuse: the database holds {len(slugs)} bench institutions and {total:,} records, "
            f"not {institutions} and {records:,}: run once without --reuse"
        )
    items = [
        (slug, number)
        for slug in slugs
        for number in rng.sample(
            list(CatalogItem.objects.filter(institution__slug=slug).values_list("number", flat=True)), 5
        )
    ]
    top = Record.objects.order_by("-pk").values_list("pk", flat=True).first()
    picks = rng.sample(range(1, top + 1), min(top, records // 500 * 4))
    sample_records = list(Record.objects.published().filter(pk__in=picks).values_list("institution__slug", "pk"))[
        : records // 500
    ]
    return {"records": sample_records, "items": items, "slugs": slugs, "total": total}


def _warm(args):
    port, paths = args
    for path in paths:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Accept-Language": "zh-CN"})
            conn.getresponse().read()
            conn.close()
        except OSError:
            pass


def _worker(args):
    port, paths, duration, seed = args
    rng = random.Random(seed)
    latencies, errors = [], 0
    deadline = time.perf_counter() + duration
    while time.perf_counter() < deadline:
        path = rng.choice(paths)
        t0 = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Accept-Language": "zh-CN"})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                errors += 1
                continue
        except OSError:
            errors += 1
            continue
        latencies.append(time.perf_counter() - t0)
    return latencies, errors


def _measure(port: int, paths: list[str], duration: float, clients: int) -> dict:
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        # warm-up: every client requests every path once (each gunicorn worker keeps its own page cache)
        pool.map(_warm, [(port, paths) for _ in range(clients)])
        started = time.perf_counter()
        results = pool.map(_worker, [(port, paths, duration, 1000 + i) for i in range(clients)])
        elapsed = time.perf_counter() - started
    latencies = sorted(x for lat, _e in results for x in lat)
    errors = sum(e for _l, e in results)
    if not latencies:
        return {"requests": 0, "errors": errors, "rps": 0.0, "p50": 0, "p95": 0, "p99": 0}

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": statistics.fmean(latencies) * 1000,
    }


def _serve(workdir: Path, settings_module: str) -> tuple[subprocess.Popen, int]:
    """gunicorn with 2 sync workers on a free port, with these settings; returns when it answers."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}", "DJANGO_SETTINGS_MODULE": settings_module}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "xxgk.wsgi:application",
        ],
        cwd=str(ROOT),
        env=env,
    )
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench-bare/")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn ({settings_module}) did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, help="records to generate (default 100000; province: 1000000)")
    parser.add_argument("--institutions", type=int, help="institutions (default 2; province: 100)")
    parser.add_argument("--scale", choices=["default", "province"], default="default")
    parser.add_argument("--database-url", default="", help="postgres://… to run on PostgreSQL (dropped and re-created)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per scenario")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client processes")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: measure the data set a previous run left in the database (no re-generation)",
    )
    parser.add_argument("--json", action="store_true", help="(the default now) the last line is the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the generated SQLite database and print where it is")
    args = parser.parse_args()
    if args.scale == "province":
        args.records = args.records or 1_000_000
        args.institutions = args.institutions or 100
        args.database_url = args.database_url or "postgres://postgres@127.0.0.1:5432/xxgk_bench"
    args.records = args.records or 100_000
    args.institutions = args.institutions or 2

    def log(msg):
        print(msg, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="xxgk-bench-", dir="/tmp"))
    (workdir / "bench_settings.py").write_text(BENCH_SETTINGS, encoding="utf-8")
    (workdir / "bench_settings_uncached.py").write_text(
        "from bench_settings import *  # noqa\nXXGK_PORTAL_CACHE_SECONDS = 0\n", encoding="utf-8"
    )
    (workdir / "bench_urls.py").write_text(BENCH_URLS, encoding="utf-8")
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        "DATABASE_URL": database_url,
        "XXGK_VAR_DIR": str(workdir),
        "DB_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-" + "x" * 50,
        "DEBUG": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(workdir),  # gunicorn's worker files, jieba's dictionary cache
    }
    os.environ.update(env)
    sys.path.insert(0, str(workdir))
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    if args.reuse and vendor != "PostgreSQL":
        raise SystemExit("--reuse needs a PostgreSQL --database-url (or --scale province)")
    if vendor == "PostgreSQL" and not args.reuse:
        _prepare_postgres(database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xxgk.portal import search
    from xxgk.publishing import tallies

    log(f"xxgk portal benchmark · {vendor} · {args.records:,} records · {args.institutions} institutions")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t1 = time.perf_counter()
    if args.reuse:
        sample = _sample_existing(args.records, args.institutions)
        log(f"reusing the data set already in {vendor}: {sample['total']:,} records")
    else:
        sample = _generate(args.records, args.institutions, log)
        t2 = time.perf_counter()
        indexed = search.rebuild_index()
        t3 = time.perf_counter()
        tallies.rebuild()  # the published-record counts the public pages show (bulk_create bypassed the services)
        t4 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log(
            f"migrate {t1 - t0:.0f} s · generate {t2 - t1:.0f} s · index {indexed:,} published records {t3 - t2:.0f} s"
            f" · tallies {t4 - t3:.0f} s"
        )
    connection.close()

    servers = {
        name: _serve(workdir, settings_module)
        for name, settings_module in (("cached", "bench_settings"), ("uncached", "bench_settings_uncached"))
    }
    result = None
    try:
        rng = random.Random(SEED)
        pages = {
            "home": [f"/{s}/" for s in sample["slugs"]],
            "item page": [f"/{s}/catalog/{n}/" for s, n in sample["items"]],
            "record page": [f"/{s}/records/{pk}/" for s, pk in sample["records"]],
        }
        searches = [f"/{rng.choice(sample['slugs'])}/search/?q={quote(q)}" for q in QUERIES for _ in range(3)]
        scenarios = [("cached", "bare view", ["/bench-bare/"])]
        scenarios += [("cached", name, paths) for name, paths in pages.items()]
        scenarios += [("uncached", "bare view", ["/bench-bare/"])]
        scenarios += [("uncached", name, paths) for name, paths in pages.items()]
        scenarios += [("uncached", "search", searches)]
        figures: dict = {"cached": {}, "uncached": {}}
        log(f"gunicorn 2 sync workers · {args.clients} client processes · {args.duration:.0f} s per scenario")
        for server, name, paths in scenarios:
            if name == "bare view":
                log(
                    f"\n{'page cache ' + ('on' if server == 'cached' else 'off'):<24} {'requests':>9} {'req/s':>8}"
                    f" {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'vs bare':>8}"
                )
            f = _measure(servers[server][1], paths, args.duration, args.clients)
            figures[server][name] = f
            bare = figures[server]["bare view"]["rps"]
            f["ratio"] = f["rps"] / bare if bare else 0
            log(
                f"{name:<24} {f['requests']:>9} {f['rps']:>8.0f} {f['p50']:>8.1f} {f['p95']:>8.1f} {f['p99']:>8.1f}"
                f" {f['ratio']:>8.2f}" + (f"  ({f['errors']} errors)" if f["errors"] else "")
            )
        target = 30 if vendor == "SQLite" else 100
        cached, uncached = figures["cached"], figures["uncached"]
        log("")
        log(
            f"cached (issue #3): record page ≥ 0.5 × bare: {cached['record page']['ratio']:.2f} · "
            f"item page ≥ 0.5 × bare: {cached['item page']['ratio']:.2f}"
        )
        log(
            f"uncached (issue #18): record page ≥ 0.5 × bare: {uncached['record page']['ratio']:.2f} · "
            f"item page ≥ 0.3 × bare: {uncached['item page']['ratio']:.2f} · "
            f"home ≥ 0.3 × bare: {uncached['home']['ratio']:.2f} · "
            f"search p95 ≤ {target} ms: {uncached['search']['p95']:.1f} ms"
        )
        summary = {
            f"{server} {name}": {key: round(f[key], 3) for key in ("rps", "p50", "p95", "p99", "ratio")}
            | {"errors": f["errors"]}
            for server in ("cached", "uncached")
            for name, f in figures[server].items()
        }
        result = {"database": vendor, "records": args.records, "institutions": args.institutions, "figures": summary}
    finally:
        for process, _port in servers.values():
            process.terminate()
            process.wait(timeout=10)
        if args.keep:
            log(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)  # the last line: the figures, one JSON object
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
