from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from vangnet.core import views as core_views
from vangnet.networks.sessions import offline_views
from vangnet.notifications import views as notification_views
from vangnet.operations import views as operations_views
from vangnet.organisations.views import OwnPasswordChangeView
from vangnet.signin import views as signin_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("account/", core_views.account, name="account"),
    path("evaluaties/", core_views.evaluation_overview, name="evaluation_overview"),
    path("inloggen/", signin_views.LoginView.as_view(), name="login"),
    path("inloggen/", include("vangnet.signin.urls")),
    path("uitloggen/", offline_views.LogoutView.as_view(), name="logout"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("account/wachtwoord/", OwnPasswordChangeView.as_view(), name="password_change"),
    path("account/meldingen/", include("vangnet.notifications.urls")),
    path("", include("vangnet.calendars.urls")),
    path("wachtwoord-vergeten/", notification_views.password_reset, name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        notification_views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        notification_views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        notification_views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", operations_views.readyz, name="readyz"),
    path("metrics", operations_views.metrics, name="metrics"),
    path("organisatie/", include("vangnet.organisations.urls")),
    path("audit/", include("vangnet.audit.urls")),
    path("netwerken/", include("vangnet.networks.urls")),
    path("deelnemers/", include("vangnet.participants.urls")),
    path("logboek/", include("vangnet.logbook.urls")),
    path("steun/", include("vangnet.support.urls")),
    path("planning/", include("vangnet.planning.urls")),
    path("privacy/", include("vangnet.privacy.urls")),
    path("vragenlijsten/", include("vangnet.questionnaires.urls")),
    path("evaluatiegesprekken/", include("vangnet.interviews.urls")),
    path("evaluatie/", include("vangnet.network_evaluation.urls")),
    path("dashboard/", include("vangnet.dashboards.urls")),
    path("methodetrouw/", include("vangnet.fidelity.urls")),
    path("benchmark/", include("vangnet.benchmark.urls")),
    path("rapportages/", include("vangnet.reports.urls")),
    path("api/", include("vangnet.api.urls")),
    path("exports/", include("vangnet.exports.urls")),
    path("praktijk/", include("vangnet.practice.urls")),
    path("groei/", include("vangnet.growth.urls")),
    path("bibliotheek/", include("vangnet.library.urls")),
    path("mijn/", include("vangnet.myspace.urls")),
    path("geld/", include("vangnet.finance.urls")),
    path("huisregels/", include("vangnet.houserules.urls")),
    path("buurt/", include("vangnet.neighbourhood.urls")),
    path("leren/", include("vangnet.learning.urls")),
    path("betrokkenen/", include("vangnet.volunteers.urls")),
    path("partijen/", include("vangnet.stakeholders.urls")),
]
