"""Load: a busy Monday on gunicorn with 2 workers, by default on the default SQLite database.

    .venv/bin/python bench/load.py [--seconds 20] [--applicants 20] [--staff 6] [--visitors 4]
                                   [--database postgres://postgres@127.0.0.1:5432/postgres]

A fresh database (a temporary SQLite file, or a new PostgreSQL database named xxgk_load on the
given server) gets the demo; gunicorn serves it with 2 workers, public rate limits off
(XXGK_PUBLIC_RATE_LIMITS=off: every visitor here comes from 127.0.0.1) and the form guard's
minimum of 1 s. For a fixed time, in parallel:

- applicants each fetch the 依申请公开 form, wait the guard's second and submit it with their own
  token, again and again;
- staff each sign in as a 信息员, create a record and submit it for review, again and again;
- visitors search and read the portal.

Every request is timed. Afterwards the database is read directly: every application whose receipt
was shown and every record whose creation was answered must be there (and the records submitted).
About a third of the applications are sent twice at once with the same form (a double click):
each must be made once. It prints requests, statuses and p50/p95 per kind, and ends with one JSON line. Exit status 1 on
any 5xx, any failed connection, any lost write or any application made twice.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SLUG = "hntou"
DRAFTERS = ["hntou-drafter", "hntou-drafter2"]
PASSWORD = "xxgk-demo-2023"
SEARCHES = ["学校", "招生", "奖学金", "财务", "通知", "公示"]


# ---------------------------------------------------------------- forms in pages


class _Forms(HTMLParser):
    """Every form of a page: its action and the values a browser would send untouched."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "f": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["f"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "checkbox":
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind == "radio":
                if "checked" in a or name not in fields:  # the checked one, else the first
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a or (value and not fields.get(self._select)):
                fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]


def form_with(html: str, field: str | None = None, action: str | None = None) -> dict:
    for form in forms_of(html):
        if (field is None or field in form["f"]) and (action is None or action in form["action"]):
            return form
    raise LookupError(f"no form with {field or action}")


# ---------------------------------------------------------------- a browser-like client


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.failures: list[str] = []

    def add(self, kind: str, status, seconds: float, where: str):
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[kind][str(status)] += 1
            if not isinstance(status, int) or status >= 500:
                self.failures.append(f"{kind} {where} → {status}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str, stats: Stats):
        self.base = base
        self.stats = stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple[int | str, str, str]:
        """(status, body, Location); a refused connection is a failure, never a retry."""
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers={"Referer": self.base + "/"})
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=120) as response:
                status, text, location = response.status, response.read().decode("utf-8", "replace"), ""
        except urllib.error.HTTPError as exc:
            status, text, location = exc.code, exc.read().decode("utf-8", "replace"), exc.headers.get("Location", "")
        except OSError as exc:
            status, text, location = f"error: {exc}", "", ""
        self.stats.add(kind, status, time.perf_counter() - started, path)
        return status, text, location


# ---------------------------------------------------------------- what each kind of user does


def valid_id(rng: random.Random) -> str:
    """A resident ID number with a valid check digit (GB 11643)."""
    body = f"460100{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def applicant(n: int, base: str, stats: Stats, deadline: float, accepted: list, lock: threading.Lock):
    rng = random.Random(n)
    client = Client(base, stats)
    while time.monotonic() < deadline:
        status, html, _ = client.request("apply", f"/{SLUG}/apply/")
        if status != 200:
            continue
        form = form_with(html, field="token")
        time.sleep(1.05)  # the guard refuses forms sent within a second
        title = f"负载测试申请 {n}-{rng.randrange(10**9)}"
        form["f"].update(
            {
                "applicant_type": "natural",
                "name": "王小明",
                "id_type": "resident_id",
                "id_number": valid_id(rng),
                "phone": "13800138000",
                "email": f"load{n}@example.com",
                "address": "海南省海口市美兰区人民大道58号",
                "postcode": "570228",
                "title": title,
                "description": "各省份最低录取分数。",
                "purpose": "报考参考",
                "info_form": "electronic",
                "delivery": "email",
                "website": "",
            }
        )
        if rng.random() < 0.3:  # a double click: the same form sent twice at once, one must be made
            twin = threading.Thread(target=client.request, args=("apply", f"/{SLUG}/apply/", dict(form["f"])))
            twin.start()
            status, _html, location = client.request("apply", f"/{SLUG}/apply/", form["f"])
            twin.join()
        else:
            status, _html, location = client.request("apply", f"/{SLUG}/apply/", form["f"])
        if status == 302 and "receipt" in location:
            status, receipt, _ = client.request("apply", location)
            code = re.search(r"\b20\d\d-[A-Z0-9]{6}\b", receipt) if status == 200 else None
            with lock:
                accepted.append((title, code.group(0) if code else ""))


