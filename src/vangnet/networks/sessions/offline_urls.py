"""URL patterns of the offline session screen (inside the networks namespace); the service
worker, the manifest and the logout live at the site root (vangnet/urls.py)."""

from django.urls import path

from vangnet.networks.sessions import offline_views

urlpatterns = [
    path("offline/status/", offline_views.offline_status, name="offline_status"),
    path(
        "<int:network_id>/bijeenkomsten/<int:session_id>/versturen/",
        offline_views.offline_sync,
        name="offline_sync",
    ),
]
