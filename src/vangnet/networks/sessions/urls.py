"""URL patterns of the session screen (kept apart from the network pages)."""

from django.urls import path

from vangnet.networks.sessions import absence_views, paper_views
from vangnet.networks.sessions import views as session_views

urlpatterns = [
    path(
        "<int:network_id>/deze-week/",
        session_views.session_current,
        name="session_current",
    ),
    path(
        "<int:network_id>/bijeenkomsten/",
        session_views.session_list,
        name="session_list",
    ),
    path(
        "<int:network_id>/bijeenkomsten/<int:session_id>/",
        session_views.session_record,
        name="session_record",
    ),
    path(
        "<int:network_id>/bijeenkomsten/<int:session_id>/papier.pdf",
        paper_views.session_paper,
        name="session_paper",
    ),
    path("<int:network_id>/afmelden/", absence_views.absence_list, name="absence_list"),
    path(
        "<int:network_id>/afmelden/<int:absence_id>/weghalen/",
        absence_views.absence_delete,
        name="absence_delete",
    ),
]
