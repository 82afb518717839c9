"""Helpers that build interviews through the services (so every row is a legal state)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory
from vangnet.interviews import services
from vangnet.interviews.member_check import ReportStatus
from vangnet.privacy.models import ConsentKind, ConsentRecord

REPORT_TEXT = (
    "Anne vertelt dat ze zich welkom voelde vanaf de eerste lunch.\n\n"
    "Ze kookt graag en vindt het fijn dat anderen van haar soep genieten. "
    "Met Kees doet ze samen de boodschappen."
)


def give_consent(participant, *, on: dt.date | None = None) -> ConsentRecord:
    return ConsentRecord.objects.create(
        organisation_id=participant.organisation_id,
        participant=participant,
        kind=ConsentKind.EVALUATION_INTERVIEW,
        given_on=on or timezone.localdate() - dt.timedelta(days=30),
    )


def plan_interview(
    *,
    network,
    participant=None,
    interviewer=None,
    consent=True,
    days_ago=7,
    by=None,
    interview_round=None,
):
    participant = participant or ParticipantFactory(network=network)
    interviewer = interviewer or UserFactory(organisation=network.organisation, evaluator=True)
    if consent:
        give_consent(participant)
    return services.interview_plan(
        network=network,
        participant=participant,
        interviewer=interviewer,
        planned_at=timezone.now() - dt.timedelta(days=days_ago),
        place="Wijkcentrum",
        confirm_own_worker=True,
        interview_round=interview_round,
        by=by or network.lead_worker,
    )


def agreed_interview(*, network, participant=None, interviewer=None, text=REPORT_TEXT):
    """An interview whose report the participant agreed with (draft -> shown -> agreed)."""
    interview = plan_interview(network=network, participant=participant, interviewer=interviewer)
    services.report_version_write(interview=interview, text=text, by=interview.interviewer)
    report = interview.report
    for step in (ReportStatus.SHOWN, ReportStatus.AGREED):
        services.report_transition(report=report, to_status=step, by=interview.interviewer)
    interview.refresh_from_db()
    return interview
