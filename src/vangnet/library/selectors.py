"""Reads of the shared library and of the meetings across organisations.

Publications are the installation's: every organisation reads those not withdrawn; a
withdrawn one stays readable for its own organisation only (marked so). Meetings are seen
by their host and the organisations invited. Each read is a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from vangnet.library.models import (
    Adoption,
    Invitation,
    InvitationStatus,
    Kind,
    Publication,
    Registration,
    SharedMeeting,
)
from vangnet.organisations.models import Organisation
from vangnet.participants.models import Participant
from vangnet.practice.models import Lesson
from vangnet.questionnaires.models import QuestionnaireTemplate
from vangnet.support.models import Alter, Client
from vangnet.volunteers.models import NetworkHelper

if TYPE_CHECKING:
    from vangnet.core.typing import Member

LIMIT = 50
MAX_QUERY = 100


def personal_names(organisation: Organisation) -> list[str]:
    """Every name (and address) of a person the organisation holds, for the publish check:
    participants, network-support clients, contacts on network maps, helpers."""
    names: list[str] = []
    for name, address in Participant.objects.filter(organisation=organisation).values_list(
        "display_name", "address"
    ):
        names.append(name)
        if address:
            names.extend(part for part in address.replace(",", " ").split() if part.isalpha())
    names.extend(
        Client.objects.filter(organisation=organisation).values_list("display_name", flat=True)
    )
    names.extend(
        Alter.objects.filter(
            Q(network_map__participant__organisation=organisation)
            | Q(network_map__client__organisation=organisation)
        ).values_list("name", flat=True)
    )
    names.extend(
        NetworkHelper.objects.filter(network__organisation=organisation).values_list(
            "name", flat=True
        )
    )
    return names


def live_publications(*, query: str = "", kind: str = "", theme: str = "") -> list[Publication]:
    """Published and not withdrawn, newest first, at most LIMIT; `query` searches title and
    text (case-insensitive), `kind` and `theme` filter. One query."""
    found = Publication.objects.filter(withdrawn_at__isnull=True).annotate(
        adopted=Count("adoptions")
    )
    query = query.strip()[:MAX_QUERY]
    if query:
        found = found.filter(
            Q(title__icontains=query) | Q(text__icontains=query) | Q(credit__icontains=query)
        )
    if kind:
        found = found.filter(kind=kind)
    if theme:  # as practice.selectors.lessons: the quoted key in the JSON list's text
        found = found.filter(themes__icontains=f'"{theme}"')
    return cast("list[Publication]", list(found[:LIMIT]))


def own_publications(organisation: Organisation) -> QuerySet[Publication]:
    return Publication.objects.filter(organisation=organisation).annotate(
        adopted=Count("adoptions")
    )


def publication_for(user: Member, publication_id: int) -> Publication:
    """A live publication, or a withdrawn one of the user's own organisation; else 404."""
    found = (
        Publication.objects.filter(pk=publication_id)
        .filter(Q(withdrawn_at__isnull=True) | Q(organisation_id=user.organisation_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def adoption_of(organisation: Organisation, publication: Publication) -> Adoption | None:
    return Adoption.objects.filter(organisation=organisation, publication=publication).first()


def adoptions(organisation: Organisation) -> QuerySet[Adoption]:
    return Adoption.objects.filter(organisation=organisation).select_related("publication")


def adopted_checklist(organisation: Organisation, adoption_id: int) -> Adoption:
    found = Adoption.objects.filter(
        pk=adoption_id, organisation=organisation, publication__kind=Kind.CHECKLIST
    ).first()
    if found is None:
        raise Http404
    return found


def lesson_sources(organisation: Organisation) -> QuerySet[Lesson]:
    return Lesson.objects.filter(organisation=organisation).only("pk", "title", "date")


def own_lesson(organisation: Organisation, lesson_id: int) -> Lesson | None:
    return Lesson.objects.filter(organisation=organisation, pk=lesson_id).first()


def questionnaire_sources(organisation: Organisation) -> QuerySet[QuestionnaireTemplate]:
    return QuestionnaireTemplate.objects.filter(organisation=organisation).only("pk", "name")


# ------------------------------------------------------------------ meetings across organisations


def meetings_for(organisation: Organisation) -> list[SharedMeeting]:
    """Hosted by the organisation or with an invitation for it, newest first."""
    return list(
        SharedMeeting.objects.filter(
            Q(organisation=organisation) | Q(invitations__organisation=organisation)
        )
        .distinct()
        .select_related("organisation")
        .order_by("-date", "-id")[:LIMIT]
    )


@dataclass(frozen=True)
class MeetingView:
    meeting: SharedMeeting
    host: bool
    invitation: Invitation | None  # the viewer's organisation's, when invited
    invitations: list[Invitation]
    registrations: list[Registration]  # the ones the viewer may see by name
    counts: dict[str, int]  # organisation name -> signed up
    mine: Registration | None

    @property
    def may_join(self) -> bool:
        return self.host or (
            self.invitation is not None and self.invitation.status == InvitationStatus.ACCEPTED
        )


def meeting_for(user: Member, meeting_id: int) -> MeetingView:
    """The meeting as the viewer may see it (404 when neither host nor invited). Names of
    colleagues who signed up: all for the host, the own organisation's for a guest; the
    other organisations as counts."""
    meeting = (
        SharedMeeting.objects.filter(pk=meeting_id)
        .filter(
            Q(organisation_id=user.organisation_id)
            | Q(invitations__organisation_id=user.organisation_id)
        )
        .select_related("organisation")
        .distinct()
        .first()
    )
    if meeting is None:
        raise Http404
    host = meeting.organisation_id == user.organisation_id
    invitations = list(meeting.invitations.select_related("organisation"))
    own = next((i for i in invitations if i.organisation_id == user.organisation_id), None)
    everyone = list(
        meeting.registrations.select_related("user", "user__organisation").order_by(
            "user__organisation__name", "user__first_name", "user__username"
        )
    )
    counts: dict[str, int] = {}
    for registration in everyone:
        name = registration.user.organisation.name if registration.user.organisation else ""
        counts[name] = counts.get(name, 0) + 1
    visible = [r for r in everyone if host or r.user.organisation_id == user.organisation_id]
    mine = next((r for r in everyone if r.user_id == user.pk), None)
    return MeetingView(meeting, host, own, invitations, visible, counts, mine)


def other_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(pk=organisation.pk).order_by("name")
