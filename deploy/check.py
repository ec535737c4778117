"""`make deploy-check`: run the shipped deployment on this machine and use it as a visitor and as staff would.

It starts what production runs, from the files in deploy/, on loopback ports: gunicorn with
deploy/gunicorn.conf.py, the job worker and the scheduler (`xxgk worker`, `xxgk scheduler`: Celery with Redis
as broker, on a queue of its own), nginx with deploy/nginx/xxgk.conf (only ports, paths and a throw-away TLS
certificate substituted; nginx gets its own prefix, pid and log files under a temporary folder, so no
root is needed), against a new PostgreSQL database and Redis, with the environment of
deploy/xxgk.env.example. Then, through nginx over HTTPS (the certificate checked): the home page, a
search, a record, an FOI application submitted on the public form and seen in the office's workbench, the annual report's
DOCX and PDF built by a job through the queue (the time from the request to the files printed), a
static file served by nginx alone, a file uploaded by a drafter and downloaded again (sent by nginx after
the app allowed it), the body-size limit, and request ids shared by nginx's and the app's logs. Finally
it stops what it started and drops the database.

    python deploy/check.py [--keep]     (PG_URL and DEPLOY_CHECK_REDIS_URL name the servers; defaults: loopback)

Exit status 0 when every step passed; the folder with the logs is kept (and named) when one failed.
"""

from __future__ import annotations

import argparse
import html
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ADMIN_URL = re.sub(r"/[^/]*$", "/postgres", PG_URL)  # CREATE/DROP DATABASE from the maintenance database
REDIS_URL = os.environ.get("DEPLOY_CHECK_REDIS_URL", "redis://127.0.0.1:6379/14")
# the job queue's broker: another database of the same Redis (clearing the cache must not drop messages)
BROKER_URL = re.sub(r"/\d*$", "/15", REDIS_URL)
DEMO_PASSWORD = "xxgk-demo-2023"
FORM_SECONDS = 3  # FOI_MIN_FORM_SECONDS in the template's defaults


class CheckFailed(Exception):
    pass