def staff(n: int, base: str, stats: Stats, deadline: float, created: list, lock: threading.Lock):
    client = Client(base, stats)
    status, html, _ = client.request("login", "/accounts/login/")
    form = form_with(html, field="username")
    form["f"].update({"username": DRAFTERS[n % len(DRAFTERS)], "password": PASSWORD})
    status, _html, location = client.request("login", "/accounts/login/", form["f"])
    if status != 302:
        stats.add("login", f"login refused ({status})", 0.0, "/accounts/login/")
        return
    i = 0
    while time.monotonic() < deadline:
        i += 1
        status, html, _ = client.request("staff", "/staff/records/new/")
        if status != 200:
            continue
        form = form_with(html, field="title")
        title = f"负载测试信息 {n}-{i}"
        form["f"].update({"title": title, "formed_on": "2026-12-01", "body": "负载测试正文。", "summary": "负载测试"})
        status, _html, location = client.request("staff", "/staff/records/new/", form["f"])
        match = re.search(r"/staff/records/(\d+)/", location or "")
        if status != 302 or not match:
            if os.environ.get("LOAD_DEBUG"):
                Path("/tmp/load-staff.html").write_text(_html)
                Path("/tmp/load-staff.json").write_text(json.dumps(form["f"], ensure_ascii=False))
            continue
        pk = int(match.group(1))
        with lock:
            created.append((title, pk, False))
        status, page, _ = client.request("staff", f"/staff/records/{pk}/")
        try:
            act = form_with(page, action=f"/staff/records/{pk}/act/submit/")
        except LookupError:
            continue
        status, _html, _location = client.request("staff", act["action"], act["f"])
        if status == 302:
            with lock:
                created[created.index((title, pk, False))] = (title, pk, True)


