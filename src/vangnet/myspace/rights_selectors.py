"""Reads for a person's data-subject rights in Mijn Vangnet: the download of what is stored
about them, their erasure request, and the open requests a worker handles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from vangnet.core.permissions import Cap, has_cap
from vangnet.myspace.rights_models import ErasureRequest

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.myspace.models import ParticipantAccount

# The worker's own working notes stay out of the person's own download (as out of their
# pages): the free-text notes on the participant, follow-up tasks, the explanations on
# route events and the notes on support ties (these may name other people). The full
# export with them stays the worker's (privacy.views.person_export), who reads it first.
WORKER_NOTES = "notes, followup_tasks, route_events[].reason, support[].note"


def own_export_data(*, account: ParticipantAccount) -> dict[str, Any]:
    """Everything stored about the signed-in person, as the data-subject export holds it
    (`privacy.selectors.person_export_data`, `privacy.client_rights.client_export_data`),
    without the worker's working notes (WORKER_NOTES)."""
    from vangnet.myspace.email_models import SignInEmail
    from vangnet.privacy.client_rights import client_export_data
    from vangnet.privacy.selectors import person_export_data

    # The address they chose for sign-in links (`email_signin`), when they chose one.
    signin_email = (
        SignInEmail.objects.filter(account=account).values_list("email", flat=True).first() or ""
    )
    if account.participant is None:
        assert account.client is not None
        return {**client_export_data(client=account.client), "signin_email": signin_email}
    data = person_export_data(participant=account.participant)
    data["signin_email"] = signin_email
    data["profile"] = {k: v for k, v in data["profile"].items() if k != "notes"}
    data.pop("followup_tasks", None)
    data["route_events"] = [
        {k: v for k, v in event.items() if k != "reason"} for event in data["route_events"]
    ]
    data["support"] = [{k: v for k, v in tie.items() if k != "note"} for tie in data["support"]]
    data["left_out"] = WORKER_NOTES
    return data


def latest_request(*, account: ParticipantAccount) -> ErasureRequest | None:
    """The person's newest erasure request (open, withdrawn or declined)."""
    return (
        ErasureRequest.objects.filter(participant=account.participant, client=account.client)
        .order_by("-requested_at", "-pk")
        .first()
    )


def erasure_requests_for(user: Member) -> QuerySet[ErasureRequest]:
    """Open erasure requests this user may handle, as `privacy` decides who may erase: the
    organisation admin every one of the organisation; a social worker those of the
    participants of the networks they lead and of their own clients."""
    if not has_cap(user, Cap.EXERCISE_DATA_RIGHTS):
        return ErasureRequest.objects.none()
    rows = ErasureRequest.objects.filter(
        organisation_id=user.organisation_id,
        withdrawn_at__isnull=True,
        declined_at__isnull=True,
        participant__erasure__isnull=True,
    ).select_related("participant__network", "client")
    if not user.sees_whole_organisation:
        rows = rows.filter(Q(participant__network__lead_worker=user) | Q(client__worker=user))
    return rows.order_by("requested_at", "pk")


def open_request_for(*, participant: Any = None, client: Any = None) -> ErasureRequest | None:
    return (
        ErasureRequest.objects.filter(
            participant=participant,
            client=client,
            withdrawn_at__isnull=True,
            declined_at__isnull=True,
        )
        .order_by("-requested_at")
        .first()
    )
