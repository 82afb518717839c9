"""Pseudonymisation and the thematic report figures, computed by hand."""

from __future__ import annotations

import pytest

from tests.factories import NetworkFactory, ParticipantFactory
from tests.interviews.factories import agreed_interview, plan_interview
from vangnet.interviews import selectors, services
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.pseudonym import pseudonymise


def test_pseudonymise_whole_words_case_insensitive():
    text = "Anne en ANNE-Marie gingen met kees naar Annemarie. Kees' fiets. Annette bleef."
    result = pseudonymise(text, ["Anne", "Kees", "Anne-Marie"])
    assert result == (
        "[deelnemer] en [deelnemer] gingen met [deelnemer] naar Annemarie. "
        "[deelnemer]' fiets. Annette bleef."
    )
    assert pseudonymise("Niets te doen.", []) == "Niets te doen."
    assert pseudonymise("Jan (Jan) jan.", ["jan"]) == "[deelnemer] ([deelnemer]) [deelnemer]."


def test_pseudonymise_special_characters_in_names():
    assert pseudonymise("Zoë en Zoé", ["zoë"]) == "[deelnemer] en Zoé"
    assert pseudonymise("a.b en axb", ["a.b"]) == "[deelnemer] en axb"


def _code(interview, quote, names):
    themes = list(
        selectors.organisation_themes(organisation=interview.network.organisation).filter(
            name__in=names
        )
    )
    services.passage_code(
        version=interview.report.versions.order_by("-number").first(),
        quote=quote,
        themes=themes,
        by=interview.interviewer,
    )


@pytest.mark.django_db
def test_theme_report_counts_agreed_reports_and_pseudonymises(django_assert_max_num_queries):
    network = NetworkFactory()
    services.themes_ensure_defaults(organisation=network.organisation)
    anne = ParticipantFactory(network=network, display_name="Anne")
    kees = ParticipantFactory(network=network, display_name="Kees")
    text_a = "Anne kookt graag voor Kees. Ze voelt zich welkom."
    text_b = "Kees zegt: ik hoor erbij. Anne helpt mij met de boodschappen."
    first = agreed_interview(network=network, participant=anne, text=text_a)
    second = agreed_interview(network=network, participant=kees, text=text_b)
    _code(first, "Anne kookt graag voor Kees.", ["Zinvol bijdragen", "Steun geven en krijgen"])
    _code(first, "Ze voelt zich welkom.", ["Zich uitgenodigd voelen"])
    _code(second, "Anne helpt mij met de boodschappen.", ["Steun geven en krijgen"])
    _code(second, "ik hoor erbij", ["Erbij horen / eigen groep"])
    # a report that is only shown does not count, even with a passage coded earlier elsewhere
    shown = plan_interview(network=network)
    services.report_version_write(interview=shown, text="Anne is fijn.", by=shown.interviewer)
    services.report_transition(
        report=shown.report, to_status=ReportStatus.SHOWN, by=shown.interviewer
    )
    # another network's agreed report does not count either
    other = agreed_interview(network=NetworkFactory(organisation=network.organisation))
    _code(other, "kookt graag", ["Zinvol bijdragen"])

    assert selectors.agreed_report_count(networks=[network]) == 2
    with django_assert_max_num_queries(6):
        rows = selectors.theme_report(networks=[network])
    by_name = {row.theme.name: row for row in rows}
    assert by_name["Steun geven en krijgen"].report_count == 2
    assert by_name["Steun geven en krijgen"].passages == [
        "[deelnemer] kookt graag voor [deelnemer].",
        "[deelnemer] helpt mij met de boodschappen.",
    ]
    assert by_name["Zinvol bijdragen"].report_count == 1
    assert by_name["Zich uitgenodigd voelen"].report_count == 1
    assert by_name["Wederkerigheid"].report_count == 0
    assert by_name["Wederkerigheid"].passages == []
    both = selectors.theme_report(networks=[network, other.network])
    assert {row.theme.name: row.report_count for row in both}["Zinvol bijdragen"] == 2
    assert selectors.agreed_report_count(networks=[network, other.network]) == 3
    assert selectors.theme_report(networks=[]) == []
    # no name of any participant leaks into any passage
    for row in rows:
        for quote in row.passages:
            assert "Anne" not in quote and "Kees" not in quote


@pytest.mark.django_db
def test_theme_report_query_count_does_not_grow_with_reports(django_assert_max_num_queries):
    network = NetworkFactory()
    services.themes_ensure_defaults(organisation=network.organisation)
    for _ in range(4):
        interview = agreed_interview(network=network)
        _code(interview, "kookt graag", ["Zinvol bijdragen", "Wederkerigheid"])
    with django_assert_max_num_queries(6):
        rows = selectors.theme_report(networks=[network])
    assert {r.theme.name: r.report_count for r in rows}["Wederkerigheid"] == 4
