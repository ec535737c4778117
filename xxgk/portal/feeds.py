"""Atom feeds: per institution, per catalog item and per department."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Department, Institution
from xxgk.publishing.models import Record

FEED_SIZE = 30


class _RecordFeed(Feed):
    feed_type = Atom1Feed

    def _records(self, institution):
        return (
            Record.objects.published(institution)
            .select_related("department", "institution")
            .only(
                "id",
                "title",
                "summary",
                "published_at",
                "state_changed_at",
                "index_number",
                "department__name",
                "institution__slug",
            )
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return reverse("portal:record", args=[item.institution.slug, item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(d for d in (item.published_at, item.state_changed_at) if d) if item.published_at else None

    def item_author_name(self, item):
        return item.department.name

    def item_categories(self, item):
        return [item.index_number] if item.index_number else []


class InstitutionFeed(_RecordFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Institution, slug=slug)

    def title(self, obj):
        return _("%(name)s · 信息公开") % {"name": obj.name}

    def subtitle(self, obj):
        return _("%(name)s最新公开的信息") % {"name": obj.name}

    def link(self, obj):
        return reverse("portal:home", args=[obj.slug])

    def items(self, obj):
        return self._records(obj)[:FEED_SIZE]


class ItemFeed(_RecordFeed):
    def get_object(self, request, slug, number):
        return get_object_or_404(
            CatalogItem.objects.select_related("institution"), institution__slug=slug, number=number, active=True
        )

    def title(self, obj):
        return _("%(name)s · %(number)s. %(title)s") % {
            "name": obj.institution.name,
            "number": obj.number,
            "title": obj.title[:60],
        }

    def subtitle(self, obj):
        return _("信息公开目录事项“%(title)s”下的公开信息") % {"title": obj.title[:60]}

    def link(self, obj):
        return reverse("portal:item", args=[obj.institution.slug, obj.number])

    def items(self, obj):
        return self._records(obj.institution).filter(items=obj)[:FEED_SIZE]


class DepartmentFeed(_RecordFeed):
    def get_object(self, request, slug, code):
        return get_object_or_404(Department.objects.select_related("institution"), institution__slug=slug, code=code)

    def title(self, obj):
        return _("%(name)s · %(dept)s") % {"name": obj.institution.name, "dept": obj.name}

    def subtitle(self, obj):
        return _("%(dept)s发布的公开信息") % {"dept": obj.name}

    def link(self, obj):
        return reverse("portal:department", args=[obj.institution.slug, obj.code])

    def items(self, obj):
        return self._records(obj.institution).filter(department=obj)[:FEED_SIZE]
