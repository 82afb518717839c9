"""The e-mail preferences page, the mail counts, a failing SMTP server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import UserFactory
from tests.jobs.helpers import run_ready_tasks
from tests.ports import free_port
from vangnet.notifications.kinds import ReminderKind
from vangnet.notifications.models import MailPreferences
from vangnet.notifications.selectors import mail_counts
from vangnet.notifications.services import password_reset_request
from vangnet.organisations.models import Role

pytestmark = pytest.mark.django_db


def test_a_worker_switches_a_reminder_off_and_chooses_the_digest(client):
    user = UserFactory(email="w@example.org")
    login(client, user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Bijeenkomst van deze week nog niet ingevuld" in page
    assert "Evaluatiegesprek morgen" not in page  # not a worker's reminder
    response = client.post(
        reverse("notifications:preferences"),
        {
            "on_kinds": [ReminderKind.FOLLOWUP_OPEN, ReminderKind.MOMENT_ANNOUNCED],
            "weekly_digest": "on",
            "language": "en",
        },
    )
    assert response.status_code == 302
    prefs = MailPreferences.objects.get(user=user)
    assert prefs.off_kinds == [ReminderKind.SESSION_UNRECORDED]
    assert prefs.weekly_digest and prefs.language == "en"


def test_a_kind_of_another_role_is_refused_with_a_dutch_message(client):
    login(client, UserFactory(role=Role.EVALUATOR))
    response = client.post(
        reverse("notifications:preferences"),
        {"on_kinds": [ReminderKind.NETWORK_BEHIND], "language": "nl"},
    )
    assert response.status_code == 400
    assert not MailPreferences.objects.exists()


def test_a_failing_smtp_server_is_counted_and_the_task_fails(settings):
    port = free_port()  # a loopback port where nothing listens
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    UserFactory(email="x@example.org")
    password_reset_request(email="x@example.org")
    run_ready_tasks()
    assert mail_counts() == {"sent": 0, "failed": 1}
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "FAILED"
