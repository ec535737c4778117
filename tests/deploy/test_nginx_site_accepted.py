"""deploy/nginx/xxgk.conf, with this machine's paths and ports, is accepted by `nginx -t`, and says what
the app expects of it: the body limit at least the app's own, the request id and the forwarded address
passed on, media reachable only through the internal location."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.conf import settings

from tests.deploy.shipped import DEPLOY, check_module, nginx_binary

SITE = (DEPLOY / "nginx" / "xxgk.conf").read_text(encoding="utf-8")


def test_the_site_matches_the_app_settings():
    size = re.search(r"client_max_body_size (\d+)m;", SITE)
    assert size and int(size.group(1)) * 1024 * 1024 >= settings.XXGK_MAX_REQUEST_BYTES
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in SITE
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in SITE
    assert "proxy_set_header X-Request-ID $request_id;" in SITE
    internal = re.search(r"location /protected-media/ \{(.*?)\}", SITE, re.S)
    assert internal and "internal;" in internal.group(1)
    template = (DEPLOY / "xxgk.env.example").read_text(encoding="utf-8")
    assert "XXGK_MEDIA_ACCEL_REDIRECT=/protected-media/" in template
    assert "XXGK_TRUSTED_PROXIES=127.0.0.1" in template and "server 127.0.0.1:8000" in SITE


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (make deploy-deps)")
def test_nginx_accepts_the_site(tmp_path):
    check = check_module()
    for folder in ("logs", "nginx-temp", "static", "media", "acme"):
        (tmp_path / folder).mkdir()
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "xxgk.conf"
    site.write_text(
        check.render_site(
            SITE,
            http_port=check.free_port(),
            https_port=check.free_port(),
            app_port=check.free_port(),
            cert=cert,
            key=key,
            static_root=tmp_path / "static",
            media_root=tmp_path / "media",
            logs=tmp_path / "logs",
            acme_root=tmp_path / "acme",
        )
    )
    main = tmp_path / "nginx.conf"
    main.write_text(check.nginx_main_conf(tmp_path, site))
    done = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "logs" / "startup.log"), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
