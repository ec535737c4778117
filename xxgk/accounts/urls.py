from django.urls import path

from xxgk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("cas/login/", views.CASLoginView.as_view(), name="cas_login"),
    path("oidc/login/", views.OIDCLoginView.as_view(), name="oidc_login"),
    path("cas/<slug:slug>/login/", views.idp_cas_login, name="idp_cas_login"),
    path("oidc/<slug:slug>/login/", views.InstitutionOIDCLoginView.as_view(), name="idp_oidc_login"),
    path("oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_callback"),
    path("welcome/", views.welcome, name="welcome"),
    path("waiting/", views.waiting, name="waiting"),
    path("sso-failed/", views.sso_failed, name="sso_failed"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("2fa/qr.svg", views.two_factor_qr, name="two_factor_qr"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