def step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    print(f"    ok  {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise CheckFailed(f"the process listening on {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise CheckFailed(f"nothing answered on 127.0.0.1:{port} within {seconds:.0f} s")


# --- the files under test --------------------------------------------------------------------------------


def template_environment() -> dict[str, str]:
    """The active NAME=value lines of deploy/xxgk.env.example."""
    env = {}
    for line in (DEPLOY / "xxgk.env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name] = value
    return env


def render_site(text: str, **where) -> str:
    """deploy/nginx/xxgk.conf with this machine's ports and paths; each substitution must apply."""
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{where['http_port']};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{where['https_port']} ssl http2;"),
        ("server 127.0.0.1:8000 fail_timeout=0;", f"server 127.0.0.1:{where['app_port']} fail_timeout=0;"),
        ("/etc/ssl/xxgk/fullchain.pem", str(where["cert"])),
        ("/etc/ssl/xxgk/privkey.pem", str(where["key"])),
        ("/srv/xxgk/var/static/", f"{where['static_root']}/"),
        ("/srv/xxgk/var/media/", f"{where['media_root']}/"),
        ("/var/log/nginx/xxgk.access.log", str(where["logs"] / "nginx-access.log")),
        ("/var/log/nginx/xxgk.error.log", str(where["logs"] / "nginx-error.log")),
        ("/var/www/letsencrypt", str(where["acme_root"])),
    ]
    for old, new in replacements:
        if old not in text:
            raise CheckFailed(f"deploy/nginx/xxgk.conf no longer contains {old!r}: update deploy/check.py with it")
        text = text.replace(old, new)
    return re.sub(r"^\s*listen \[::\]:.*\n", "", text, flags=re.M)  # loopback IPv4 only


def nginx_main_conf(tmp: Path, site: Path) -> str:
    temp = tmp / "nginx-temp"
    return f"""worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/nginx-main-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {tmp}/logs/nginx-main-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


# --- a small browser -------------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The values a browser would send for one form (chosen by id or by its action), without a click."""

    def __init__(self, form_id: str | None = None, action: str | None = None):
        super().__init__()
        self.form_id, self.action = form_id, action
        self.inside, self.fields, self.select, self.textarea = False, {}, None, None
        self.found = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (self.form_id and a.get("id") == self.form_id) or (
                self.action is not None and (a.get("action") or "") == self.action
            )
            self.found = self.found or self.inside
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in {"file", "submit", "button", "image", "reset"}:
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, None)
        elif tag == "option" and self.select:
            if self.fields.get(self.select) is None or "selected" in a:
                self.fields[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html: str, *, form_id=None, action=None) -> dict:
    parser = FormFields(form_id, action)
    parser.feed(html)
    if not parser.found:
        raise CheckFailed(f"no form {form_id or action} on the page")
    return {k: v for k, v in parser.fields.items() if v is not None}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str, context: ssl.SSLContext | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context or ssl.create_default_context()),
            urllib.request.HTTPCookieProcessor(self.jar),
            NoRedirect(),
        )

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None):
        url = path if path.startswith("http") else self.base + path
        req = urllib.request.Request(url, data=data, headers={"User-Agent": "xxgk-deploy-check", **(headers or {})})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, path: str):
        return self.request(path)

    def post(self, path: str, fields: dict, files: dict | None = None, referer: str | None = None):
        headers = {"Referer": self.base + (referer or path)}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content, content_type) in files.items():
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
                )
                parts.append(head.encode() + content + b"\r\n")
            parts.append(f"--{boundary}--\r\n".encode())
            body = b"".join(parts)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(path, body, headers)

    def login(self, username: str, password: str = DEMO_PASSWORD):
        status, _h, body = self.get("/accounts/login/")
        expect(status == 200, f"the login page answers ({status})")
        html = body.decode()
        try:  # the login form posts to itself, named (the campus-identity login page) or not
            fields = form_fields(html, action="/accounts/login/")
        except CheckFailed:
            fields = form_fields(html, action="")
        fields.update(username=username, password=password)
        status, headers, _b = self.post("/accounts/login/", fields)
        expect(status == 302 and "/accounts/login" not in headers.get("Location", ""), f"{username} logs in")
        status, headers, _b = self.get(headers["Location"])
        if status == 302 and "/accounts/2fa/" in headers.get("Location", ""):  # an office administrator
            self.second_factor(username, headers["Location"])

    def second_factor(self, username: str, where: str) -> None:
        """Set up the authenticator as the person would (the key shown on the page) and give its first code."""
        status, _h, body = self.get(where)
        page = body.decode()
        secret = re.search(r'id="totp-secret">([^<]+)<', page)
        expect(status == 200 and secret, f"{username} is asked to set up the second factor")
        fields = form_fields(page, action="")
        fields["code"] = totp(secret.group(1))
        status, _h, body = self.post(where, fields, referer=where)
        expect(status in (200, 302) and "不正确" not in body.decode(), f"{username} gives the authenticator's code")


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238's code (30-second steps, six digits, HMAC-SHA1) for a base32 key."""
    import base64
    import hashlib
    import hmac
    import struct

    key = secret.replace(" ", "")
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


# --- the run ---------------------------------------------------------------------------------------------


