"""What a save of the session screen writes besides the marks (issue 21): not the login
session (the "what followed" flag is a signed cookie of the screen's own address), and the
follow-up check only when the save changed what the follow-up rule reads."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import ParticipantFactory, SessionFactory
from tests.networks.session_form import form_data, record_url
from tests.networks.test_session_services import EMPTY, marks, save
from vangnet.networks.models import Contribution, Session
from vangnet.networks.sessions import views
from vangnet.networks.sessions.services import AttendanceMarks

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(network):
    return SessionFactory(network=network, date=dt.date(2025, 2, 5))


def test_a_save_does_not_write_the_login_session(worker_client, session, network):
    ria = ParticipantFactory(network=network, display_name="Ria")
    worker_client.get(record_url(session))  # the session is fresh: no touch due
    with CaptureQueriesContext(connection) as queries:
        response = worker_client.post(record_url(session), form_data(session, present=[ria.pk]))
    assert response.status_code == 302
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    cookie = response.cookies[views.SAVED_COOKIE]
    assert cookie["path"] == record_url(session) and cookie["httponly"]
    assert cookie["max-age"] == views.SAVED_COOKIE_AGE
    # Signed: the session's id only, no personal data.
    request = RequestFactory().get(record_url(session))
    request.COOKIES[views.SAVED_COOKIE] = cookie.value
    assert views._just_saved(request, session.pk)
    assert cookie.value.split(":")[0] == str(session.pk) and "Ria" not in cookie.value
    request.COOKIES[views.SAVED_COOKIE] = cookie.value.replace(f"{session.pk}:", "999999:", 1)
    assert not views._just_saved(request, 999999)  # a forged id: the signature fails


def test_the_flag_is_shown_once_and_only_for_its_session(worker_client, session, network):
    ria = ParticipantFactory(network=network, display_name="Ria")
    other = SessionFactory(network=network, date=dt.date(2025, 2, 12))
    response = worker_client.post(record_url(session), form_data(session, present=[ria.pk]))
    assert response.status_code == 302
    # The cookie of another session's save does not make this one say what followed.
    signed = worker_client.cookies[views.SAVED_COOKIE].value
    worker_client.cookies[views.SAVED_COOKIE] = signed
    page = worker_client.get(record_url(other))
    assert "Wat volgde" not in page.content.decode()
    assert views.SAVED_COOKIE not in page.cookies or not page.cookies[views.SAVED_COOKIE].value
    worker_client.cookies[views.SAVED_COOKIE] = signed
    page = worker_client.get(record_url(session))
    assert "Wat volgde" in page.content.decode()
    assert page.cookies[views.SAVED_COOKIE].value == ""  # taken away: shown once
    # A cookie that is not signed by the server does nothing.
    worker_client.cookies[views.SAVED_COOKIE] = str(session.pk)
    assert "Wat volgde" not in worker_client.get(record_url(session)).content.decode()


@pytest.fixture
def checks(monkeypatch):
    from vangnet.participants import followup_services

    calls = []
    monkeypatch.setattr(
        followup_services,
        "followups_refresh",
        lambda *, network, today: calls.append(network.pk),
    )
    return calls


def test_the_followup_check_runs_when_its_inputs_change(session, network, worker, checks):
    ria, joost = (ParticipantFactory(network=network) for _ in range(2))
    first = save(session, worker, marks({ria.pk}))  # recorded for the first time
    assert len(checks) == 1
    base = marks({ria.pk})
    version = first.session.version
    # A task for someone already present, and the note: nothing the rule reads.
    with_task = marks({ria.pk}, {(ria.pk, "koken")})
    save(session, worker, with_task, base, version=version, note="Soep")
    assert len(checks) == 1
    # Someone came: checked.
    session.refresh_from_db()
    both = marks({ria.pk, joost.pk}, {(ria.pk, "koken")})
    save(session, worker, both, with_task, version=session.version, base_note="Soep", note="Soep")
    assert len(checks) == 2
    # An announced absence: checked.
    session.refresh_from_db()
    absent = AttendanceMarks.build({ria.pk}, {(ria.pk, "koken")}, {(joost.pk, "")})
    save(session, worker, absent, both, version=session.version, base_note="Soep", note="Soep")
    assert len(checks) == 3
    # Someone left: checked.
    session.refresh_from_db()
    save(session, worker, EMPTY, absent, version=session.version, base_note="Soep", note="Soep")
    assert len(checks) == 4


def test_the_save_reads_the_session_network_and_access_in_one_query(
    worker_client, session, network, worker
):
    """`session_for_save` answers as the screen's GET: 404 for another network's session or
    a network out of sight, 403 for a visible network without the right to record."""
    from tests.factories import NetworkFactory, UserFactory

    ria = ParticipantFactory(network=network, display_name="Ria")
    data = form_data(session, present=[ria.pk])
    mine = NetworkFactory(organisation=network.organisation, lead_worker=worker)
    elsewhere = record_url(session).replace(f"/{network.pk}/", f"/{mine.pk}/", 1)
    assert worker_client.post(elsewhere, data).status_code == 404  # not that network's
    stranger = NetworkFactory()  # another organisation's network and session
    theirs = SessionFactory(network=stranger, date=session.date)
    assert worker_client.post(record_url(theirs), form_data(theirs)).status_code == 404
    missing = record_url(session).replace(f"/{session.pk}/", "/999999/")
    assert worker_client.post(missing, data).status_code == 404
    # A coordinator sees the network but does not record sessions: 403, as the GET.
    worker_client.force_login(UserFactory(organisation=network.organisation, coordinator=True))
    assert worker_client.get(record_url(session)).status_code == 403
    assert worker_client.post(record_url(session), data).status_code == 403
    worker_client.force_login(worker)
    assert worker_client.post(record_url(session), data).status_code == 302


def test_the_sessions_row_is_written_with_the_stored_state_read(session, network, worker):
    """On PostgreSQL the save writes the session's row (note, version, recorded, saver) in
    the statement that reads the stored marks (networks/sessions/stored.py), elsewhere in an
    UPDATE of its own; either way the row and the network's fact version (the screen cache's
    key) are renewed, and the dropped contributions go in one statement: on PostgreSQL the
    statement that writes the save's audit record (stored.write_marks)."""
    from vangnet.participants.fact_cache import network_fact_version

    ria, joost = (ParticipantFactory(network=network) for _ in range(2))
    tasks = {(ria.pk, "koken"), (ria.pk, "afwas"), (joost.pk, "koken")}
    first = save(session, worker, marks({ria.pk, joost.pk}, tasks), note="Soep")
    before = Session.objects.get(pk=session.pk)
    assert (before.version, before.note, before.recorded) == (1, "Soep", True)
    version = network_fact_version(network.pk)
    with CaptureQueriesContext(connection) as queries:
        save(
            session,
            worker,
            marks({ria.pk, joost.pk}),
            marks({ria.pk, joost.pk}, tasks),
            version=first.session.version,
            base_note="Soep",
            note="Soep met brood",
        )
    after = Session.objects.get(pk=session.pk)
    assert (after.version, after.note, after.recorded, after.updated_by_id) == (
        2,
        "Soep met brood",
        True,
        worker.pk,
    )
    assert after.updated_at > before.updated_at
    assert network_fact_version(network.pk) != version
    assert not Contribution.objects.filter(session=session).exists()
    sqls = [q["sql"] for q in queries]
    updates = [sql for sql in sqls if sql.startswith("UPDATE") and "networks_session" in sql]
    deletes = [sql for sql in sqls if 'DELETE FROM "networks_contribution"' in sql]
    assert len(deletes) == 1
    audits = [sql for sql in sqls if 'INSERT INTO "audit_auditevent"' in sql]
    assert len(audits) == 1
    if connection.vendor == "postgresql":
        assert deletes == audits  # one statement
        assert not updates
        assert [sql for sql in sqls if sql.startswith('WITH saved AS (UPDATE "networks_session"')]
    else:
        assert len(updates) == 1
