from django.urls import path

from vangnet.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("instellingen/", views.settings_edit, name="settings"),
    path("export/", views.export, name="export"),
    path("netwerk/<int:network_id>/", views.network_money, name="network"),
    path("netwerk/<int:network_id>/nieuw/", views.entry_create, name="entry_create"),
    path("netwerk/<int:network_id>/budget/", views.budget, name="budget"),
    path("netwerk/<int:network_id>/post/<int:money_id>/", views.entry_edit, name="entry_edit"),
    path(
        "netwerk/<int:network_id>/post/<int:money_id>/verwijderen/",
        views.entry_delete,
        name="entry_delete",
    ),
    path("netwerk/<int:network_id>/post/<int:money_id>/bon/", views.receipt, name="receipt"),
]
