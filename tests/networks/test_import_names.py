"""The import's name question (networks/importing/names.py): a name that resembles a known
participant is never merged nor created silently; the worker chooses per name."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.networks.importing.checking import attendance_import_check
from vangnet.networks.importing.names import choices_from_post
from vangnet.networks.importing.reading import ImportRejected
from vangnet.networks.importing.writing import attendance_import
from vangnet.networks.models import Attendance
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 1)
FILE = b"datum;deelnemer\n05-02-2025;Riaa\n12-02-2025;riaa\n12-02-2025;Joost\n"


@pytest.fixture
def ria(network):
    network.start_date = dt.date(2025, 1, 1)
    network.save(update_fields=["start_date"])
    return ParticipantFactory(network=network, display_name="Ria")


def check(network, **kwargs):
    return attendance_import_check(
        network=network, source=FILE, filename="a.csv", today=TODAY, **kwargs
    )


def test_a_lookalike_name_is_a_question_not_a_merge(network, ria):
    result = check(network, create_participants=True)
    assert not result.is_valid
    [question] = result.questions.values()
    assert question.name == "Riaa" and question.lines == [2, 3]
    assert [m.participant for m in question.own] == [ria]
    assert all("lijkt op Ria: kies wie het is" in e.message for e in result.errors)
    assert len(result.errors) == 2  # Joost is no lookalike: he would simply be new


def test_choosing_the_known_person_imports_the_rows_as_theirs(network, ria, worker):
    result = attendance_import(
        network=network,
        source=FILE,
        filename="a.csv",
        create_participants=True,
        actor=worker,
        today=TODAY,
        name_choices={"riaa": str(ria.pk)},
    )
    assert result.participants_created == 1  # Joost
    assert Attendance.objects.filter(participant=ria).count() == 2
    assert not Participant.objects.filter(display_name__iexact="riaa").exists()


def test_choosing_a_new_person_creates_them(network, ria, worker):
    attendance_import(
        network=network,
        source=FILE,
        filename="a.csv",
        create_participants=True,
        actor=worker,
        today=TODAY,
        name_choices={"riaa": "new"},
    )
    assert Participant.objects.filter(network=network, display_name="Riaa").count() == 1
    assert Attendance.objects.filter(participant=ria).count() == 0


def test_new_is_no_answer_without_creating_participants(network, ria, worker):
    with pytest.raises(ImportRejected):
        attendance_import(
            network=network,
            source=FILE,
            filename="a.csv",
            actor=worker,
            today=TODAY,
            name_choices={"riaa": "new"},
        )
    assert not Participant.objects.filter(display_name__in=["Riaa", "Joost"]).exists()


def test_a_person_of_another_network_cannot_be_chosen(network, ria):
    other = ParticipantFactory(
        network=NetworkFactory(organisation=network.organisation), display_name="Riaa"
    )
    result = check(network, create_participants=True, name_choices={"riaa": str(other.pk)})
    assert "riaa" in result.questions
    assert {m.participant for m in result.questions["riaa"].matches} == {ria, other}


def test_choices_are_read_from_the_form():
    data = {"name_choice_key-0": "riaa", "name_choice-0": "7", "name_choice_key-1": "x"}
    assert choices_from_post(data) == {"riaa": "7"}


def test_the_page_asks_and_imports_after_the_choice(worker_client, network, ria):
    url = reverse("networks:import", args=[network.pk])

    def post(**extra):
        upload = SimpleUploadedFile("a.csv", FILE, content_type="text/csv")
        data = {"file": upload, "create_participants": "on", "action": "import", **extra}
        return worker_client.post(url, data)

    html = post().content.decode()
    assert "Bedoel je Ria (sinds" in html and "Nee, Riaa is een nieuw persoon" in html
    assert 'name="name_choice_key-0" value="riaa"' in html
    assert not Participant.objects.filter(display_name="Joost").exists()
    response = post(**{"name_choice_key-0": "riaa", "name_choice-0": str(ria.pk)})
    assert response.status_code == 302
    assert Attendance.objects.filter(participant=ria).count() == 2


def test_the_command_takes_the_choice(network, ria, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "a.csv"
    path.write_bytes(FILE)
    with pytest.raises(CommandError):
        call_command("import_attendance", str(path), network=network.pk, create_participants=True)
    with pytest.raises(CommandError):
        call_command("import_attendance", str(path), network=network.pk, name=["Riaa"])
    call_command(
        "import_attendance",
        str(path),
        network=network.pk,
        create_participants=True,
        name=[f"Riaa={ria.pk}"],
    )
    assert Attendance.objects.filter(participant=ria).count() == 2
