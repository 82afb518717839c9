from django.urls import path

from vangnet.fidelity import views

app_name = "fidelity"
urlpatterns = [
    path("", views.organisation, name="organisation"),
    path("netwerk/<int:network_id>/", views.network, name="network"),
    path("gewichten/", views.weights, name="weights"),
]
