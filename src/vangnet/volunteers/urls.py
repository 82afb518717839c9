from django.urls import path

from vangnet.volunteers import account_views, views

app_name = "volunteers"
urlpatterns = [
    path("netwerk/<int:network_id>/", views.helper_list, name="list"),
    path("netwerk/<int:network_id>/nieuw/", views.helper_edit, name="create"),
    path("netwerk/<int:network_id>/<int:helper_id>/", views.helper_edit, name="edit"),
    path(
        "netwerk/<int:network_id>/<int:helper_id>/account/",
        account_views.helper_account,
        name="account",
    ),
    path(
        "netwerk/<int:network_id>/<int:helper_id>/account/intrekken/",
        account_views.helper_account_revoke,
        name="account_revoke",
    ),
]
