"""URL patterns of the attendance import (kept apart from the network pages)."""

from django.urls import path

from vangnet.networks.importing import views as import_views

urlpatterns = [
    path("<int:network_id>/importeren/", import_views.attendance_import_view, name="import"),
    path(
        "<int:network_id>/importeren/voorbeeld.csv",
        import_views.attendance_import_template,
        name="import_template",
    ),
]
