from django.urls import path

from xxgk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("cas/login/", views.CASLoginView.as_view(), name="cas_login"),
    path("oidc/login/", views.OIDCLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_callback"),
    path("welcome/", views.welcome, name="welcome"),
    path("waiting/", views.waiting, name="waiting"),
    path("sso-failed/", views.sso_failed, name="sso_failed"),
]
