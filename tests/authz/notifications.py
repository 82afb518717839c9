"""Authorization routes of e-mail and reminders (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    # Every signed-in user chooses their own reminders (the kinds of their role).
    "notifications:preferences": Route(None, "none", ("get", "post")),
    # The organisation's reminder rules: the coordinator and the organisation admin.
    "notifications:reminder_settings": Route(Cap.MANAGE_REMINDERS, "none", ("get", "post")),
}
