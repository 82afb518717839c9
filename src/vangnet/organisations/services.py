"""Writes for organisations, locations and user accounts."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from vangnet.audit.services import audit_record
from vangnet.organisations.models import Location, Organisation, Role, User

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105


def generate_temporary_password(length: int = 16) -> str:
    """A random one-time password without look-alike characters, to read out or hand over."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


@transaction.atomic
def organisation_create(*, name: str) -> Organisation:
    return Organisation.objects.create(name=name)


@transaction.atomic
def organisation_update_rules(
    *, organisation: Organisation, changes: dict[str, Any], actor: User
) -> Organisation:
    fields = [
        "steady_after_days",
        "steady_min_attendance_share",
        "dropout_after_weeks",
        "followup_after_missed_sessions",
        "followup_after_announced_absences",
        "absence_reasons",
    ]
    for field in fields:
        if field in changes:
            setattr(organisation, field, changes[field])
    organisation.save(update_fields=fields)
    audit_record(actor=actor, action="update", obj=organisation, detail="method rules")
    return organisation


@transaction.atomic
def location_save(
    *, organisation: Organisation, data: dict[str, Any], location: Location | None = None
) -> Location:
    if location is None:
        location = Location(organisation=organisation)
    location.name = data["name"]
    location.address = data.get("address", "")
    location.neighbourhood = data.get("neighbourhood", "")
    location.save()
    return location


@transaction.atomic
def user_create(
    *,
    organisation: Organisation,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    actor: User | None = None,
) -> tuple[User, str]:
    """Create a user in an organisation. Returns the user and the password to hand over.

    Without `password` a one-time password is generated that must be changed at first login.
    """
    if role not in Role.values:
        raise ValueError(f"Unknown role: {role}")
    temporary = password is None
    password = password or generate_temporary_password()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        role=role,
        must_change_password=temporary,
    )
    if not temporary:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    if actor is not None:
        audit_record(actor=actor, action="create", obj=user)
    return user, password


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any], actor: User) -> User:
    fields = ["username", "first_name", "last_name", "email", "role", "is_active"]
    for field in fields:
        setattr(user, field, data[field])
    user.save(update_fields=fields)
    audit_record(actor=actor, action="update", obj=user)
    return user


@transaction.atomic
def user_reset_password(*, user: User, actor: User) -> str:
    """Give the user a new one-time password (the admin hands it over); they must choose
    their own password at the next login. Django's session hash check ends their open
    sessions, because the password changed."""
    password = generate_temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=actor, action="update", obj=user, detail="password reset")
    return password


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
