"""Work after the response (vangnet.core.after_response): deferred while a request is being
served, at once outside one; the follow-up check after a session save runs there."""

import datetime as dt
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from vangnet.core import after_response as module
from vangnet.core.after_response import after_response
from vangnet.participants.models import FollowUpTask


def test_outside_a_request_the_job_runs_at_once():
    done = []
    after_response(lambda: done.append(1))
    assert done == [1]


def test_in_a_request_jobs_wait_for_the_end_and_a_failure_stays_in_the_log(caplog):
    done = []

    def broken():
        raise RuntimeError("kapot")

    module.request_started()
    try:
        after_response(lambda: done.append("first"))
        after_response(broken)
        after_response(lambda: done.append("third"))
        assert done == []  # nothing before the response has gone
    finally:
        with caplog.at_level(logging.ERROR, logger="vangnet.core.after_response"):
            module.request_finished()
    assert done == ["first", "third"]
    assert "Work after the response failed" in caplog.text
    after_response(lambda: done.append("later"))  # no request any more: at once
    assert done[-1] == "later"


def test_jobs_of_a_request_that_never_finished_run_when_the_next_one_starts():
    """A streamed response nobody closed sends no request_finished: its jobs are not lost,
    they run once, at the start of the thread's next request."""
    done = []
    module.request_started()
    after_response(lambda: done.append("abandoned"))
    module.request_started()  # no request_finished in between
    try:
        assert done == ["abandoned"]
        after_response(lambda: done.append("second"))
        assert done == ["abandoned"]
    finally:
        module.request_finished()
    assert done == ["abandoned", "second"]


@pytest.mark.django_db
def test_the_follow_up_check_runs_after_the_save_has_answered(worker_client, network, monkeypatch):
    """Ria was steady and missed last week; saving this week without her makes her task,
    but only once the worker has their answer."""
    from vangnet.networks.sessions import views as session_views

    today = timezone.localdate()
    sessions = weekly_sessions(network, today - dt.timedelta(weeks=19), 20)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:18])
    other = ParticipantFactory(network=network, display_name="Joost")
    this_week = sessions[-1]
    tasks_when_answered = []
    real_redirect = session_views.redirect

    def redirect(*args, **kwargs):
        tasks_when_answered.append(FollowUpTask.objects.count())
        return real_redirect(*args, **kwargs)

    monkeypatch.setattr(session_views, "redirect", redirect)
    url = reverse("networks:session_record", args=[network.pk, this_week.pk])
    data = {
        "version": str(this_week.version),
        "base_present": "",
        "base_contributions": "[]",
        "base_note": "",
        "note": "",
        "newcomer": "",
        "present": [str(other.pk)],
    }
    response = worker_client.post(url, data)
    assert response.status_code == 302
    assert tasks_when_answered == [0]
    task = FollowUpTask.objects.get()
    assert task.participant == ria and task.missed_sessions == 2
