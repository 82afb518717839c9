"""The worker's growth in the browser's terms: the pages, the forms, the file, the audit."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.growth.models import CoachingNote, Resource, SelfAssessment, Trait


@pytest.fixture
def people(db):
    organisation = OrganisationFactory()
    return {
        "worker": UserFactory(organisation=organisation, first_name="Fatima", last_name="Aziz"),
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
        "colleague": UserFactory(organisation=organisation),
    }


def form_scores(value="4"):
    return {f"score_{trait.value}": value for trait in Trait}


def test_a_worker_fills_in_the_profile_and_sees_the_trend(client, people):
    client.force_login(people["worker"])
    page = client.get(reverse("growth:index"))
    assert page.status_code == 200 and "Er is nog geen zelfbeoordeling" in page.text
    form = client.get(reverse("growth:assessment_create"))
    assert form.text.count('type="radio"') == 5 * len(Trait)
    data = {"date": "10-01-2025", **form_scores("2"), "reflection": "Meer laten stralen."}
    response = client.post(reverse("growth:assessment_create"), data)
    assert response.status_code == 302
    # The next one starts from the last scores; the worker changes what changed.
    form = client.get(reverse("growth:assessment_create"))
    checked = re.findall(
        r'<input type="radio" name="score_presence" value="(\d)"[^>]*checked', form.text
    )
    assert checked == ["2"]
    client.post(reverse("growth:assessment_create"), {"date": "2025-06-10", **form_scores("4")})
    page = client.get(reverse("growth:index"))
    assert "eerste (10 januari 2025) naast de laatste (10 juni 2025)" in page.text
    assert "<svg" in page.text and "Het profiel: eerste en laatste zelfbeoordeling" in page.text
    assert "+2" in page.text
    assert SelfAssessment.objects.filter(worker=people["worker"]).count() == 2


def test_a_half_filled_profile_is_shown_again_with_messages_and_nothing_saved(client, people):
    client.force_login(people["worker"])
    data = {"date": "31-02-2025", **form_scores("4")}
    data.pop("score_presence")
    data["score_teamwork"] = "9"
    response = client.post(reverse("growth:assessment_create"), data)
    assert response.status_code == 400
    assert "Kies een score." in response.text
    assert "Kies een score van 1 tot 5." in response.text
    assert "dd-mm-jjjj" in response.text
    assert not SelfAssessment.objects.exists()


def test_the_coordinator_sees_a_worker_and_the_look_is_audited(client, people):
    worker = people["worker"]
    SelfAssessment.objects.create(
        organisation=worker.organisation,
        worker=worker,
        date=dt.date(2025, 2, 1),
        scores={trait.value: 3 for trait in Trait},
    )
    client.force_login(people["coordinator"])
    team = client.get(reverse("growth:team"))
    assert "Fatima Aziz" in team.text
    page = client.get(reverse("growth:worker", args=[worker.pk]))
    assert page.status_code == 200 and "Groei van Fatima Aziz" in page.text
    assert AuditEvent.objects.filter(
        actor=people["coordinator"], action="view", object_id=str(worker.pk)
    ).exists()
    # A colleague does not see the team or another's page.
    client.force_login(people["colleague"])
    assert client.get(reverse("growth:team")).status_code == 403
    assert client.get(reverse("growth:worker", args=[worker.pk])).status_code == 403


def test_coordinator_records_a_coaching_conversation_for_a_worker(client, people):
    worker, coordinator = people["worker"], people["coordinator"]
    client.force_login(coordinator)
    form = client.get(reverse("growth:coaching_create") + f"?werker={worker.pk}")
    assert f'<option value="{worker.pk}" selected>' in form.text
    response = client.post(
        reverse("growth:coaching_create"),
        {
            "date": "01-05-2025",
            "worker": worker.pk,
            "coach": coordinator.pk,
            "theme": "In en naast de groep",
            "trait": "in_and_beside",
            "next_step": "Volgende week de opening aan de groep laten.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("growth:worker", args=[worker.pk])
    client.force_login(worker)
    page = client.get(reverse("growth:index"))
    assert "In en naast de groep" in page.text and "1 afgesproken stap staat nog open" in page.text
    assert CoachingNote.objects.get().author == coordinator


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999", "-1"])
def test_impossible_ids_give_a_message_not_a_server_error(client, people, bad):
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("growth:coaching_create"),
        {"date": "01-05-2025", "worker": bad, "coach": bad, "theme": "x", "next_step": "y"},
    )
    assert response.status_code == 400 and "Kies een collega uit de lijst." in response.text


def test_a_resource_is_uploaded_downloaded_and_deleted_after_a_question(client, people):
    client.force_login(people["worker"])
    pdf = SimpleUploadedFile("Handboek Jan.pdf", b"%PDF-1.4 handboek", "application/pdf")
    response = client.post(
        reverse("growth:resource_create"),
        {"title": "Handboek hoofdstuk 2", "kind": "handbook", "file": pdf},
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    listing = client.get(reverse("growth:resources") + "?q=hoofdstuk")
    assert "Handboek hoofdstuk 2" in listing.text and "Bestand downloaden" in listing.text
    download = client.get(reverse("growth:resource_file", args=[resource.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 handboek"
    assert "attachment" in download["Content-Disposition"]
    assert "Jan" not in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    # Another organisation's staff cannot fetch it.
    client.force_login(UserFactory())
    assert client.get(reverse("growth:resource_file", args=[resource.pk])).status_code == 404
    client.force_login(people["worker"])
    question = client.post(reverse("growth:resource_delete", args=[resource.pk]))
    assert question.status_code == 400 and Resource.objects.exists()
    client.post(reverse("growth:resource_delete", args=[resource.pk]), {"confirm": "1"})
    assert not Resource.objects.exists()


def test_a_link_opens_on_its_own_site_and_a_wrong_file_is_refused(client, people):
    client.force_login(people["worker"])
    client.post(
        reverse("growth:resource_create"),
        {"title": "Presentie", "kind": "article", "link": "https://www.presentie.nl/"},
    )
    listing = client.get(reverse("growth:resources"))
    assert 'href="https://www.presentie.nl/" rel="noopener noreferrer"' in listing.text
    assert "<iframe" not in listing.text
    bad = SimpleUploadedFile("film.mp4", b"<script>", "video/mp4")
    response = client.post(
        reverse("growth:resource_create"), {"title": "Film", "kind": "video", "file": bad}
    )
    assert response.status_code == 400 and "Kies een PDF" in response.text
    assert Resource.objects.count() == 1