def visitor(n: int, base: str, stats: Stats, deadline: float):
    rng = random.Random(1000 + n)
    client = Client(base, stats)
    records: list[str] = []
    while time.monotonic() < deadline:
        q = rng.choice(SEARCHES)
        status, html, _ = client.request("search", f"/{SLUG}/search/?q={urllib.parse.quote(q)}")
        records = re.findall(rf"/{SLUG}/records/\d+/", html) or records
        if records:
            client.request("read", rng.choice(records))
        client.request("read", f"/{SLUG}/")


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> None:
    for args in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run([str(BIN / "xxgk"), *args], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def fresh_postgres(url: str) -> str:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS xxgk_load WITH (FORCE)")
        conn.execute("CREATE DATABASE xxgk_load")
    return urllib.parse.urlunsplit(parts._replace(path="/xxgk_load"))


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "xxgk.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{SLUG}/", timeout=5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer: " + log.read_text()[-3000:])


CHECK = """
import json, sys
from xxgk.foi.models import Application
from xxgk.publishing.models import Record
want = json.load(sys.stdin)
from django.db.models import Count
made = Application.objects.filter(title__in=[t for t, _c in want["applications"]]).values("title").annotate(n=Count("id"))
titles = {row["title"] for row in made}
twice = [row["title"] for row in made if row["n"] > 1]
codes = set(Application.objects.values_list("code", flat=True))
records = dict(Record.objects.filter(pk__in=[pk for _t, pk, _s in want["records"]]).values_list("pk", "state"))
print(json.dumps({
    "applications_missing": [t for t, c in want["applications"] if t not in titles or (c and c not in codes)],
    "records_missing": [pk for _t, pk, _s in want["records"] if pk not in records],
    "records_not_submitted": [pk for _t, pk, s in want["records"] if s and records.get(pk) == "draft"],
    "applications_made_twice": twice,
}))
"""


def check_database(env: dict, accepted: list, created: list) -> dict:
    out = subprocess.run(
        [str(BIN / "xxgk"), "shell", "-c", CHECK],
        env=env,
        cwd=ROOT,
        input=json.dumps({"applications": accepted, "records": created}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--applicants", type=int, default=20)
    parser.add_argument("--staff", type=int, default=6)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--database", default="", help="a PostgreSQL server URL; the default is a new SQLite file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="xxgk-load-"))
    database = fresh_postgres(args.database) if args.database else f"sqlite:///{tmp / 'xxgk.sqlite3'}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database,
        "XXGK_VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "DEBUG": "0",
        "SECRET_KEY": "load-bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "XXGK_PUBLIC_RATE_LIMITS": "off",
        "FOI_MIN_FORM_SECONDS": "1",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    env.pop("REDIS_URL", None)
    prepare(env)
    port = free_port()
    log = tmp / "gunicorn.log"
    server = serve(env, port, log)
    base = f"http://127.0.0.1:{port}"
    # the baseline, measured in the same run: one visitor searching on an idle server
    alone = Stats()
    quiet = Client(base, alone)
    for q in SEARCHES * 3:
        quiet.request("search", f"/{SLUG}/search/?q={urllib.parse.quote(q)}")
    baseline = percentile(alone.times["search"], 0.5)
    stats, lock = Stats(), threading.Lock()
    accepted: list = []
    created: list = []
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=applicant, args=(i, base, stats, deadline, accepted, lock))
        for i in range(args.applicants)
    ]
    threads += [
        threading.Thread(target=staff, args=(i, base, stats, deadline, created, lock)) for i in range(args.staff)
    ]
    threads += [threading.Thread(target=visitor, args=(i, base, stats, deadline)) for i in range(args.visitors)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    check = check_database(env, accepted, created)
    server_log = log.read_text(errors="replace")
    shutil.rmtree(tmp, ignore_errors=True)

    engine = "postgresql" if args.database else "sqlite"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; gunicorn 2 workers on {engine}; {elapsed:.1f} s")
    print(f"baseline: one search alone, p50 {baseline * 1000:.0f} ms; ratios below are p50 / baseline")
    print(f"{'kind':8} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6}  statuses")
    figures = {"database": engine, "seconds": round(elapsed, 1), "baseline_ms": round(baseline * 1000), "kinds": {}}
    for kind in sorted(stats.times):
        times = stats.times[kind]
        p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
        statuses = dict(sorted(stats.statuses[kind].items()))
        ratio = p50 / (baseline * 1000) if baseline else 0.0
        print(f"{kind:8} {len(times):>8} {p50:>8.0f} {p95:>8.0f} {ratio:>6.1f}  {statuses}")
        figures["kinds"][kind] = {
            "requests": len(times),
            "p50_ms": round(p50),
            "p95_ms": round(p95),
            "p50_ratio": round(ratio, 1),
            "statuses": statuses,
        }
    lost = len(check["applications_missing"]) + len(check["records_missing"]) + len(check["records_not_submitted"])
    doubled = len(check["applications_made_twice"])
    print(
        f"applications accepted {len(accepted)}, records created {len(created)} "
        f"(submitted {sum(1 for c in created if c[2])}); lost writes {lost}"
    )
    for failure in stats.failures[:20]:
        print("  5xx or failed:", failure)
    if stats.failures:
        errors = [line for line in server_log.splitlines() if "Error" in line or "error" in line]
        print("  the server's log says:", *errors[-10:], sep="\n    ")
    print(f"applications made twice by a double click: {doubled}")
    for key in ("applications_missing", "records_missing", "records_not_submitted", "applications_made_twice"):
        if check[key]:
            print(f"  {key}: {check[key][:10]}")
    figures.update(
        {
            "applications_accepted": len(accepted),
            "records_created": len(created),
            "records_submitted": sum(1 for c in created if c[2]),
            "lost_writes": lost,
            "made_twice": doubled,
            "server_errors": len(stats.failures),
        }
    )
    print(json.dumps(figures, ensure_ascii=False))
    return 1 if stats.failures or lost or doubled else 0


if __name__ == "__main__":
    sys.exit(main())
