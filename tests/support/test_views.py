import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.support.factories import SupportTieFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(network):
    return [ParticipantFactory(network=network, display_name=n) for n in ("Anne", "Janneke")]


def test_record_a_tie(worker_client, network, people):
    anne, janneke = people
    url = reverse("support:tie_create", kwargs={"network_id": network.pk})
    page = worker_client.get(url, {"van": anne.pk})
    assert page.status_code == 200
    assert f'<option value="{anne.pk}" selected>' in page.content.decode()
    response = worker_client.post(
        url,
        {
            "giver": anne.pk,
            "receiver": janneke.pk,
            "support_type": "practical",
            "date": "2025-03-03",
            "note": "bracht Janneke naar het ziekenhuis",
        },
    )
    assert response.status_code == 302
    tie = SupportTie.objects.get()
    assert (tie.giver, tie.receiver, tie.outside_hours) == (anne, janneke, False)
    listing = worker_client.get(reverse("support:tie_list", kwargs={"network_id": network.pk}))
    assert "bracht Janneke naar het ziekenhuis" in listing.content.decode()
    assert AuditEvent.objects.filter(object_type="support.ties", action="view").exists()


def test_invalid_post_shows_dutch_errors_and_saves_nothing(worker_client, network, people):
    anne, _janneke = people
    url = reverse("support:tie_create", kwargs={"network_id": network.pk})
    response = worker_client.post(
        url,
        {"giver": anne.pk, "receiver": anne.pk, "support_type": "practical", "date": "2025-03-03"},
    )
    assert response.status_code == 400
    assert "Kies twee verschillende mensen" in response.content.decode()
    response = worker_client.post(url, {"giver": "99999999999999999999", "date": "2025-02-30"})
    assert response.status_code == 400
    assert not SupportTie.objects.exists()


def test_delete(worker_client, network):
    tie = SupportTieFactory(network=network)
    url = reverse("support:tie_delete", kwargs={"network_id": network.pk})
    assert worker_client.post(url, {"tie": "junk"}).status_code == 302
    other = SupportTieFactory(network=NetworkFactory(organisation=network.organisation))
    assert worker_client.post(url, {"tie": other.pk}).status_code == 404
    assert worker_client.post(url, {"tie": tie.pk}).status_code == 302
    assert list(SupportTie.objects.all()) == [other]


def test_sociogram_with_names_for_the_worker(worker_client, network, people):
    anne, janneke = people
    SupportTieFactory(network=network, giver=anne, receiver=janneke, support_type="emotional")
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    html = worker_client.get(url).content.decode()
    assert "Anne" in html and "Janneke" in html
    assert '<path class="tie tie-emotional"' in html
    assert 'marker-end="url(#sociogram-main-arrow-emotional)"' in html
    assert AuditEvent.objects.get(object_type="support.sociogram").detail == "names"
    filtered = worker_client.get(url, {"support_type": "practical"}).content.decode()
    assert '<path class="tie tie-emotional"' not in filtered


def test_sociogram_for_a_coordinator_has_numbers_not_names(client, network, coordinator, people):
    anne, janneke = people
    SupportTieFactory(network=network, giver=anne, receiver=janneke)
    html = (
        login(client, coordinator)
        .get(reverse("support:sociogram", kwargs={"network_id": network.pk}))
        .content.decode()
    )
    assert "Anne" not in html and "Janneke" not in html
    assert re.search(r'class="node-label">1<', html)
    assert AuditEvent.objects.get(object_type="support.sociogram").detail.startswith("aggregate")
    # coordinators may not see the list of ties (names, notes) nor record
    tie_list = reverse("support:tie_list", kwargs={"network_id": network.pk})
    assert client.get(tie_list).status_code == 403


def _grow(network, size):
    people = [ParticipantFactory(network=network) for _ in range(size)]
    for week in range(4):
        session = SessionFactory(
            network=network, date=dt.date(2025, 2, 3) + dt.timedelta(weeks=week)
        )
        Attendance.objects.bulk_create(Attendance(session=session, participant=p) for p in people)
    SupportTie.objects.bulk_create(
        SupportTie(
            network=network,
            giver=people[i],
            receiver=people[(i + 1) % size],
            support_type=["emotional", "practical", "companionship"][i % 3],
            date=dt.date(2025, 2, 3) + dt.timedelta(days=i),
        )
        for i in range(size)
    )


@pytest.mark.parametrize("query", [{"split": "phase"}, {"split": "quarter", "copresence": "on"}])
def test_sociogram_queries_do_not_grow_with_the_network(
    worker_client, network, query, django_assert_num_queries
):
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    _grow(network, 3)
    worker_client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        worker_client.get(url, query)
    assert len(small.captured_queries) <= 12
    _grow(network, 40)
    with django_assert_num_queries(len(small.captured_queries)):
        response = worker_client.get(url, query)
    assert response.status_code == 200


