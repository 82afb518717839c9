"""Parties endpoints (docs/stakeholders.md), read only, with the pages' split: the
coordinator (`manage_stakeholders`) reads every party with its contact person, the meetings
and the agreements (audited: the contact persons are a professional's personal data); a
network's workers (`view_network`) read the network's parties, open agreements and latest
meetings, without contact persons or reports, as on the network page."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import COMMON, SCOPED, BaseApiView
from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for, require_cap
from vangnet.core.serializers import SafeTextSerializer
from vangnet.core.typing import member
from vangnet.stakeholders import selectors
from vangnet.stakeholders.models import (
    Agreement,
    AgreementStatus,
    MeetingKind,
    Party,
    PartyKind,
    StakeholderMeeting,
)


class PartyBriefSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=PartyKind.choices)


class PartySerializer(PartyBriefSerializer):
    in_project_group = serializers.BooleanField()
    in_sounding_board = serializers.BooleanField()
    contact_name = serializers.CharField(help_text="A professional of the party; may be empty.")
    contact_email = serializers.CharField(help_text="May be empty.")
    interest = serializers.CharField(help_text="What the method means for them.")
    network_ids = serializers.ListField(child=serializers.IntegerField())
    active = serializers.BooleanField(help_text="Still involved.")


class AgreementSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    meeting_id = serializers.IntegerField()
    text = serializers.CharField()
    owner_id = serializers.IntegerField(
        allow_null=True, help_text="The party that takes it up; null: our own organisation."
    )
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices)
    done_on = serializers.DateField(allow_null=True, help_text="Done or dropped on.")
    overdue = serializers.BooleanField(help_text="Open with a due date before today.")


class MeetingBriefSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices)


class MeetingSerializer(MeetingBriefSerializer):
    subject = serializers.CharField()
    party_ids = serializers.ListField(child=serializers.IntegerField(), help_text="Present.")
    network_ids = serializers.ListField(child=serializers.IntegerField())
    notes = serializers.CharField(help_text="The short report.")


class StakeholdersSerializer(SafeTextSerializer):
    parties = PartySerializer(many=True)
    meetings = MeetingSerializer(many=True)
    agreements = AgreementSerializer(many=True, help_text="Overdue first, then open, closed.")


class NetworkStakeholdersSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    parties = PartyBriefSerializer(many=True, help_text="The active parties linked to it.")
    open_agreements = AgreementSerializer(many=True, help_text="Overdue first.")
    latest_meetings = MeetingBriefSerializer(many=True)


def _agreement(row: Agreement, today) -> dict:
    return {
        "id": row.pk,
        "meeting_id": row.meeting_id,
        "text": row.text,
        "owner_id": row.owner_id,
        "due_date": row.due_date,
        "status": row.status,
        "done_on": row.done_on,
        "overdue": selectors.is_overdue(row, today),
    }


def _party(row: Party) -> dict:
    return {
        "id": row.pk,
        "name": row.name,
        "kind": row.kind,
        "in_project_group": row.in_project_group,
        "in_sounding_board": row.in_sounding_board,
        "contact_name": row.contact_name,
        "contact_email": row.contact_email,
        "interest": row.interest,
        "network_ids": [n.pk for n in row.networks.all()],
        "active": row.active,
    }


def _meeting(row: StakeholderMeeting) -> dict:
    return {
        "id": row.pk,
        "date": row.date,
        "kind": row.kind,
        "subject": row.subject,
        "party_ids": [p.pk for p in row.parties.all()],
        "network_ids": [n.pk for n in row.networks.all()],
        "notes": row.notes,
    }


@extend_schema(tags=["stakeholders"], responses={200: StakeholdersSerializer, **COMMON})
class StakeholdersView(BaseApiView):
    """Every party of your organisation (with the contact person), the meetings and the
    agreements, as on /partijen/. Coordinators only; audited."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.MANAGE_STAKEHOLDERS)
        user = member(request.user)
        today = timezone.localdate()
        overview = selectors.agreements_overview(user=user, today=today)
        data = {
            "parties": [_party(p) for p in selectors.parties(user=user)],
            "meetings": [_meeting(m) for m in selectors.meetings(user=user)],
            "agreements": [
                _agreement(a, today) for a in (*overview.overdue, *overview.open, *overview.closed)
            ],
        }
        audit_record(
            actor=request.user,
            action="view",
            object_type="stakeholders",
            detail="api",
            request=request,
        )
        return Response(StakeholdersSerializer(data).data)


@extend_schema(tags=["networks"], responses={200: NetworkStakeholdersSerializer, **SCOPED})
class NetworkStakeholdersView(BaseApiView):
    """The network's parties (name and kind), open agreements (overdue first) and latest
    meetings, as on the network page; no contact persons or reports."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
        today = timezone.localdate()
        found = selectors.network_stakeholders(network=network, today=today)
        data = {
            "network_id": network.pk,
            "parties": [{"id": p.pk, "name": p.name, "kind": p.kind} for p in found.parties],
            "open_agreements": [_agreement(a, today) for a in found.agreements],
            "latest_meetings": [
                {"id": m.pk, "date": m.date, "kind": m.kind} for m in found.meetings
            ],
        }
        return Response(NetworkStakeholdersSerializer(data).data)
