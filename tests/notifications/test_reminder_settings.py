"""The organisation's reminder rules: a page for the coordinator and the organisation
admin, validated in Dutch, audited, scoped to the own organisation, and read by the
reminders (a changed rule changes what is due)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.notifications.due import due_items
from vangnet.notifications.kinds import ReminderKind
from vangnet.notifications.models import ReminderSettings
from vangnet.organisations.models import Role
from vangnet.participants.models import FollowUpTask

pytestmark = pytest.mark.django_db

URL = reverse("notifications:reminder_settings")
VALID = {
    "session_weekday": "2",
    "followup_days": "30",
    "moment_notice_days": "7",
    "checklist_days": "120",
}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ORG_ADMIN])
def test_the_coordinator_and_the_admin_save_the_rules_and_it_is_audited(client, role):
    user = UserFactory(role=role)
    login(client, user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "vrijdag" in page.content.decode()  # the default day is chosen: Friday
    response = client.post(URL, VALID)
    assert response.status_code == 302
    rules = ReminderSettings.objects.get(organisation=user.organisation)
    assert (rules.session_weekday, rules.followup_days) == (2, 30)
    assert (rules.moment_notice_days, rules.checklist_days) == (7, 120)
    event = AuditEvent.objects.get(object_type="notifications.remindersettings")
    assert event.action == "update" and event.actor_id == user.pk
    assert "followup_days" in event.detail and "session_weekday" in event.detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("followup_days", "0", "Kies een getal van 1 tot en met 365."),
        ("checklist_days", "9999", "Kies een getal van 7 tot en met 730."),
        ("moment_notice_days", "veel", "Vul een heel getal in."),
        ("session_weekday", "9", "Kies een dag van de week."),
        ("followup_days", "", "Vul een aantal dagen in."),
    ],
)
def test_bad_input_answers_in_dutch_and_saves_nothing(client, field, value, message):
    login(client, UserFactory(role=Role.COORDINATOR))
    response = client.post(URL, {**VALID, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReminderSettings.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notifications.remindersettings").exists()


def test_the_page_in_english(client):
    login(client, UserFactory(role=Role.COORDINATOR))
    client.cookies["django_language"] = "en"
    with translation.override("nl"):  # the middleware's "en" ends with the block
        page = client.get(URL).content.decode()
    assert "Reminder rules of the organisation" in page
    assert "Friday" in page


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.EVALUATOR, Role.MUNICIPALITY])
def test_other_roles_may_not_change_the_rules(client, role):
    login(client, UserFactory(role=role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, VALID).status_code == 403
    assert not ReminderSettings.objects.exists()


def test_the_rules_of_another_organisation_stay_as_they_are(client):
    other = OrganisationFactory()
    ReminderSettings.objects.create(organisation=other, followup_days=50)
    coordinator = UserFactory(role=Role.COORDINATOR)
    login(client, coordinator)
    assert client.post(URL, VALID).status_code == 302
    assert ReminderSettings.objects.get(organisation=other).followup_days == 50
    assert ReminderSettings.objects.get(organisation=coordinator.organisation).followup_days == 30


def test_a_changed_rule_changes_what_is_due(client):
    today = dt.date(2026, 3, 6)
    worker = UserFactory(email="w@example.org")
    network = NetworkFactory(organisation=worker.organisation, lead_worker=worker)
    person = ParticipantFactory(network=network)
    FollowUpTask.objects.create(
        participant=person,
        network=network,
        created_on=today - dt.timedelta(days=20),
        missed_sessions=2,
    )

    def followups() -> list:
        return [d for d in due_items(today=today) if d.kind == ReminderKind.FOLLOWUP_OPEN]

    assert len(followups()) == 1  # open 20 days, the default is 14
    login(client, UserFactory(organisation=worker.organisation, role=Role.COORDINATOR))
    assert client.post(URL, VALID).status_code == 302  # now 30 days
    assert followups() == []


def test_the_preferences_page_links_to_the_rules_for_the_coordinator_only(client):
    login(client, UserFactory(role=Role.COORDINATOR))
    assert URL in client.get(reverse("notifications:preferences")).content.decode()
    client.logout()
    login(client, UserFactory())
    assert URL not in client.get(reverse("notifications:preferences")).content.decode()
