"""Learning across evaluations: coding answers with themes, counts per theme across networks
and years, pseudonymised quotes, the synthesis in versions and as PDF, bad input, erasure."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.interviews.models import Theme
from vangnet.learning import selectors, services
from vangnet.learning.models import EvaluationPassage, Synthesis
from vangnet.network_evaluation.models import NetworkEvaluation
from vangnet.organisations.models import Role
from vangnet.privacy.services import person_erase

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coordinator = UserFactory(role=Role.COORDINATOR)
    organisation = coordinator.organisation
    north = NetworkFactory(organisation=organisation, name="Noord")
    south = NetworkFactory(organisation=organisation, name="Zuid")
    anne = ParticipantFactory(network=north, display_name="Anne Jansen")
    day = Theme.objects.create(organisation=organisation, name="Vaste dag", position=1)
    worker = Theme.objects.create(organisation=organisation, name="Werker blijft", position=2)
    first = NetworkEvaluation.objects.create(
        network=north,
        moment="one_year",
        held_on=dt.date(2025, 2, 1),
        reasons_answer="De vaste dag hielp. Anne Jansen haalde\nJanneke op.",
    )
    second = NetworkEvaluation.objects.create(
        network=south,
        moment="one_year",
        held_on=dt.date(2026, 3, 1),
        reasons_answer="Het lukte door de vaste dag, maar de werker wisselde vaak.",
    )
    return {
        "coordinator": coordinator,
        "north": north,
        "south": south,
        "anne": anne,
        "day": day,
        "worker": worker,
        "first": first,
        "second": second,
    }


def code(world, evaluation, quote, *themes, question="reasons"):
    return services.passage_code(
        evaluation=evaluation,
        question=question,
        quote=quote,
        theme_ids=[theme.pk for theme in themes],
        actor=world["coordinator"],
    )


def test_counts_per_theme_across_networks_and_years_with_pseudonymised_quotes(world):
    code(world, world["first"], "Anne Jansen haalde Janneke op.", world["day"])
    code(world, world["first"], "De vaste dag hielp.", world["day"])
    code(world, world["second"], "door de vaste dag", world["day"])
    code(world, world["second"], "de werker wisselde vaak", world["worker"])
    rows, themes = selectors.learning_overview(
        user=world["coordinator"], year_from=2024, year_to=2026
    )
    assert [(row.evaluation.network.name, row.year) for row in rows] == [
        ("Noord", 2025),
        ("Zuid", 2026),
    ]
    assert "Anne" not in rows[0].reasons and "[deelnemer] haalde" in rows[0].reasons
    by_name = {count.theme.name: count for count in themes}
    assert (by_name["Vaste dag"].evaluations, by_name["Vaste dag"].networks) == (2, 2)
    assert (by_name["Werker blijft"].evaluations, by_name["Werker blijft"].networks) == (1, 1)
    quotes = [quote for quote, _where in by_name["Vaste dag"].quotes]
    assert "[deelnemer] haalde Janneke op." in quotes
    assert ("door de vaste dag", "Zuid, 2026") in by_name["Vaste dag"].quotes
    # One year only: the south network's evaluation drops out of the counts.
    rows, themes = selectors.learning_overview(
        user=world["coordinator"], year_from=2025, year_to=2025
    )
    assert len(rows) == 1
    assert {c.theme.name: c.networks for c in themes} == {"Vaste dag": 1, "Werker blijft": 0}


@pytest.mark.parametrize(
    ("question", "quote", "themes", "field"),
    [
        ("reasons", "Dit staat er niet in", "day", "quote"),
        ("reasons", "   ", "day", "quote"),
        ("goals", "De vaste dag hielp.", "day", "quote"),  # another question's answer
        ("wrong", "De vaste dag hielp.", "day", "question"),
        ("reasons", "De vaste dag hielp.", "", "themes"),
        ("reasons", "De vaste dag hielp.", "foreign", "themes"),
        ("reasons", "x" * 2001, "day", "quote"),
    ],
)
def test_bad_passages_are_refused_and_write_nothing(world, question, quote, themes, field):
    foreign = Theme.objects.create(organisation=NetworkFactory().organisation, name="Elders")
    ids = {"day": [world["day"].pk], "": [], "foreign": [foreign.pk]}[themes]
    with pytest.raises(ValidationError) as error:
        services.passage_code(
            evaluation=world["first"],
            question=question,
            quote=quote,
            theme_ids=ids,
            actor=world["coordinator"],
        )
    assert field in error.value.message_dict
    assert not EvaluationPassage.objects.exists()


def test_control_characters_are_refused(world):
    with pytest.raises(ValidationError):
        code(world, world["first"], "De vaste\u202e dag", world["day"])
    with pytest.raises(ValidationError):
        services.synthesis_save(
            organisation=world["coordinator"].organisation,
            actor=world["coordinator"],
            recommendations="Goed\x00",
            year_from=2024,
            year_to=2026,
        )


def test_synthesis_keeps_dated_versions(world):
    organisation = world["coordinator"].organisation
    for text in ("Eerst: een vaste dag.", "Daarna: ook een vaste werker."):
        services.synthesis_save(
            organisation=organisation,
            actor=world["coordinator"],
            recommendations=text,
            year_from=2024,
            year_to=2026,
        )
    history = selectors.synthesis_history(organisation=organisation)
    assert [item.number for item in history] == [2, 1]
    assert selectors.synthesis_latest(organisation=organisation).recommendations.startswith(
        "Daarna"
    )
    with pytest.raises(ValidationError) as error:
        services.synthesis_save(
            organisation=organisation,
            actor=world["coordinator"],
            recommendations="Iets",
            year_from=2026,
            year_to=2024,
        )
    assert "year_to" in error.value.message_dict
    assert Synthesis.objects.count() == 2


def test_pages_of_the_coordinator(client, world):
    client.force_login(world["coordinator"])
    code(world, world["first"], "De vaste dag hielp.", world["day"])
    overview = client.get(reverse("learning:overview"), {"van": "2024", "tot": "2026"})
    text = overview.content.decode()
    assert overview.status_code == 200
    assert "Vaste dag" in text and "Anne" not in text and "[deelnemer]" in text
    url = reverse("learning:code", args=[world["second"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "de werker wisselde vaak" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_id=str(world["second"].pk), actor=world["coordinator"]
    ).exists()
    response = client.post(
        url,
        {
            "question": "reasons",
            "quote": "de werker\n wisselde vaak",
            "themes": [world["worker"].pk],
        },
    )
    assert response.status_code == 302
    assert EvaluationPassage.objects.get(evaluation=world["second"]).quote == (
        "de werker wisselde vaak"
    )
    refused = client.post(url, {"question": "reasons", "quote": "niet", "themes": ["x"]})
    assert refused.status_code == 400
    passage = EvaluationPassage.objects.get(evaluation=world["second"])
    client.post(reverse("learning:passage_delete", args=[passage.pk]))
    assert not EvaluationPassage.objects.filter(pk=passage.pk).exists()
    saved = client.post(
        reverse("learning:synthesis"),
        {"year_from": "2024", "year_to": "2026", "recommendations": "Houd een vaste dag."},
    )
    assert saved.status_code == 302
    pdf = client.get(reverse("learning:synthesis_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "query", [{"van": "x"}, {"van": "99999"}, {"tot": "-1"}, {"van": "2026", "tot": "2020"}]
)
def test_bad_years_never_break_the_overview(client, world, query):
    client.force_login(world["coordinator"])
    assert client.get(reverse("learning:overview"), query).status_code == 200


def test_bad_synthesis_input_is_a_form_error(client, world):
    client.force_login(world["coordinator"])
    for data in (
        {"year_from": "2024", "year_to": "2026", "recommendations": ""},
        {"year_from": "abc", "year_to": "2026", "recommendations": "x"},
        {"year_from": "2024", "year_to": "2026", "recommendations": "x" * 20001},
    ):
        assert client.post(reverse("learning:synthesis"), data).status_code == 400
    assert not Synthesis.objects.exists()


def test_workers_and_other_organisations_do_not_get_in(client, world):
    client.force_login(world["north"].lead_worker)
    assert client.get(reverse("learning:overview")).status_code == 403
    assert client.get(reverse("learning:code", args=[world["first"].pk])).status_code == 403
    client.force_login(UserFactory(role=Role.COORDINATOR))
    assert client.get(reverse("learning:code", args=[world["first"].pk])).status_code == 404


def test_erasure_removes_the_name_from_coded_passages(world):
    code(world, world["first"], "Anne Jansen haalde Janneke op.", world["day"])
    person_erase(participant=world["anne"], actor=world["coordinator"])
    passage = EvaluationPassage.objects.get()
    assert "Anne" not in passage.quote and "Jansen" not in passage.quote
    assert "[verwijderd]" in passage.quote
