from django.urls import path

from xxgk.accounts import staff_views

app_name = "accounts_staff"
urlpatterns = [
    path("", staff_views.people, name="people"),
    path("invite/", staff_views.invite, name="invite"),
    path("mapping/", staff_views.mapping, name="mapping"),
    path("mapping/<int:pk>/delete/", staff_views.mapping_delete, name="mapping_delete"),
    path("<int:pk>/", staff_views.person, name="person"),
    path("<int:pk>/roles/<int:membership>/revoke/", staff_views.revoke, name="revoke"),
    path("<int:pk>/active/", staff_views.set_active, name="set_active"),
    path("<int:pk>/unlock/", staff_views.unlock, name="unlock"),
    path("<int:pk>/two-factor/reset/", staff_views.reset_two_factor, name="reset_two_factor"),
]
