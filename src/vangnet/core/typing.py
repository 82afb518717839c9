"""Types shared by the views: a request whose user is a signed-in member of an organisation.

Every page behind the sign-in is asked of `core.permissions`, which refuses anyone who is
not signed in or has no organisation (`has_cap`). So a view that is only reached through it
can annotate `request: MemberRequest` and hand `request.user` and its organisation to the
typed services and selectors; a selector that scopes by the user's organisation takes a
`Member`. At run time `MemberRequest` is Django's `HttpRequest` (and `Member` exists only for
the type checker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User

    class Member(User):
        """A signed-in staff member with an organisation (types only, no model)."""

        organisation: Organisation  # type: ignore[assignment]
        organisation_id: int  # type: ignore[assignment]

        class Meta:
            abstract = True

    class MemberRequest(HttpRequest):
        user: Member  # type: ignore[assignment]

else:
    MemberRequest = HttpRequest


def member(user: Any) -> Member:
    """`user` as a `Member`, for a view whose user `core.permissions` has already let through
    (an API view's `request.user`). The same object: nothing is checked here."""
    return user  # type: ignore[no-any-return]


def signed_in(actor: Any) -> User | None:
    """The user a service records as the one who did something (`recorded_by`, `closed_by`,
    the audit row's user): `actor` when it is a signed-in user, else None (the system, a
    management command, the background worker or an anonymous request)."""
    return actor if getattr(actor, "is_authenticated", False) else None
