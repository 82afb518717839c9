"""A network-support client in Mijn Vangnet: their own goals with their own scores over time,
their support group as they see it, their map as a picture; the worker's map page and the
client's data-subject export show what they wrote."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_plain_language import _check
from vangnet.audit.models import AuditEvent
from vangnet.myspace import client_services
from vangnet.myspace.client_models import ClientGoal, GoalRating, SupportGroupView
from vangnet.privacy.client_rights import client_erase, client_export_data
from vangnet.support import map_services


@pytest.fixture
def kees(space):
    kees, mother = _client_with_map(space["worker"])
    account = activate(None, actor=space["worker"], client=kees)
    return {"client": kees, "mother": mother, "account": account}


def test_client_adds_a_goal_and_rates_it_over_time(client, space, kees):
    sign_in(client, kees["account"])
    response = client.post(
        reverse("myspace:goals"), {"action": "add", "text": "  een eigen   woning "}
    )
    assert response.status_code == 302
    goal = ClientGoal.objects.get(client=kees["client"])
    assert goal.text == "een eigen woning"
    client_services.goal_rate(goal=goal, score=3, day=dt.date(2025, 3, 1))
    client_services.goal_rate(goal=goal, score=4, day=dt.date(2025, 4, 1))
    client.post(reverse("myspace:goals"), {"action": "rate", "goal": goal.pk, "score": "6"})
    client.post(reverse("myspace:goals"), {"action": "rate", "goal": goal.pk, "score": "7"})
    scores = list(GoalRating.objects.filter(goal=goal).values_list("score", flat=True))
    assert scores == [3, 4, 7]  # the second score of today replaced the first
    html = client.get(reverse("myspace:goals")).content.decode()
    assert 'class="goal-chart"' in html and "<polyline" in html
    assert "Eerst een 3, nu een 7." in html
    assert "1 maart 2025" in html  # the table of scores
    assert AuditEvent.objects.filter(
        object_type="myspace.clientgoal", detail__contains="door cliënt zelf", actor=None
    ).exists()
    assert _check(html, "goals") == []


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "add", "text": "   "}, "Schrijf je doel op"),
        ({"action": "add", "text": "x" * 121}, "Maak je doel korter"),
    ],
)
def test_bad_goal_gives_a_message_and_saves_nothing(client, kees, data, message):
    sign_in(client, kees["account"])
    response = client.post(reverse("myspace:goals"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClientGoal.objects.exists()


@pytest.mark.parametrize("score", ["0", "11", "zes", ""])
def test_bad_score_gives_a_message_and_saves_nothing(client, kees, score):
    goal = client_services.goal_add(client=kees["client"], text="rust in mijn hoofd")
    sign_in(client, kees["account"])
    response = client.post(
        reverse("myspace:goals"), {"action": "rate", "goal": goal.pk, "score": score}
    )
    assert response.status_code == 400
    assert "Kies een cijfer van 1 tot en met 10." in response.content.decode()
    assert not GoalRating.objects.exists()


def test_goal_rules(kees):
    first = client_services.goal_add(client=kees["client"], text="Werk")
    with pytest.raises(ValidationError, match="staat er al"):
        client_services.goal_add(client=kees["client"], text="werk")
    for number in range(5):
        client_services.goal_add(client=kees["client"], text=f"doel {number}")
    with pytest.raises(ValidationError, match="al 6 doelen"):
        client_services.goal_add(client=kees["client"], text="nog een")
    client_services.goal_close(goal=first)
    with pytest.raises(ValidationError, match="opzij gezet"):
        client_services.goal_rate(goal=first, score=5)
    client_services.goal_add(client=kees["client"], text="nog een")  # room again
    with pytest.raises(ValidationError, match="niet voor later"):
        client_services.goal_rate(
            goal=ClientGoal.objects.filter(closed_at=None).first(),
            score=5,
            day=timezone.localdate() + dt.timedelta(days=2),
        )


def test_client_puts_a_goal_aside(client, kees):
    goal = client_services.goal_add(client=kees["client"], text="Werk")
    sign_in(client, kees["account"])
    client.post(reverse("myspace:goals"), {"action": "close", "goal": goal.pk})
    goal.refresh_from_db()
    assert goal.closed_at is not None
    assert "Opzij gezet op" in client.get(reverse("myspace:goals")).content.decode()


def test_no_goal_or_person_of_another_client(client, space, kees):
    piet, piets_mother = _client_with_map(space["worker"], name="Piet")
    piets_goal = client_services.goal_add(client=piet, text="Piets doel")
    sign_in(client, kees["account"])
    html = client.get(reverse("myspace:goals")).content.decode()
    assert "Piets doel" not in html
    for action in ("rate", "close"):
        response = client.post(
            reverse("myspace:goals"), {"action": action, "goal": piets_goal.pk, "score": "5"}
        )
        assert response.status_code == 404
    assert not GoalRating.objects.exists()
    piets_goal.refresh_from_db()
    assert piets_goal.closed_at is None
    response = client.post(
        reverse("myspace:support_group"), {"answer": "yes", "members": [piets_mother.pk]}
    )
    assert response.status_code == 400
    assert "Kies alleen mensen van je eigen kaart." in response.content.decode()
    assert not SupportGroupView.objects.exists()


def test_participant_has_no_goals_or_support_group_page(client, space):
    sign_in(client, activate(space["anna"], actor=space["worker"]))
    for name in ("myspace:goals", "myspace:support_group"):
        assert client.get(reverse(name)).status_code == 404
        assert client.post(reverse(name), {"action": "add", "text": "x"}).status_code == 404
    assert client.get(reverse("myspace:network_map")).status_code == 200


def test_support_group_as_the_client_sees_it(client, space, kees):
    sign_in(client, kees["account"])
    page = client.get(reverse("myspace:support_group")).content.decode()
    assert "Moeder" in page and _check(page, "support_group") == []
    wrong = client.post(
        reverse("myspace:support_group"), {"answer": "no", "members": [kees["mother"].pk]}
    )
    assert wrong.status_code == 400 and "Je zei nee" in wrong.content.decode()
    assert client.post(reverse("myspace:support_group"), {"answer": ""}).status_code == 400
    assert not SupportGroupView.objects.exists()
    response = client.post(
        reverse("myspace:support_group"),
        {"answer": "partly", "members": [kees["mother"].pk], "others": "Ali van de opvang"},
    )
    assert response.status_code == 302
    page = client.get(reverse("myspace:support_group")).content.decode()
    assert "Een beetje" in page and "Ali van de opvang" in page

    # The worker sees it on the map page, marked as the client's own.
    client.force_login(space["worker"])
    html = client.get(reverse("support:client_map", args=[kees["client"].pk])).content.decode()
    assert "door cliënt zelf" in html
    assert "Een beetje" in html and "Ali van de opvang" in html


def test_worker_sees_the_goals_and_scores(client, space, kees):
    goal = client_services.goal_add(client=kees["client"], text="een eigen woning")
    client_services.goal_rate(goal=goal, score=2, day=dt.date(2025, 3, 1))
    client_services.goal_rate(goal=goal, score=5, day=dt.date(2025, 5, 1))
    client.force_login(space["worker"])
    html = client.get(reverse("support:client_map", args=[kees["client"].pk])).content.decode()
    assert "een eigen woning" in html and "door cliënt zelf" in html
    assert "eerst een 2, nu een 5" in html and "<polyline" in html


def test_map_picture_with_legend(client, space, kees):
    map_services.alter_add(
        network_map=kees["mother"].network_map,
        name="Ali",
        kind="professional",
        closeness=3,
        consent="no",
        actor=space["worker"],
    )
    sign_in(client, kees["account"])
    html = client.get(reverse("myspace:network_map")).content.decode()
    assert 'class="ecomap"' in html and "Moeder" in html and "Ali" in html
    assert "Dubbele ring: in je steungroep." in html
    assert "Verder weg" in html  # the people, listed per circle
    assert _check(html, "network_map") == []


def test_map_page_without_a_map(client, space):
    from vangnet.support.models import Client

    alone = Client.objects.create(
        organisation=space["worker"].organisation, display_name="Jan", worker=space["worker"]
    )
    sign_in(client, activate(None, actor=space["worker"], client=alone))
    html = client.get(reverse("myspace:network_map")).content.decode()
    assert "Je hebt nog geen kaart" in html and "<svg" not in html


def test_export_holds_and_erasure_removes_what_the_client_wrote(space, kees):
    goal = client_services.goal_add(client=kees["client"], text="een eigen woning")
    client_services.goal_rate(goal=goal, score=4, day=dt.date(2025, 3, 1))
    client_services.support_group_answer(
        client=kees["client"], answer="yes", member_ids=[kees["mother"].pk], others=""
    )
    data = client_export_data(client=kees["client"])
    assert data["own_words"]["goals"][0]["scores"] == [{"date": "2025-03-01", "score": 4}]
    assert data["own_words"]["support_group"][0]["members"] == ["Moeder"]
    client_erase(client=kees["client"], actor=space["worker"])
    assert not ClientGoal.objects.exists() and not GoalRating.objects.exists()
    assert not SupportGroupView.objects.exists()


def test_client_home_links_to_the_new_pages(client, kees):
    sign_in(client, kees["account"])
    html = client.get(reverse("myspace:home")).content.decode()
    for name in ("myspace:goals", "myspace:support_group", "myspace:network_map"):
        assert reverse(name) in html
