"""Authorization routes of e-mail and reminders (see tests/authz/__init__.py)."""

from tests.authz import Route

ROUTES: dict[str, Route] = {
    # Every signed-in user chooses their own reminders (the kinds of their role).
    "notifications:preferences": Route(None, "none", ("get", "post")),
}
