from django.contrib import admin
from django.urls import include, path

from xxgk.accounts import views as accounts_views
from xxgk.api.main import api
from xxgk.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts_views.logout, name="logout"),
    path("accounts/", include("xxgk.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/foi/", include("xxgk.foi.staff_urls")),
    path("staff/oversight/", include("xxgk.oversight.staff_urls")),
    path("staff/notifications/", include("xxgk.workbench.notify_urls")),
    path("staff/reporting/", include("xxgk.reporting.staff_urls")),
    path("staff/site-import/", include("xxgk.siteimport.staff_urls")),
    path("staff/api-tokens/", include("xxgk.api.staff_urls")),
    path("staff/people/", include("xxgk.accounts.staff_urls")),
    path("staff/", include("xxgk.workbench.urls")),
    path("api/", api.urls),
    # per-institution public sections, before the portal's catch-all slug routes
    path("<slug:slug>/apply/", include("xxgk.foi.public_urls")),
    path("<slug:slug>/mailbox/", include("xxgk.oversight.public_urls")),
    path("", include("xxgk.portal.urls")),
]
handler403 = "xxgk.workbench.errors.permission_denied"
