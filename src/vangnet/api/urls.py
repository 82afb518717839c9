from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from vangnet.api import (
    attendance_views,
    benchmark_views,
    docs_views,
    fidelity_views,
    houserules_views,
    money_views,
    neighbourhood_views,
    report_views,
    stakeholder_views,
    token_views,
    views,
)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("sleutels/", token_views.token_list, name="tokens"),
    path("sleutels/intrekken/", token_views.token_revoke, name="token_revoke"),
    path("networks/", views.NetworkListView.as_view(), name="network_list"),
    path("networks/<int:network_id>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path(
        "networks/<int:network_id>/sessions/",
        views.SessionListView.as_view(),
        name="session_list",
    ),
    path(
        "networks/<int:network_id>/sessions/<int:session_id>/",
        views.SessionDetailView.as_view(),
        name="session_detail",
    ),
    path(
        "networks/<int:network_id>/sessions/<int:session_id>/attendance/",
        attendance_views.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path("networks/<int:network_id>/routes/", views.RouteListView.as_view(), name="route_list"),
    path("networks/<int:network_id>/ties/", views.TieListView.as_view(), name="tie_list"),
    path("networks/<int:network_id>/measures/", views.MeasuresView.as_view(), name="measures"),
    path(
        "networks/<int:network_id>/house-rules/",
        houserules_views.HouseRulesView.as_view(),
        name="house_rules",
    ),
    path(
        "networks/<int:network_id>/stakeholders/",
        stakeholder_views.NetworkStakeholdersView.as_view(),
        name="network_stakeholders",
    ),
    path("stakeholders/", stakeholder_views.StakeholdersView.as_view(), name="stakeholders"),
    path(
        "networks/<int:network_id>/neighbourhood/",
        neighbourhood_views.NeighbourhoodView.as_view(),
        name="neighbourhood",
    ),
    path("money/", money_views.MoneyOverviewView.as_view(), name="money_overview"),
    path(
        "networks/<int:network_id>/money/",
        money_views.NetworkMoneyView.as_view(),
        name="network_money",
    ),
    path(
        "networks/<int:network_id>/money/<int:money_id>/receipt/",
        money_views.ReceiptView.as_view(),
        name="money_receipt",
    ),
    path(
        "networks/<int:network_id>/fidelity/",
        fidelity_views.NetworkFidelityView.as_view(),
        name="network_fidelity",
    ),
    path("benchmark/exchange/", benchmark_views.ExchangeView.as_view(), name="benchmark_exchange"),
    path("fidelity/", fidelity_views.FidelityListView.as_view(), name="fidelity_list"),
    path(
        "reports/organisation/",
        report_views.OrganisationFiguresView.as_view(),
        name="organisation_figures",
    ),
    path(
        "reports/municipality/",
        report_views.MunicipalityFiguresView.as_view(),
        name="municipality_figures",
    ),
]
