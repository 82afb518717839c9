from django.urls import path

from vangnet.neighbourhood import views

app_name = "neighbourhood"
urlpatterns = [
    path("netwerk/<int:network_id>/", views.network_outputs, name="network"),
    path("netwerk/<int:network_id>/export/", views.export, name="export"),
]
