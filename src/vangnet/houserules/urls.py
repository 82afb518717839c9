from django.urls import path

from vangnet.houserules import views

app_name = "houserules"
urlpatterns = [
    path("netwerk/<int:network_id>/", views.detail, name="detail"),
    path("netwerk/<int:network_id>/nieuw/", views.edit, name="edit"),
]
