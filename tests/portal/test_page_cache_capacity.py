"""The private page cache holds as many pages as the deployment sets, so a province's hot pages stay in it."""

from django.core.cache.backends.locmem import LocMemCache

from xxgk.portal import cache as portal_cache


def _fresh_private_cache(monkeypatch):
    monkeypatch.setattr(portal_cache, "_local", None)
    return portal_cache._cache()


def test_the_private_cache_holds_ten_thousand_pages_by_default(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    store = _fresh_private_cache(monkeypatch)
    assert isinstance(store, LocMemCache)
    assert store._max_entries == 10000


def test_the_deployment_sets_the_number_of_pages(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.XXGK_PORTAL_CACHE_ENTRIES = 3
    store = _fresh_private_cache(monkeypatch)
    for n in range(10):
        store.set(f"page-{n}", b"x")
    assert len(store._cache) <= 3


def test_a_portal_cache_alias_is_used_when_configured(settings, monkeypatch):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    }
    store = _fresh_private_cache(monkeypatch)
    assert store is not portal_cache._local and store._max_entries == 300
