from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from xxgk.core.site import on_site
from xxgk.portal import feeds, views
from xxgk.portal.cache import public_page
from xxgk.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    # the pages read most first: a URL is resolved by trying the patterns in order (no two of these overlap), and
    # each pattern tried cost a record page about 1.5 µs
    path("<slug:slug>/records/<int:pk>/", views.record, name="record"),
    path("<slug:slug>/catalog/<str:number>/", views.item, name="item"),
    path("<slug:slug>/", views.home, name="home"),
    path("", views.deployment, name="deployment"),
    path("i18n/language/<str:code>/", views.switch_language, name="language"),
    path(
        "sitemap.xml",
        public_page(on_site(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(on_site(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("<slug:slug>/feed/", public_page(on_site(feeds.InstitutionFeed())), name="feed"),
    path("<slug:slug>/search/", views.search, name="search"),
    path("<slug:slug>/catalog/", views.catalog, name="catalog"),
    path("<slug:slug>/catalog/<str:number>/feed/", public_page(on_site(feeds.ItemFeed())), name="item_feed"),
    path("<slug:slug>/departments/", views.departments, name="departments"),
    path("<slug:slug>/departments/<slug:code>/", views.department, name="department"),
    path(
        "<slug:slug>/departments/<slug:code>/feed/",
        public_page(on_site(feeds.DepartmentFeed())),
        name="department_feed",
    ),
    path("<slug:slug>/guide/", views.guide, name="guide"),
    path("<slug:slug>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("<slug:slug>/records/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]