def smoke(base: str, http_base: str, context: ssl.SSLContext, tmp: Path, media_root: Path, app_log: Path) -> None:
    visitor = Browser(base, context)

    step("http is redirected to https")
    status, headers, _ = visitor.get(http_base + "/")
    expect(status == 301 and headers["Location"].startswith("https://"), f"http → {headers.get('Location')}")

    step("home page")
    status, headers, body = visitor.get("/")
    page = body.decode()
    expect(status == 200 and "海南热带海洋学院" in page, "/ lists the institutions")
    request_id = headers.get("X-Request-ID", "")
    expect(re.fullmatch(r"[0-9a-f]{32}", request_id), f"the response carries nginx's request id {request_id}")

    step("static file served by nginx")
    status, headers, body = visitor.get("/static/xxgk/site.css")
    expect(status == 200 and b"{" in body, "/static/xxgk/site.css")
    expect(headers.get_all("Cache-Control") == ["public, max-age=86400"], "with nginx's caching header")

    step("an institution's home page, a record and a search")
    status, _h, body = visitor.get("/hntou/")
    page = body.decode()
    expect(status == 200, "/hntou/")
    record = re.search(r'href="(/hntou/records/\d+/)"', page)
    expect(record, "it links to records")
    status, _h, body = visitor.get(record.group(1))
    expect(status == 200 and "<h1" in body.decode(), f"{record.group(1)}")
    status, _h, body = visitor.get("/hntou/search/?q=" + urllib.parse.quote("招生"))
    expect(status == 200 and re.search(r'href="/hntou/records/\d+/', body.decode()), "a search for 招生 finds records")

    step("an FOI application on the public form")
    status, _h, body = visitor.get("/hntou/apply/")
    expect(status == 200, "/hntou/apply/")
    fields = form_fields(body.decode(), form_id="apply-form")
    title = f"部署检查 {uuid.uuid4().hex[:6]}：2023年本科招生录取分数"
    fields.update(
        applicant_type="natural",
        name="王小明",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13800138000",
        email="wxm@example.com",
        address="海南省海口市美兰区人民大道58号",
        postcode="570228",
        title=title,
        description="各省份最低录取分数。",
        purpose="报考参考",
        info_form="electronic",
        delivery="email",
    )
    time.sleep(FORM_SECONDS + 0.5)  # the form's spam guard: no human submits faster
    status, headers, body = visitor.post("/hntou/apply/", fields)
    expect(status == 302, f"the application is accepted ({status})")
    status, _h, body = visitor.get(headers["Location"])
    code = re.search(r'id="tracking-code">([^<]+)<', body.decode())
    expect(code, f"the receipt shows the tracking code {code and code.group(1)}")

    office = Browser(base, context)
    office.login("hntou-office")
    status, _h, body = office.get("/staff/foi/")
    expect(status == 200 and code.group(1) in body.decode(), "the office sees it in the workbench")

    step("the annual report's DOCX and PDF built by a job through the queue (Redis, xxgk worker)")
    status, _h, body = office.get("/staff/reporting/report/?i=hntou")
    page = body.decode()
    found = re.search(r'action="(/staff/reporting/report/build/\?[^"]+)"', page)
    expect(status == 200 and found, "the report page offers a build")
    action = html.unescape(found.group(1))
    fields = form_fields(page, action=action)
    asked = time.monotonic()
    status, _h, _b = office.post(action, fields, referer="/staff/reporting/report/?i=hntou")
    expect(status == 302, f"the build is queued ({status})")
    files, fragment = [], ""
    while not files and time.monotonic() - asked < 180:
        time.sleep(0.5)
        fragment = office.get(action)[2].decode()
        files = re.findall(r'href="(/staff/reporting/report/build/files/\d+/)"', fragment)
        if "生成失败" in fragment:
            raise CheckFailed(f"the report build failed: {re.sub(r'<[^>]+>', ' ', fragment).strip()[:300]}")
    took = time.monotonic() - asked
    expect(len(files) == 2, f"the page offers the DOCX and the PDF after {took:.1f} s (queued, run by the worker)")
    print(f"    report build through the queue: {took:.1f} s from the request to the files", flush=True)
    status, _h, body = office.get(files[1])
    expect(status == 200 and body.startswith(b"%PDF"), f"the PDF ({len(body) // 1024} KB) downloads through nginx")

    step("an upload by a drafter, downloaded again through nginx")
    drafter = Browser(base, context)
    drafter.login("hntou-drafter")
    status, _h, body = drafter.get("/staff/drafts/")
    expect(status == 200, "/staff/drafts/")
    record_pk = None
    for pk in dict.fromkeys(re.findall(r'href="/staff/records/(\d+)/"', body.decode())):
        status, _h, page = drafter.get(f"/staff/records/{pk}/")
        if f'action="/staff/records/{pk}/attachments/"' in page.decode():
            record_pk, record_page = pk, page.decode()
            break
    expect(record_pk, f"a draft the drafter may attach to (record {record_pk})")
    upload = f"部署检查附件 {secrets.token_hex(8)}\n".encode()
    fields = form_fields(record_page, action=f"/staff/records/{record_pk}/attachments/")
    status, _h, _b = drafter.post(
        f"/staff/records/{record_pk}/attachments/",
        fields,
        files={"file": ("部署检查.txt", upload, "text/plain")},
        referer=f"/staff/records/{record_pk}/",
    )
    expect(status == 302, f"the upload is accepted ({status})")
    status, _h, page = drafter.get(f"/staff/records/{record_pk}/")
    attachment = max(int(pk) for pk in re.findall(r'href="/staff/attachments/(\d+)/"', page.decode()))
    status, headers, body = drafter.get(f"/staff/attachments/{attachment}/")
    expect(status == 200 and body == upload, "the file comes back byte for byte")
    expect(
        "X-Accel-Redirect" not in headers and "attachment" in headers.get("Content-Disposition", ""), "sent by nginx"
    )
    stored = [p for p in media_root.rglob("*") if p.is_file() and p.read_bytes() == upload]
    expect(len(stored) == 1, f"stored once under MEDIA_ROOT ({stored[0].relative_to(media_root) if stored else '-'})")
    name = urllib.parse.quote(stored[0].relative_to(media_root).as_posix())
    status, _h, _b = visitor.get(f"/protected-media/{name}")
    expect(status == 404, "the internal location is not reachable from outside")
    status, _h, _b = visitor.get(f"/media/{name}")
    expect(status == 404, "nor is /media/")
    anonymous = Browser(base, context)
    status, headers, _b = anonymous.get(f"/staff/attachments/{attachment}/")
    expect(
        status == 302 and "/accounts/login/" in headers.get("Location", ""), "an anonymous visitor is sent to log in"
    )

    step("request bodies over client_max_body_size are refused by nginx")
    host, port = base.removeprefix("https://").split(":")
    conn = http.client.HTTPSConnection(host, int(port), context=context, timeout=30)
    conn.putrequest("POST", "/hntou/apply/")
    conn.putheader("Content-Length", str(70 * 1024 * 1024))
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    expect(status == 413, f"a 70 MB body is refused ({status})")

    step("logs")
    time.sleep(1.5)  # nginx writes its access log line after the response
    access = (tmp / "logs" / "nginx-access.log").read_text()
    expect(f"rid={request_id}" in access, "nginx's access log names the request id")
    lines = [json.loads(line) for line in app_log.read_text().splitlines() if line.startswith("{")]
    mine = [entry for entry in lines if entry.get("request_id") == request_id]
    expect(mine and mine[0].get("path") == "/", "the app's JSON log line of that request carries the same id")
    expect(not any(str(e.get("path", "")).startswith("/static/") for e in lines), "static files never reached the app")


