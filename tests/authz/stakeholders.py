"""Authorization routes of the parties around the networks (see tests/authz/__init__.py).

Only the coordinator keeps parties, meetings and agreements; the world's party, meeting and
agreement belong to the world's organisation, so another organisation's coordinator gets 404.
Workers see their networks' parties and agreements on the network page only."""

import datetime as dt

from tests.authz import Route
from vangnet.core.permissions import Cap

CAP = Cap.MANAGE_STAKEHOLDERS

ROUTES: dict[str, Route] = {
    "stakeholders:index": Route(CAP, "none"),
    "stakeholders:export": Route(CAP, "none"),
    "stakeholders:party_create": Route(CAP, "none", ("get", "post")),
    "stakeholders:party": Route(CAP, "organisation"),
    "stakeholders:party_edit": Route(CAP, "organisation", ("get", "post")),
    "stakeholders:party_delete": Route(CAP, "organisation", ("get", "post")),
    "stakeholders:meetings": Route(CAP, "none"),
    "stakeholders:meeting_create": Route(CAP, "none", ("get", "post")),
    "stakeholders:meeting": Route(CAP, "organisation"),
    "stakeholders:meeting_edit": Route(CAP, "organisation", ("get", "post")),
    "stakeholders:meeting_delete": Route(CAP, "organisation", ("get", "post")),
    "stakeholders:agreements": Route(CAP, "none"),
    "stakeholders:agreement_edit": Route(CAP, "organisation", ("get", "post")),
    # The API: the coordinator's whole list; a network's read-only view for its workers.
    "api:stakeholders": Route(CAP, "none"),
    "api:network_stakeholders": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
}


def extend_world(world: dict) -> None:
    from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting

    organisation = world["organisation"]
    party = Party.objects.create(
        organisation=organisation, name="Gemeente Tilburg, sociaal domein", kind="municipality"
    )
    party.networks.add(world["network"])
    meeting = StakeholderMeeting.objects.create(
        organisation=organisation,
        date=dt.date(2025, 2, 10),
        kind="project_group",
        subject="Voortgang Tilburg Noord",
    )
    meeting.parties.add(party)
    meeting.networks.add(world["network"])
    agreement = Agreement.objects.create(
        meeting=meeting, text="Ruimte in de wijk vragen", owner=party, due_date=dt.date(2025, 3, 1)
    )
    world["kwargs"]["party_id"] = party.pk
    world["kwargs"]["party_meeting_id"] = meeting.pk
    world["kwargs"]["party_agreement_id"] = agreement.pk
