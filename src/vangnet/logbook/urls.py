from django.urls import path

from vangnet.logbook import views

app_name = "logbook"
urlpatterns = [
    path("<int:network_id>/", views.entry_list, name="list"),
    path("<int:network_id>/nieuw/", views.entry_create, name="create"),
    path("<int:network_id>/<int:entry_id>/wijzigen/", views.entry_edit, name="edit"),
    path("<int:network_id>/balans/", views.balance, name="balance"),
]