def test_network_page_section_figures_only(client, network, coordinator, people):
    anne, janneke = people
    session = SessionFactory(network=network, date=dt.date(2025, 3, 3))
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=p) for p in (anne, janneke)
    )
    SupportTieFactory(network=network, giver=anne, receiver=janneke)
    SupportTieFactory(network=network, giver=janneke, receiver=anne)
    html = (
        login(client, coordinator)
        .get(reverse("networks:detail", kwargs={"network_id": network.pk}))
        .content.decode()
    )
    assert "Steun tussen deelnemers" in html
    assert "2025 K1" in html and "100%" in html
    assert "Anne" not in html and "Janneke" not in html
    assert f'href="/steun/{network.pk}/"' not in html


def test_foreign_network_is_404(worker_client):
    other = NetworkFactory()
    for name in ("support:tie_list", "support:tie_create", "support:sociogram"):
        url = reverse(name, kwargs={"network_id": other.pk})
        assert worker_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"start": "0001-01-01", "end": "9999-12-31", "split": "quarter"},
        {"start": "2030-01-01", "split": "phase"},
        {"start": "2025-05-01", "end": "2025-01-01"},
        {"support_type": "money", "split": "week"},
    ],
)
def test_sociogram_survives_odd_filters(worker_client, network, query):
    SupportTieFactory(network=network)
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    response = worker_client.get(url, query)
    assert response.status_code == 200
    assert len(response.context["panels"]) < 40


def test_sociogram_copresence_layer(worker_client, network, people):
    anne, janneke = people
    for week in range(3):
        session = SessionFactory(
            network=network, date=dt.date(2025, 2, 3) + dt.timedelta(weeks=week)
        )
        Attendance.objects.bulk_create(
            Attendance(session=session, participant=p) for p in (anne, janneke)
        )
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    assert 'class="copresence"' not in worker_client.get(url).content.decode()
    response = worker_client.get(url, {"copresence": "on"})
    html = response.content.decode()
    assert html.count('<line class="copresence"') == 1
    assert response.context["pairs"] == [{"a": "Anne", "b": "Janneke", "n": 3}]


def test_sociogram_offers_people_to_choose_and_tools_for_the_script(worker_client, network, people):
    anne, janneke = people
    SupportTieFactory(network=network, giver=anne, receiver=janneke, support_type="practical")
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    html = worker_client.get(url).content.decode()
    # The big sociogram is a group of buttons (people), each named for screen readers.
    assert 'class="sociogram" viewBox' in html and 'role="group"' in html
    assert f'data-node="{anne.pk}" data-name="Anne" tabindex="0" role="button"' in html
    assert 'aria-label="Anne"' in html
    tie = f'data-from="{anne.pk}" data-to="{janneke.pk}" data-type="practical" data-count="1"'
    assert tie in html
    # The tools are hidden until the script runs; the list names everyone present.
    assert "data-sociogram-tools hidden" in html
    assert f'<option value="{anne.pk}">Anne</option>' in html
    assert 'value="practical" data-sociogram-kind checked' in html


def test_sociogram_marks_each_tie_and_person_with_the_periods_of_the_small_pictures(
    worker_client, network, people
):
    """sociogram.js shows one period without asking the server: each tie carries
    "index:count" per small picture it occurs in, each person the pictures they are in;
    without the script, each small picture links to the same page for its period only."""
    anne, janneke = people
    network.start_date = dt.date(2025, 1, 6)
    network.save(update_fields=["start_date"])
    for day in (dt.date(2025, 2, 3), dt.date(2025, 2, 10), dt.date(2025, 5, 5)):
        SupportTieFactory(network=network, giver=anne, receiver=janneke, date=day)
    url = reverse("support:sociogram", kwargs={"network_id": network.pk})
    response = worker_client.get(url, {"split": "quarter", "end": "2025-06-30"})
    html = response.content.decode()
    titles = [item["panel"].title for item in response.context["panels"]]
    assert len(titles) == 2
    assert 'data-count="3" data-periods="0:2 1:1"' in html
    assert re.search(rf'data-node="{anne.pk}" data-name="Anne" [^>]*data-in="0 1"', html)
    assert 'id="sociogram-period" data-sociogram-period' in html
    assert 'value="1" data-heading=' in html and 'data-ties="1"' in html
    links = re.findall(r'<a href="\?([^"]+)">Alleen deze periode bekijken', html)
    assert len(links) == 2 and "start=2025-04-01" in links[1] and "split=quarter" in links[1]
    only_second = worker_client.get(f"{url}?{links[1].replace('&amp;', '&')}")
    assert only_second.context["data"].main.start == dt.date(2025, 4, 1)
    assert only_second.context["measures"].tie_count == 1
