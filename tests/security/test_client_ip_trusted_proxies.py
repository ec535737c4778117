"""`client_ip`: X-Forwarded-For is believed only when the request comes from a configured proxy."""

import pytest
from django.test import RequestFactory

from xxgk.core.spam import client_ip


def request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.XXGK_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # nginx on the same machine
        ("10.1.2.3", "198.51.100.1", "198.51.100.1"),  # a load balancer inside 10.0.0.0/8
        ("127.0.0.1", "1.1.1.1, 198.51.100.1", "198.51.100.1"),  # the visitor's own prefix is not believed
        ("127.0.0.1", "198.51.100.1, 10.0.0.9", "198.51.100.1"),  # two trusted hops
        ("127.0.0.1", "10.0.0.8, 10.0.0.9", "10.0.0.8"),  # only trusted addresses: the left-most
        ("127.0.0.1", "", "127.0.0.1"),  # no header: the proxy itself
        ("127.0.0.1", "not-an-ip", "127.0.0.1"),  # garbage: the last trusted hop, never a made-up value
        ("127.0.0.1", "nonsense, 10.0.0.9", "10.0.0.9"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from a proxy: the header is the visitor's own
        ("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
        ("127.0.0.1", "198.51.100.1:5678", "198.51.100.1"),
        ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),  # an IPv4-mapped proxy address
    ],
)
def test_the_right_most_untrusted_address(settings, remote, forwarded, expected):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request(remote, forwarded)) == expected


def test_no_address_is_none_unless_a_unix_socket_proxy_is_trusted(settings):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request("", "198.51.100.1")) is None
    settings.XXGK_TRUSTED_PROXIES = ["unix"]
    assert client_ip(request("", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request("", "")) is None
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_bad_trusted_proxy_setting_stops_the_settings(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from xxgk.settings import envnetworks

    monkeypatch.setenv("XXGK_TRUSTED_PROXIES", "127.0.0.1, nginx.local")
    with pytest.raises(ImproperlyConfigured, match="nginx.local"):
        envnetworks("XXGK_TRUSTED_PROXIES")
    monkeypatch.setenv("XXGK_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, ::1, unix")
    assert envnetworks("XXGK_TRUSTED_PROXIES") == ["127.0.0.1", "10.0.0.0/8", "::1", "unix"]
