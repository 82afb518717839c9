"""The model of coherence: the evidence per link, the figures, the pages and their limits."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from tests.logbook.factories import LogEntryFactory
from tests.network_evaluation.factories import small_network
from vangnet.logbook.models import BuildingBlock
from vangnet.logbook.selectors import building_block_counts
from vangnet.network_evaluation.coherence import selectors
from vangnet.network_evaluation.coherence.charts import coherence_chart, coherence_strip
from vangnet.network_evaluation.coherence.model import BLOCKS, DEEPENING, block_of
from vangnet.network_evaluation.models import NetworkEvaluation, SubgoalJudgement
from vangnet.organisations.models import Role

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
START, END = dt.date(2025, 1, 6), dt.date(2026, 1, 5)


def test_the_model_covers_every_subgoal_once():
    letters = [letter for block in BLOCKS for letter in block.subgoals] + list(DEEPENING)
    assert letters == list("abcdefghi")
    assert block_of("a").key == BuildingBlock.BRINGING_TOGETHER
    assert block_of("c").key == BuildingBlock.ORGANISED_CHAOS
    assert block_of("e").key == BuildingBlock.SOCIAL_INTERPRETING
    assert block_of("g") is None


def judge(network, letter, judgement, moment="one_year"):
    evaluation, _ = NetworkEvaluation.objects.get_or_create(network=network, moment=moment)
    return SubgoalJudgement.objects.create(
        evaluation=evaluation, subgoal=letter, judgement=judgement
    )


def test_logbook_counts_per_block_in_the_period_only():
    network = NetworkFactory()
    LogEntryFactory(network=network, date=dt.date(2025, 3, 1), building_blocks=["organised_chaos"])
    LogEntryFactory(
        network=network,
        date=dt.date(2025, 5, 1),
        building_blocks=["organised_chaos", "social_interpreting"],
    )
    LogEntryFactory(network=network, date=dt.date(2024, 5, 1), building_blocks=["organised_chaos"])
    other = LogEntryFactory(date=dt.date(2025, 5, 1)).network  # another network's entry
    counts = building_block_counts(network_ids=[network.pk, other.pk], start=START, end=END)
    mine = counts[network.pk]
    assert mine["organised_chaos"].entries == 2
    assert mine["organised_chaos"].last_date == dt.date(2025, 5, 1)
    assert mine["social_interpreting"].entries == 1
    assert mine["bringing_together"].entries == 0 and mine["bringing_together"].last_date is None
    assert counts[other.pk]["organised_chaos"].entries == 1
    assert building_block_counts(network_ids=[], start=START, end=END) == {}


def test_network_coherence_puts_the_evidence_on_each_link():
    network, _people = small_network()
    LogEntryFactory(
        network=network, date=dt.date(2025, 2, 5), building_blocks=["bringing_together"]
    )
    judge(network, "a", "achieved")
    judge(network, "h", "partly")
    coherence = selectors.network_coherence(network=network, start=END, end=START)  # swapped
    assert (coherence.start, coherence.end) == (START, END)
    assert coherence.blocks[0].count.entries == 1 and coherence.entries == 1
    assert coherence.subgoals["a"].judgement_label == "Behaald"
    assert coherence.subgoals["h"].judgement == "partly"
    assert coherence.subgoals["b"].judgement == "" and coherence.subgoals["b"].judgement_label == ""
    # the measured indicator of the period (small_network: p1-p3 invited in the year, p3
    # first came after it)
    assert coherence.subgoals["a"].indicator.text == "2 van 3 (67%)"
    assert coherence.achieved == 1 and coherence.judged == 2
    assert [row.letter for row in coherence.deepening] == list("fghi")
    assert coherence.outcome.n == 0
    assert coherence.outcome_text.startswith("nog geen evaluatiegesprekken")
    assert coherence.outcome_short == "–"


def test_outcome_in_words_below_and_above_the_threshold(monkeypatch, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    network = NetworkFactory()
    pairs = [(4, 6), (5, 7), (6, 6), (3, 5), (5, 4)]
    monkeypatch.setattr(selectors, "network_pairs", lambda networks: {network.pk: pairs})
    coherence = selectors.network_coherence(network=network, start=START, end=END)
    assert coherence.outcome_text == (
        "meedoen (0 tot 10) van gemiddeld 4,6 een jaar geleden naar 5,6 nu; "
        "3 van de 5 deelnemers vooruit"
    )
    assert coherence.outcome_short == "+1,0"
    monkeypatch.setattr(selectors, "network_pairs", lambda networks: {network.pk: pairs[:4]})
    coherence = selectors.network_coherence(network=network, start=START, end=END)
    assert "minder dan 5 gesprekken" in coherence.outcome_text
    assert "4,6" not in coherence_chart(coherence)


def test_the_figure_is_an_accessible_svg_with_every_link():
    network, _people = small_network(name="Buurtkamer <Noord>")
    judge(network, "d", "not_yet")
    coherence = selectors.network_coherence(network=network, start=START, end=END)
    svg = coherence_chart(coherence)
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output; well-formed: the name is escaped
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Model van samenhang van Buurtkamer <Noord>"
    assert "0 van de 9 subdoelen behaald, 1 beoordeeld" in root.find(f"{SVG}desc").text
    words = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
    for block in BLOCKS:
        assert str(block.title).split()[0] in words
    assert "Nog niet behaald" in words and "Hoofddoel" in words
    marks = [c.get("class") for c in root.iter(f"{SVG}circle")]
    assert marks.count("mark mark-not_yet") == 1 and marks.count("mark mark-none") == 8
    arrows = [line for line in root.iter(f"{SVG}line") if line.get("marker-end")]
    assert len(arrows) == 9 + 2  # one to each sub-goal, to the deepening and to the goal
    # Fits a phone at its drawn size: 340 units wide, no text below 12 units (CSS).
    assert root.get("viewBox").split()[2] == "340"


def test_the_strip_shows_blocks_letters_and_change():
    network = NetworkFactory(name="Vangnet Zuid")
    judge(network, "b", "partly")
    rows = selectors.organisation_coherence(networks=[network], start=START, end=END)
    strip = str(coherence_strip(rows[0], chart_id="c1"))
    root = ET.fromstring(strip)  # noqa: S314 - our own output
    letters = [t.text for t in root.iter(f"{SVG}text") if "mark-letter" in (t.get("class") or "")]
    assert letters == list("abcdefghi")
    assert "b Deels behaald" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}defs/{SVG}marker").get("id") == "c1-arrow"


def test_overview_shows_the_figure_and_the_table(client):
    network, _people = small_network()
    LogEntryFactory(
        network=network, date=dt.date(2025, 4, 1), building_blocks=["social_interpreting"]
    )
    client.force_login(network.lead_worker)
    response = client.get(reverse("network_evaluation:overview", args=[network.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "coherence-chart" in text and "Wat je ziet" in text
    assert "Model van samenhang als tabel" in text
    assert f"/logboek/{network.pk}/?bouwsteen=social_interpreting" in text


def test_coherence_page_takes_a_period_and_survives_bad_input(client):
    network, _people = small_network()
    LogEntryFactory(
        network=network, date=dt.date(2025, 4, 1), building_blocks=["social_interpreting"]
    )
    client.force_login(network.lead_worker)
    url = reverse("network_evaluation:coherence", args=[network.pk])
    inside = client.get(url, {"van": "2025-03-01", "tot": "2025-05-01"}).content.decode()
    assert "1 logboekregel" in inside
    outside = client.get(url, {"van": "2025-06-01", "tot": "2025-05-01"}).content.decode()
    assert "geen logboekregels in deze periode" in outside  # swapped, still no entry
    for bad in ({"van": "gisteren"}, {"tot": "99999-01-01"}, {"van": "\x00"}):
        assert client.get(url, bad).status_code == 200


def test_organisation_page_lists_only_visible_networks_in_few_queries(client):
    coordinator = UserFactory(role=Role.COORDINATOR)
    networks = [NetworkFactory(organisation=coordinator.organisation) for _ in range(3)]
    for network in networks:
        judge(network, "a", "achieved")
        LogEntryFactory(network=network, date=timezone.localdate())
    foreign = NetworkFactory(name="Elders")
    client.force_login(coordinator)
    url = reverse("network_evaluation:coherence_all")
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert all(network.name in text for network in networks) and foreign.name not in text
    assert text.count('class="chart coherence-strip"') == 3
    for _ in range(5):
        network = NetworkFactory(organisation=coordinator.organisation)
        judge(network, "c", "partly")
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
    worker = networks[0].lead_worker
    client.force_login(worker)
    text = client.get(url).content.decode()
    assert networks[0].name in text and networks[1].name not in text
