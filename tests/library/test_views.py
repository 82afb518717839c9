"""The library's pages: the refusal shows what to remove, search, adopt, withdraw; the
meetings across organisations: invite, answer, sign up, attendance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.library.models import (
    Invitation,
    InvitationStatus,
    Publication,
    Registration,
    SharedMeeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    first, second = OrganisationFactory(name="Noord"), OrganisationFactory(name="Zuid")
    ParticipantFactory(network=NetworkFactory(organisation=first), display_name="Zwaantje")
    return {
        "host": UserFactory(organisation=first, coordinator=True),
        "guest": UserFactory(organisation=second, coordinator=True),
        "guest_worker": UserFactory(organisation=second, first_name="Mo", last_name="Ali"),
        "second": second,
    }


def test_refusal_lists_what_to_remove_and_keeps_the_form(client, people):
    login(client, people["host"])
    response = client.post(
        reverse("library:publish"),
        {"kind": "lesson", "title": "Samen koken", "text": "Zwaantje kookte."},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Je kunt dit nog niet publiceren" in text
    assert "&#x27;Zwaantje&#x27; in de tekst: een naam uit je organisatie" in text
    assert "Samen koken" in text  # the form keeps what was typed
    assert not Publication.objects.exists()


def test_publish_search_adopt_and_withdraw(client, people):
    login(client, people["host"])
    response = client.post(
        reverse("library:publish"),
        {
            "kind": "lesson",
            "title": "Samen koken",
            "text": "De groep kiest.",
            "themes": ["ownership"],
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    client.logout()
    login(client, people["guest_worker"])
    found = client.get(reverse("library:index"), {"q": "koken", "thema": "ownership"})
    assert "Samen koken" in found.content.decode()
    page = client.get(reverse("library:detail", args=[publication.pk])).content.decode()
    assert "afkomstig van Noord" in page and "Overnemen in mijn organisatie" not in page
    client.logout()
    login(client, people["guest"])
    adopted = client.post(reverse("library:adopt", args=[publication.pk]))
    assert adopted.status_code == 302 and "/praktijk/lessen/" in adopted["Location"]
    client.logout()
    login(client, people["host"])
    client.post(reverse("library:withdraw", args=[publication.pk]))
    client.logout()
    login(client, people["guest"])
    assert client.get(reverse("library:detail", args=[publication.pk])).status_code == 404
    index = client.get(reverse("library:index")).content.decode()
    assert "Overgenomen door je organisatie" in index and "Samen koken" in index


def test_bad_search_is_a_400(client, people):
    login(client, people["guest"])
    assert client.get(reverse("library:index"), {"soort": "onzin"}).status_code == 400


def test_meeting_invite_answer_sign_up_and_attendance(client, people):
    login(client, people["host"])
    day = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        reverse("library:meeting_create"),
        {
            "kind": "visit",
            "date": day.isoformat(),
            "title": "Werkbezoek Noord",
            "place": "Buurthuis",
            "invite": [people["second"].pk],
        },
    )
    meeting = SharedMeeting.objects.get()
    assert response.status_code == 302
    client.logout()
    # The guest organisation's worker cannot sign up before it accepts.
    login(client, people["guest_worker"])
    client.post(reverse("library:meeting_register", args=[meeting.pk]), {"komen": "ja"})
    assert not Registration.objects.filter(user=people["guest_worker"]).exists()
    client.logout()
    login(client, people["guest"])
    client.post(reverse("library:meeting_answer", args=[meeting.pk]), {"antwoord": "ja"})
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    client.logout()
    login(client, people["guest_worker"])
    client.post(reverse("library:meeting_register", args=[meeting.pk]), {"komen": "ja"})
    registration = Registration.objects.get(user=people["guest_worker"])
    # An organisation neither host nor invited sees nothing.
    client.logout()
    login(client, UserFactory(coordinator=True))
    assert client.get(reverse("library:meeting_detail", args=[meeting.pk])).status_code == 404
    # After the day the host records who came.
    SharedMeeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate())
    client.logout()
    login(client, people["host"])
    page = client.get(reverse("library:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Mo Ali" in page and "Wie was er?" in page
    client.post(
        reverse("library:meeting_attendance", args=[meeting.pk]),
        {"aanwezig": [str(registration.pk)]},
    )
    registration.refresh_from_db()
    assert registration.present is True
    bad = client.post(reverse("library:meeting_attendance", args=[meeting.pk]), {"aanwezig": ["x"]})
    assert bad.status_code == 302
    registration.refresh_from_db()
    assert registration.present is True


def test_meeting_needs_an_invited_organisation(client, people):
    login(client, people["host"])
    response = client.post(
        reverse("library:meeting_create"),
        {"kind": "meeting", "date": "2026-01-01", "title": "X", "place": "Y"},
    )
    assert response.status_code == 400 and not SharedMeeting.objects.exists()
