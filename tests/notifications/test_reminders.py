"""Reminders: every kind mails exactly one mail per due item, also when the periodic work
runs twice; switched-off kinds send nothing; the weekly digest collects them. The mails
go through a real SMTP server on loopback and hold no names."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.jobs.helpers import run_ready_tasks
from tests.notifications.conftest import body_html, body_text
from vangnet.interviews.models import Interview
from vangnet.network_evaluation.models import ChecklistAssessment
from vangnet.networks.models import PhaseTransition
from vangnet.networks.phases import add_months
from vangnet.notifications.kinds import SENTENCES, ReminderKind
from vangnet.notifications.models import MailPreferences, SentReminder
from vangnet.notifications.reminders import reminders_send_due
from vangnet.organisations.models import Role
from vangnet.participants.models import FollowUpTask
from vangnet.stakeholders.models import Agreement, StakeholderMeeting

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 3, 6)
MONDAY = dt.date(2026, 3, 9)


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    worker = UserFactory(organisation=organisation, email="werker@example.org")
    other_worker = UserFactory(organisation=organisation, email="werker2@example.org")
    coordinator = UserFactory(
        organisation=organisation, role=Role.COORDINATOR, email="coord@example.org"
    )
    evaluator = UserFactory(
        organisation=organisation, role=Role.EVALUATOR, email="eval@example.org"
    )
    # Its one-year evaluation is next week; it meets weekly; no checklist yet.
    soon = NetworkFactory(
        organisation=organisation,
        lead_worker=worker,
        name="Buurtschap Zonnebloem",
        start_date=add_months(FRIDAY + dt.timedelta(days=7), -12),
    )
    ActivityFactory(network=soon)
    person = ParticipantFactory(network=soon, display_name="Janneke Vermeulen")
    FollowUpTask.objects.create(
        participant=person,
        network=soon,
        created_on=FRIDAY - dt.timedelta(days=20),
        missed_sessions=2,
    )
    Interview.objects.create(
        organisation=organisation,
        network=soon,
        participant=person,
        interviewer=evaluator,
        planned_at=timezone.make_aware(
            dt.datetime.combine(FRIDAY + dt.timedelta(days=1), dt.time(10, 0))
        ),
        place="Buurthuis De Linde",
    )
    # Its one-year evaluation is past and not held; build-up started late (behind plan).
    late = NetworkFactory(
        organisation=organisation,
        lead_worker=other_worker,
        name="Buurtschap Noord",
        start_date=add_months(FRIDAY, -13),
    )
    PhaseTransition.objects.create(
        network=late, phase="build_up", date=FRIDAY + dt.timedelta(days=30), reason="later"
    )
    ChecklistAssessment.objects.create(network=late, date=FRIDAY - dt.timedelta(days=10))
    return {
        "worker": worker,
        "other_worker": other_worker,
        "coordinator": coordinator,
        "evaluator": evaluator,
    }


def run(today: dt.date) -> int:
    queued = reminders_send_due(today=today)
    run_ready_tasks()
    return queued


def sentences(messages) -> list[str]:
    found = []
    for message in messages:
        text = body_text(message)
        found.extend(str(s) for s in SENTENCES.values() if str(s) in text)
    return sorted(found)


EXPECTED = {
    "werker@example.org": [
        ReminderKind.SESSION_UNRECORDED,
        ReminderKind.FOLLOWUP_OPEN,
        ReminderKind.MOMENT_ANNOUNCED,
    ],
    "coord@example.org": [
        ReminderKind.NETWORK_BEHIND,
        ReminderKind.MOMENT_DUE,
        ReminderKind.CHECKLIST_DUE,
    ],
    "eval@example.org": [ReminderKind.INTERVIEW_TOMORROW],
}


def test_each_kind_sends_exactly_one_mail_per_due_item_across_two_runs(world, inbox):
    assert run(FRIDAY) == 7
    for address, kinds in EXPECTED.items():
        messages = inbox.to(address)
        assert len(messages) == len(kinds), address
        assert sentences(messages) == sorted(str(SENTENCES[kind]) for kind in kinds)
    assert inbox.to("werker2@example.org") == []
    assert run(FRIDAY) == 0
    assert run(FRIDAY + dt.timedelta(days=1)) == 0  # Saturday: still the same items
    assert len(inbox.messages) == 7
    assert SentReminder.objects.filter(mailed_at__isnull=False).count() == 7


def test_reminder_mails_hold_no_names_and_link_to_the_page(world, inbox):
    run(FRIDAY)
    for _rcpt, message in inbox.messages:
        for part in (message["Subject"], body_text(message), body_html(message)):
            for name in ("Janneke", "Vermeulen", "Zonnebloem", "Noord", "Linde", "Medewerker"):
                assert name not in part
        assert re.search(r"https://vangnet\.example\.org/\S+", body_text(message))


def test_switched_off_kinds_send_nothing(world, inbox):
    MailPreferences.objects.create(
        user=world["worker"], off_kinds=[ReminderKind.SESSION_UNRECORDED]
    )
    run(FRIDAY)
    assert len(inbox.to("werker@example.org")) == 2
    assert not SentReminder.objects.filter(kind=ReminderKind.SESSION_UNRECORDED).exists()


def test_the_weekly_digest_collects_the_items_into_one_mail_on_monday(world, inbox):
    MailPreferences.objects.create(user=world["coordinator"], weekly_digest=True)
    run(FRIDAY)
    assert inbox.to("coord@example.org") == []
    run(MONDAY)
    [digest] = inbox.to("coord@example.org")
    assert digest["Subject"] == "Vangnet: je overzicht van deze week"
    assert sentences([digest]) == sorted(
        str(SENTENCES[kind]) for kind in EXPECTED["coord@example.org"]
    )
    run(MONDAY)
    assert len(inbox.to("coord@example.org")) == 1


def test_mails_in_english_when_chosen(world, inbox):
    MailPreferences.objects.create(user=world["evaluator"], language="en")
    run(FRIDAY)
    [message] = inbox.to("eval@example.org")
    assert "You have an evaluation interview tomorrow." in body_text(message)


def test_an_overdue_agreement_with_parties_reminds_the_coordinators_once(world, inbox):
    """Open and past its due date: one mail to each coordinator of the organisation, with
    no text of the agreement; done or not yet due: nothing; a new due date that passes
    again: one more."""
    organisation = world["coordinator"].organisation
    meeting = StakeholderMeeting.objects.create(
        organisation=organisation,
        date=FRIDAY - dt.timedelta(days=30),
        kind="project_group",
        subject="Projectgroep maart",
    )
    late = Agreement.objects.create(
        meeting=meeting, text="Wijkagent belt Zonnebloem", due_date=FRIDAY - dt.timedelta(days=1)
    )
    Agreement.objects.create(meeting=meeting, text="Later", due_date=FRIDAY + dt.timedelta(days=3))
    Agreement.objects.create(
        meeting=meeting,
        text="Al gedaan",
        due_date=FRIDAY - dt.timedelta(days=9),
        status="done",
        done_on=FRIDAY - dt.timedelta(days=9),
    )
    other = OrganisationFactory()
    UserFactory(organisation=other, role=Role.COORDINATOR, email="elders@example.org")

    run(FRIDAY)
    sentence = str(SENTENCES[ReminderKind.AGREEMENT_OVERDUE])
    mails = [m for m in inbox.to("coord@example.org") if sentence in body_text(m)]
    assert len(mails) == 1
    assert "Wijkagent" not in body_text(mails[0]) and "/partijen/afspraken/" in body_text(mails[0])
    assert inbox.to("elders@example.org") == []
    assert not any(sentence in body_text(m) for _rcpt, m in inbox.messages if m not in mails)
    before = len(inbox.messages)
    run(FRIDAY + dt.timedelta(days=1))
    assert len(inbox.messages) == before  # the same agreement, the same date

    late.due_date = FRIDAY + dt.timedelta(days=5)
    late.save()
    run(FRIDAY + dt.timedelta(days=7))  # the new date passed too (and "Later")
    again = [m for m in inbox.to("coord@example.org") if sentence in body_text(m)]
    assert len(again) == 3
