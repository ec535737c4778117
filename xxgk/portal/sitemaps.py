"""The sitemap: every institution's pages and every published record."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from xxgk.org.models import Institution
from xxgk.publishing.models import Record


class PagesSitemap(Sitemap):
    changefreq = "daily"
    PAGES = ("portal:home", "portal:catalog", "portal:guide", "portal:annual_reports", "portal:departments")

    def items(self):
        slugs = list(Institution.objects.order_by("slug").values_list("slug", flat=True))
        return [("portal:deployment", None)] + [(name, slug) for slug in slugs for name in self.PAGES]

    def location(self, item):
        name, slug = item
        return reverse(name, args=[slug] if slug else [])


class RecordSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return (
            Record.objects.published()
            .select_related("institution")
            .only("id", "published_at", "state_changed_at", "institution__slug")
            .order_by("id")
        )

    def location(self, item):
        return reverse("portal:record", args=[item.institution.slug, item.pk])

    def lastmod(self, item):
        return item.state_changed_at or item.published_at


SITEMAPS = {"pages": PagesSitemap, "records": RecordSitemap}
