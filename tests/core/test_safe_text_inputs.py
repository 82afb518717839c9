"""Finding 14.3 "control characters": every input refuses them with a clear message (the
participant form, the session screen's task fields, the API), the import removes them, and
text stored before the check existed never breaks an export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.exports.helpers import csv_rows, xlsx_sheets
from tests.factories import ActivityFactory, ParticipantFactory, SessionFactory
from vangnet.audit.services import audit_record
from vangnet.core.text import UNSAFE_MESSAGE
from vangnet.exports.scope import data_scope
from vangnet.exports.services import export_build
from vangnet.networks.importing.writing import attendance_import
from vangnet.networks.models import Attendance, Contribution
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db
MESSAGE = str(UNSAFE_MESSAGE)


def test_control_characters_nul_in_wishes_is_refused_not_a_500(worker_client, network):
    url = reverse("participants:create", args=[network.pk])
    response = worker_client.post(
        url, {"display_name": "Ans", "wishes": "koken, wandelen\x00", "talents": ""}
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Participant.objects.filter(network=network).exists()


def test_control_characters_rtl_override_in_a_name_is_refused(worker_client, network):
    url = reverse("participants:create", args=[network.pk])
    response = worker_client.post(url, {"display_name": "Ans\u202etxt.exe"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Participant.objects.filter(network=network).exists()


def test_control_characters_in_session_screen_task_fields_are_refused(worker_client, network):
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    session.activities.add(ActivityFactory(network=network))
    person = ParticipantFactory(network=network)
    url = reverse("networks:session_record", args=[network.pk, session.pk])
    for key, text in ((f"task-{person.pk}", "koken\x00"), (f"other-{person.pk}", "a\x1bb")):
        data = {
            "version": "0",
            "base_present": "",
            "base_contributions": "[]",
            "base_note": "",
            "note": "",
            "newcomer": "",
            "present": [str(person.pk)],
            key: text,
        }
        response = worker_client.post(url, data)
        assert response.status_code == 400  # the screen again, with the message
        assert MESSAGE in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()
    assert not Contribution.objects.filter(session=session).exists()


def test_control_characters_in_the_api_are_refused(network, worker):
    session = SessionFactory(network=network)
    session.activities.add(ActivityFactory(network=network))
    person = ParticipantFactory(network=network)
    url = reverse("api:session_attendance", args=[network.pk, session.pk])
    body = {
        "version": 0,
        "present": [person.pk],
        "contributions": [{"participant_id": person.pk, "task": "koken\x00"}],
        "newcomers": ["An\u202ens"],
    }
    response = token_client(worker).post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()


def test_control_characters_in_an_import_are_removed(network, worker):
    ActivityFactory(network=network, name="Lunch")
    ParticipantFactory(network=network, display_name="Anna")
    data = (
        "datum;deelnemer;aanwezig;bijdrage;notitie\n"
        "08-01-2025;An\x1bna;ja;ko\x0bken\u202e;so\x07ep\n"
    )
    result = attendance_import(
        network=network,
        source=data.encode(),
        filename="a.csv",
        actor=worker,
        today=dt.date(2025, 3, 1),
    )
    assert result.attendance_added == 1
    assert list(Contribution.objects.values_list("task", flat=True)) == ["koken"]


def test_control_characters_in_stored_text_never_break_an_export(network, worker):
    """Text stored before the check existed (or written by a service directly)."""
    person = ParticipantFactory(network=network, display_name="Jan\x1bne\x07ke")
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    Attendance.objects.create(session=session, participant=person)
    Contribution.objects.create(session=session, participant=person, task="\u200b=koken\x0c")
    scope = data_scope(worker, network_id=network.pk)
    for fmt in ("xlsx", "csv"):
        result = export_build(kind="attendance", file_format=fmt, scope=scope)
        if fmt == "xlsx":
            rows = next(r for name, r in xlsx_sheets(result.data).items() if name != "info")
        else:
            rows = csv_rows(result.data)
        cells = [str(value) for row in rows for value in row if value is not None]
        assert "Janneke" in cells
        assert "'\u200b=koken" in cells


def test_audit_csv_goes_through_the_formula_guard(client, org_admin, worker):
    from tests.conftest import login

    audit_record(actor=worker, action="view", object_type="x", detail='=HYPERLINK("evil")\x1b')
    audit_record(actor=worker, action="view", object_type="x", detail="\uff1dcmd")
    login(client, org_admin)
    response = client.get(reverse("audit:export"))
    cells = [value for row in csv_rows(response.content) for value in row]
    assert '\'=HYPERLINK("evil")' in cells
    assert "'\uff1dcmd" in cells
