"""Pages of the network evaluation: content, permissions, bounded queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from tests.network_evaluation.factories import grow, small_network
from vangnet.audit.models import AuditEvent
from vangnet.network_evaluation import services
from vangnet.network_evaluation.models import (
    ChecklistAssessment,
    NetworkEvaluation,
    SubgoalJudgement,
)
from vangnet.networks.selectors import network_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    network, people = small_network()
    return network, people


def url(name, network, **kwargs):
    return reverse(f"network_evaluation:{name}", kwargs={"network_id": network.pk, **kwargs})


def test_overview_lists_the_moments(client, setup):
    network, _people = setup
    client.force_login(network.lead_worker)
    response = client.get(url("overview", network))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Evaluatie na één jaar" in text and "Evaluatie aan het einde" in text
    assert "6 januari 2026" in text  # one year after 6 January 2025


def test_worker_fills_in_the_evaluation_with_a_group_conversation(client, setup):
    network, people = setup
    client.force_login(network.lead_worker)
    page = client.get(url("moment_edit", network, moment="one_year"))
    assert page.status_code == 200 and people[0].display_name in page.content.decode()
    response = client.post(
        url("moment_edit", network, moment="one_year"),
        {
            "goals_answer": "Grotendeels wel.",
            "reasons_answer": "De vaste dag.",
            "consolidate_answer": "Een kookploeg.",
            "held_on": "2026-01-14",
            "participants": [people[0].pk, people[1].pk],
            "others_count": "1",
            "others_note": "achterwacht",
            "version": "0",
        },
    )
    assert response.status_code == 302
    evaluation = NetworkEvaluation.objects.get(network=network, moment="one_year")
    assert evaluation.participants.count() == 2 and evaluation.others_count == 1
    detail = client.get(url("moment", network, moment="one_year"))
    text = detail.content.decode()
    assert "Grotendeels wel." in text and people[1].display_name in text
    assert AuditEvent.objects.filter(action="view", object_id=str(evaluation.pk)).exists()
    history = client.get(url("moment_history", network, moment="one_year"))
    assert "Versie 1" in history.content.decode()


def test_invalid_post_answers_400_with_a_dutch_message(client, setup):
    network, _people = setup
    client.force_login(network.lead_worker)
    response = client.post(
        url("moment_edit", network, moment="one_year"), {"goals_answer": "", "version": "0"}
    )
    assert response.status_code == 400
    assert "Beantwoord minstens één van de drie vragen." in response.content.decode()
    assert not NetworkEvaluation.objects.exists()


def test_unknown_moment_is_404(client, setup):
    network, _people = setup
    client.force_login(network.lead_worker)
    assert client.get(url("moment", network, moment="yearly_99")).status_code == 404


def test_subgoal_judgements_are_shown_next_to_the_indicators(client, setup):
    network, _people = setup
    client.force_login(network.lead_worker)
    form = client.get(url("subgoals_edit", network, moment="one_year"))
    assert form.status_code == 200 and "2 van 3 (67%)" in form.content.decode()
    response = client.post(
        url("subgoals_edit", network, moment="one_year"),
        {"judgement_a": "achieved", "evidence_a": "Bijna iedereen kwam kijken."},
    )
    assert response.status_code == 302
    page = client.get(url("subgoals", network), {"van": "2025-01-06", "tot": "2026-01-06"})
    text = page.content.decode()
    assert "Bijna iedereen kwam kijken." in text and "Behaald" in text
    assert "2 van 3 (67%)" in text


def test_checklist_history_shows_the_change(client, setup):
    network, _people = setup
    worker = network.lead_worker
    for day, score in ((dt.date(2025, 5, 1), "nee"), (dt.date(2025, 9, 1), "ja")):
        services.checklist_assessment_create(
            network=network, actor=worker, date=day, answers={"rs_core": (score, "")}
        )
    client.force_login(worker)
    text = client.get(url("checklist", network)).content.decode()
    assert "beter dan de vorige keer" in text
    assessment = ChecklistAssessment.objects.order_by("date").last()
    detail = client.get(url("checklist_detail", network, assessment_id=assessment.pk))
    assert detail.status_code == 200
    form = client.get(url("checklist_create", network))
    prefilled = re.search(
        r'<input[^>]*name="score_rs_core"[^>]*value="ja"[^>]*>', form.content.decode()
    )
    assert prefilled and "checked" in prefilled.group(0)  # starts from the previous answers


def test_checklist_form_saves(client, setup):
    network, _people = setup
    client.force_login(network.backup_worker)
    response = client.post(
        url("checklist_create", network),
        {
            "date": "2025-06-01",
            "score_tg_wish": "ja",
            "note_tg_wish": "Zeker",
            "score_ac_weekly": "nvt",
        },
    )
    assert response.status_code == 302
    assessment = ChecklistAssessment.objects.get(network=network)
    assert assessment.assessed_by == network.backup_worker
    assert assessment.answers.count() == 2


@pytest.mark.parametrize("role", ["evaluator", "municipality"])
def test_evaluator_and_municipality_are_denied(client, setup, role):
    network, _people = setup
    client.force_login(UserFactory(organisation=network.organisation, **{role: True}))
    for name, kwargs in (("overview", {}), ("moment", {"moment": "one_year"})):
        assert client.get(url(name, network, **kwargs)).status_code in (403, 404)


def test_admin_may_see_the_network_but_not_its_evaluation(client, setup):
    network, _people = setup
    client.force_login(UserFactory(organisation=network.organisation, admin=True))
    assert client.get(url("overview", network)).status_code == 403


def test_worker_of_another_network_gets_404(client, setup):
    network, _people = setup
    other = NetworkFactory(organisation=network.organisation)
    client.force_login(other.lead_worker)
    assert client.get(url("overview", network)).status_code == 404
    assert client.get(url("checklist", network)).status_code == 404
    assert client.post(url("checklist_create", network), {}).status_code == 404


def test_coordinator_may_write(client, setup):
    network, _people = setup
    client.force_login(UserFactory(organisation=network.organisation, coordinator=True))
    response = client.post(
        url("subgoals_edit", network, moment="one_year"), {"judgement_c": "partly"}
    )
    assert response.status_code == 302
    assert SubgoalJudgement.objects.get().judgement == "partly"


# --------------------------------------------------------------------------- section

SECTION = Template(
    "{% load network_evaluation_tags %}{% network_evaluation_network_section network %}"
)


def render_section(network, user):
    request = RequestFactory().get("/")
    request.user = user
    return SECTION.render(Context({"request": request, "network": network}))


def test_section_shows_next_moment_and_status(setup):
    network, _people = setup
    evaluation = NetworkEvaluation.objects.create(network=network, moment="one_year")
    SubgoalJudgement.objects.create(evaluation=evaluation, subgoal="g", judgement="achieved")
    html = render_section(network, network.lead_worker)
    assert "Evaluatie van het vangnetwerk" in html
    assert "Evaluatie na één jaar" in html  # not answered yet: still the next one
    assert "Behaald" in html and "nog geen oordeel" in html and "✓" in html
    assert url("moment_edit", network, moment="one_year") in html


def test_section_hidden_without_view_evaluation(setup):
    network, _people = setup
    admin = UserFactory(organisation=network.organisation, admin=True)
    assert "Evaluatie van het vangnetwerk" not in render_section(network, admin)


def test_section_and_subgoal_page_queries_do_not_grow(client, setup):
    network, _people = setup
    worker = network.lead_worker
    evaluation = NetworkEvaluation.objects.create(network=network, moment="one_year")
    SubgoalJudgement.objects.create(evaluation=evaluation, subgoal="a", judgement="partly")
    client.force_login(worker)
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as section:
            render_section(network, worker)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url("subgoals", network)).status_code == 200
        with CaptureQueriesContext(connection) as moment:
            assert client.get(url("moment", network, moment="one_year")).status_code == 200
        counts.append((len(section), len(page), len(moment)))
        grow(network, sessions=6, people=5)
    assert counts[0] == counts[1]
    assert counts[0][0] <= 3


def test_network_page_timeline_saves_the_transition_query(setup):
    network, _people = setup
    worker = network.lead_worker
    request = RequestFactory().get("/")
    request.user = worker
    timeline = network_timeline(network=network, today=timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        SECTION.render(Context({"request": request, "network": network, "timeline": timeline}))
    assert len(queries) == 2


def test_start_date_in_the_future(client):
    network = NetworkFactory(start_date=dt.date(2099, 1, 1))
    client.force_login(network.lead_worker)
    assert client.get(url("overview", network)).status_code == 200
    assert client.get(url("subgoals", network)).status_code == 200


def test_coordinator_sees_no_names_and_keeps_the_workers_choice(client, setup):
    network, people = setup
    services.evaluation_save(
        network=network,
        moment_key="one_year",
        actor=network.lead_worker,
        held_on=dt.date(2026, 1, 14),
        participant_ids=[people[0].pk, people[1].pk],
        others_count=0,
        goals_answer="Eerste versie.",
        today=dt.date(2026, 2, 1),
    )
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    client.force_login(coordinator)
    for name in ("moment", "moment_edit", "moment_history"):
        text = client.get(url(name, network, moment="one_year")).content.decode()
        assert people[0].display_name not in text, name
        assert "2 deelnemers" in text, name
    response = client.post(
        url("moment_edit", network, moment="one_year"),
        {"goals_answer": "Aangevuld door de coördinator.", "held_on": "2026-01-14", "version": "1"},
    )
    assert response.status_code == 302
    evaluation = NetworkEvaluation.objects.get()
    assert evaluation.version == 2 and evaluation.participants.count() == 2


def test_section_offers_fill_in_only_from_a_month_before(setup):
    network, _people = setup
    network.start_date = timezone.localdate() - dt.timedelta(days=200)
    network.save()
    html = render_section(network, network.lead_worker)
    assert "Volgende: Evaluatie na één jaar" in html
    assert "Evaluatie invullen" not in html
    network.start_date = timezone.localdate() - dt.timedelta(days=350)
    network.save()
    assert "Evaluatie invullen" in render_section(network, network.lead_worker)
