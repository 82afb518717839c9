import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import NetworkFactory, UserFactory
from vangnet.practice import services
from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(worker):
    return services.meeting_create(
        author=worker,
        date=dt.date(2025, 3, 4),
        theme=Theme.DROPOUT_RETURN,
        notes="Nabellen na drie weken",
        lessons="Bel binnen een week",
    )


def test_index_lists_and_searches(client, worker, meeting):
    client.force_login(worker)
    page = client.get(reverse("practice:index"))
    assert page.status_code == 200
    assert "Afhaken en terugkomen" in page.content.decode()
    found = client.get(reverse("practice:index"), {"q": "NABELLEN"})
    assert reverse("practice:meeting_detail", args=[meeting.pk]) in found.content.decode()
    empty = client.get(reverse("practice:index"), {"q": "niets hierover"})
    assert reverse("practice:meeting_detail", args=[meeting.pk]) not in empty.content.decode()


def test_index_bad_theme_is_400_not_500(client, worker):
    client.force_login(worker)
    assert client.get(reverse("practice:index"), {"thema": "<script>"}).status_code == 400


def test_create_meeting_via_form(client, worker, coordinator):
    client.force_login(worker)
    form = client.get(reverse("practice:meeting_create")).content.decode()
    assert "niet over deelnemers" in form
    response = client.post(
        reverse("practice:meeting_create"),
        {
            "date": "2025-03-04",
            "theme": Theme.OTHER,
            "theme_other": "Samenwerken met de huisarts",
            "attendees": [worker.pk, coordinator.pk],
            "notes": "Over doorverwijzen.",
            "lessons": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:meeting_detail", args=[meeting.pk])
    assert meeting.theme_label == "Samenwerken met de huisarts"
    assert meeting.attendees.count() == 2


def test_create_meeting_bad_input_shows_form_again(client, worker):
    client.force_login(worker)
    foreign = UserFactory()
    response = client.post(
        reverse("practice:meeting_create"),
        {"date": "2025-02-30", "theme": Theme.OTHER, "attendees": [foreign.pk, "x"]},
    )
    assert response.status_code == 400
    assert "Vul een geldige datum in als dd-mm-jjjj" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_lesson_and_visit_via_forms(client, worker, network):
    client.force_login(worker)
    other = NetworkFactory(organisation=network.organisation)
    response = client.post(
        reverse("practice:lesson_create"),
        {
            "title": "Koffie eerst",
            "text": "Begin met koffie.",
            "themes": [Theme.BRINGING_TOGETHER],
            "networks": [network.pk],
            "date": "2025-03-01",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.themes == [Theme.BRINGING_TOGETHER]
    detail = client.get(reverse("practice:lesson_detail", args=[lesson.pk]))
    assert "Positief bij elkaar brengen" in detail.content.decode()
    response = client.post(
        reverse("practice:visit_create"),
        {
            "date": "2025-03-02",
            "network": other.pk,
            "visitors": [worker.pk],
            "seen": "Een speelgoedpunt",
            "take_home": "",
        },
    )
    assert response.status_code == 302
    visit = WorkVisit.objects.get()
    assert visit.network == other
    assert (
        other.name in client.get(reverse("practice:visit_detail", args=[visit.pk])).content.decode()
    )


def test_visit_to_foreign_network_refused(client, worker):
    client.force_login(worker)
    response = client.post(
        reverse("practice:visit_create"),
        {
            "date": "2025-03-02",
            "network": NetworkFactory().pk,
            "visitors": [worker.pk],
            "seen": "x",
        },
    )
    assert response.status_code == 400
    assert WorkVisit.objects.count() == 0


def test_edit_permissions(client, worker, coordinator, organisation, meeting):
    url = reverse("practice:meeting_edit", args=[meeting.pk])
    colleague = UserFactory(organisation=organisation)
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    detail = client.get(reverse("practice:meeting_detail", args=[meeting.pk]))
    assert detail.status_code == 200 and url not in detail.content.decode()
    client.force_login(coordinator)
    response = client.post(
        url, {"date": "2025-03-05", "theme": Theme.FOUR_BALANCES, "notes": "Bijgewerkt"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.theme == Theme.FOUR_BALANCES and meeting.notes == "Bijgewerkt"


def test_other_organisation_gets_404(client, meeting):
    client.force_login(UserFactory())
    assert client.get(reverse("practice:meeting_detail", args=[meeting.pk])).status_code == 404


def test_roles_without_capability_get_403(client, organisation):
    for user in (
        UserFactory(organisation=organisation, admin=True),
        UserFactory(organisation=organisation, evaluator=True),
        UserFactory(organisation=organisation, municipality=True),
    ):
        client.force_login(user)
        assert client.get(reverse("practice:index")).status_code == 403


def test_people_and_themes_are_fieldsets_with_legends(client, worker, coordinator):
    client.force_login(worker)
    page = client.get(reverse("practice:meeting_create")).content.decode()
    assert "<legend>Wie waren er?" in page
    assert f'value="{coordinator.pk}"' in page
    lesson = client.get(reverse("practice:lesson_create")).content.decode()
    assert (
        "<legend>Bouwstenen en thema&#x27;s" in lesson or "<legend>Bouwstenen en thema's" in lesson
    )


def test_search_text_is_escaped_and_kept_in_the_box(client, worker):
    client.force_login(worker)
    page = client.get(reverse("practice:index"), {"q": "<b>soep</b>"}).content.decode()
    assert "<b>soep</b>" not in page
    assert "&lt;b&gt;soep&lt;/b&gt;" in page
