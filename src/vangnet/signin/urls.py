from django.urls import path

from vangnet.signin import oidc_views, views

app_name = "signin"
urlpatterns = [
    path("organisatie/", oidc_views.choose_organisation, name="oidc_choose"),
    path("organisatie/terug/", oidc_views.CallbackView.as_view(), name="oidc_callback"),
    path("organisatie/mislukt/", oidc_views.failed, name="oidc_failed"),
    path("organisatie/<slug:code>/", oidc_views.StartView.as_view(), name="oidc_start"),
    path("instellingen/", views.sign_in_settings, name="settings"),
]