def run(keep: bool) -> int:
    import psycopg

    started = time.monotonic()
    step("prerequisites")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    expect(nginx, f"nginx ({nginx}; `make deploy-check` installs it from Debian)")
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as c:
        version = c.execute("SHOW server_version").fetchone()[0]
    expect(True, f"PostgreSQL {version} at {ADMIN_URL}")
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    expect(client.ping(), f"Redis at {REDIS_URL}")

    tmp = Path(tempfile.mkdtemp(prefix="xxgk-deploy-check-"))
    tmp.chmod(0o755)  # nginx's workers (another user when started as root) read static and media files
    for folder in ("logs", "nginx-temp", "static", "media", "var", "mail", "acme"):
        (tmp / folder).mkdir(mode=0o755)
    database = f"xxgk_deploy_check_{os.getpid()}"
    prefix = f"xxgk-deploy-check-{secrets.token_hex(4)}"
    ports = {"app_port": free_port(), "http_port": free_port(), "https_port": free_port()}
    base = f"https://127.0.0.1:{ports['https_port']}"
    db_url = re.sub(r"/[^/]*$", f"/{database}", PG_URL)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        **template_environment(),
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        XXGK_SITE_URL=base,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=db_url,
        REDIS_URL=REDIS_URL,
        XXGK_BROKER_URL=BROKER_URL,
        XXGK_JOBS_QUEUE=prefix,  # a queue of its own in a Redis others may use
        XXGK_CACHE_PREFIX=prefix,
        XXGK_VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp / "mail"),
        DJANGO_SETTINGS_MODULE="xxgk.settings",
    )
    processes: list[tuple[str, subprocess.Popen]] = []
    failed = True
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{database}"')

        def xxgk(*args, what):
            done = subprocess.run(
                [sys.executable, "-m", "xxgk", *args], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise CheckFailed(f"{what} failed:\n{done.stdout}\n{done.stderr}")
            return done

        step(f"database {database}: migrate, demo data, static files")
        xxgk("migrate", "--no-input", "-v", "0", what="migrate")
        demo = "import django; django.setup(); from xxgk.demo.loader import load_demo; load_demo(annual_reports=False)"
        done = subprocess.run([sys.executable, "-c", demo], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise CheckFailed(f"loading the demo failed:\n{done.stderr}")
        xxgk("collectstatic", "--no-input", "-v", "0", what="collectstatic")
        step("xxgk check --deploy")
        done = xxgk("check", "--deploy", what="check --deploy")
        print("\n".join("    " + line for line in (done.stdout + done.stderr).strip().splitlines()), flush=True)

        step("a throw-away TLS certificate for 127.0.0.1")
        cert, key = tmp / "cert.pem", tmp / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
            + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        key.chmod(0o644)  # read by nginx's master only, which may not be root here
        context = ssl.create_default_context(cafile=str(cert))

        step(f"gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:{ports['app_port']}")
        app_log = tmp / "logs" / "app.log"
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY / "gunicorn.conf.py")]
            + ["--bind", f"127.0.0.1:{ports['app_port']}", "--workers", "2", "xxgk.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=open(app_log, "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes.append(("gunicorn", gunicorn))
        wait_for_port(ports["app_port"], 90, gunicorn)

        for name, command in (("worker", "xxgk worker"), ("scheduler", "xxgk scheduler")):
            step(f"{command} (deploy/systemd/xxgk-{name}.service's command), broker {BROKER_URL}")
            log = tmp / "logs" / f"{name}.log"
            process = subprocess.Popen(
                [sys.executable, "-m", "xxgk", name],
                cwd=ROOT,
                env=env,
                stdout=open(log, "wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            processes.append((name, process))
            ready = b"ready." if name == "worker" else b"beat: Starting"
            deadline = time.monotonic() + 90
            while ready not in log.read_bytes():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise CheckFailed(f"{command} did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.3)

        step(f"nginx (deploy/nginx/xxgk.conf) on 127.0.0.1:{ports['https_port']} (https), :{ports['http_port']} (http)")
        site = tmp / "xxgk.conf"
        site.write_text(
            render_site(
                (DEPLOY / "nginx" / "xxgk.conf").read_text(encoding="utf-8"),
                cert=cert,
                key=key,
                static_root=tmp / "static",
                media_root=tmp / "media",
                logs=tmp / "logs",
                acme_root=tmp / "acme",
                **ports,
            )
        )
        main = tmp / "nginx.conf"
        main.write_text(nginx_main_conf(tmp, site))
        command = [nginx, "-p", str(tmp), "-e", str(tmp / "logs" / "nginx-startup.log"), "-c", str(main)]
        test = subprocess.run([*command, "-t"], capture_output=True, text=True)
        expect(test.returncode == 0, "nginx -t accepts the configuration")
        subprocess.run(command, check=True, capture_output=True)  # daemonizes; stopped by its pid file
        wait_for_port(ports["https_port"], 30)

        smoke(base, f"http://127.0.0.1:{ports['http_port']}", context, tmp, tmp / "media", app_log)
        failed = False
        step(f"deploy-check passed in {time.monotonic() - started:.0f} s")
        return 0
    except CheckFailed as problem:
        print(f"\nFAILED: {problem}", file=sys.stderr)
        return 1
    finally:
        step("stopping what was started")
        pid_file = tmp / "nginx.pid"
        if pid_file.exists():
            nginx_pid = int(pid_file.read_text().strip())
            os.kill(nginx_pid, signal.SIGQUIT)
            for _ in range(50):
                if not pid_file.exists():
                    break
                time.sleep(0.1)
            print(f"    nginx (pid {nginx_pid}) stopped", flush=True)
        for name, process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            print(f"    {name} (pid {process.pid}) stopped", flush=True)
        with psycopg.connect(ADMIN_URL, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        print(f"    database {database} dropped", flush=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        broker = redis.Redis.from_url(BROKER_URL, socket_timeout=5)
        queue_keys = [key for key in broker.scan_iter() if prefix.encode() in key]
        if queue_keys:
            broker.delete(*queue_keys)
        print(f"    {len(keys)} Redis keys under {prefix} and the queue's {len(queue_keys)} deleted", flush=True)
        if failed or keep:
            print(f"    logs and files kept in {tmp}", flush=True)
            for log in sorted((tmp / "logs").glob("*.log")):
                tail = log.read_text(errors="replace").splitlines()[-15:]
                if failed and tail:
                    print(f"--- {log.name} ---\n" + "\n".join(tail), file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, media) afterwards")
    return run(parser.parse_args().keep)


if __name__ == "__main__":
    sys.exit(main())
