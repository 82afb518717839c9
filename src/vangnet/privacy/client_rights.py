"""Data-subject rights of network-support clients (support.Client): people who are not in
a vangnetwerk but whose personal network map the organisation keeps. The same rights as a
participant's (docs/privacy.md): everything about them as a page and as JSON, and erasure.

A client's record holds nothing that anonymous figures depend on, so erasure deletes it
with its maps: every person on them, their contact details, consents, contact log and
network conversations. One audit record remains (who erased which client id, when).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap
from vangnet.privacy.map_export import network_map_waves
from vangnet.support.models import Client, NetworkMap


def client_subject_for(user, client_id) -> Client:
    """The client whose rights this user may exercise: the organisation admin for every
    client of the organisation, a social worker for the clients they support. Others: 404
    for a client they cannot see, 403 for one they can (their backup clients)."""
    try:
        pk = int(client_id)
        if pk <= 0 or pk > 2**62:
            raise ValueError
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        raise Http404
    client = (
        Client.objects.filter(organisation_id=user.organisation_id, pk=pk)
        .select_related("worker", "backup_worker")
        .first()
    )
    if client is None:
        raise Http404
    allowed = has_cap(user, Cap.EXERCISE_DATA_RIGHTS) and (
        user.sees_whole_organisation or client.worker_id == user.pk
    )
    if allowed:
        return client
    if user.pk in (client.worker_id, client.backup_worker_id):
        raise PermissionDenied
    raise Http404


def client_export_data(*, client: Client) -> dict[str, Any]:
    """Everything stored about one client: the record, their consents per purpose and every
    wave of their map (contact details of the people on it only with their consent,
    `privacy.map_export`)."""
    from vangnet.myspace.client_selectors import client_own_words
    from vangnet.privacy.models import ConsentRecord
    from vangnet.privacy.selectors import consent_rows
    from vangnet.support.group_selectors import client_group_export

    consents = ConsentRecord.objects.filter(client=client).order_by("given_on", "id")
    waves = network_map_waves(NetworkMap.objects.filter(client=client))
    return {
        "profile": {
            "id": client.pk,
            "display_name": client.display_name,
            "setting": client.setting,
            "worker": str(client.worker),
            "backup_worker": str(client.backup_worker) if client.backup_worker else "",
            "created_at": client.created_at.isoformat(timespec="seconds"),
        },
        "waves": waves,
        "consents": consent_rows(consents),
        # What the client wrote themselves in Mijn Vangnet: goals, scores, support group.
        "own_words": client_own_words(client=client),
        # The support group over time, volunteers and agreements with the network.
        "support_group": client_group_export(client=client),
    }


@transaction.atomic
def client_erase(*, client: Client, actor, request: HttpRequest | None = None) -> int:
    """Delete the client with their maps and everything on them; the number of maps."""
    locked = Client.objects.select_for_update().filter(pk=client.pk).first()
    if locked is None:
        raise ValidationError(_("Deze cliënt is al verwijderd."))
    maps = NetworkMap.objects.filter(client=locked).count()
    audit_record(
        actor=actor,
        action="delete",
        obj=locked,
        detail=f"erasure:client maps={maps}",
        request=request,
        organisation=locked.organisation,
    )
    NetworkMap.objects.filter(client=locked).delete()
    locked.delete()
    return maps
