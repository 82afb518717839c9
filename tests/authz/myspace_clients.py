"""Authorization routes of Mijn Vangnet for network-support clients (see
tests/authz/__init__.py): the client's own pages are guarded by the participant session
(vangnet.myspace.access), not a staff sign-in; tests/myspace/test_client_permissions.py
checks them with client and participant sessions."""

PUBLIC = {
    "myspace:goals",
    "myspace:support_group",
    "myspace:network_map",
}
