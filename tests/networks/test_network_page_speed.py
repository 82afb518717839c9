"""The network page's rows written in Python (issue 21) are what the template loops wrote,
in Dutch and English; the facts' version is read once per page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.networks.test_network_views import fill
from vangnet.network_evaluation.models import Judgement
from vangnet.network_evaluation.selectors import subgoal_status_row
from vangnet.network_evaluation.templatetags.network_evaluation_tags import subgoal_items_html
from vangnet.networks.page_rows import weekly_rows_html
from vangnet.networks.selectors import WeekAttendance
from vangnet.planning.selectors import WeekHours
from vangnet.planning.templatetags.planning_tags import forecast_rows_html, hours_rows_html

LANGUAGES = ["nl", "en"]

# The template loops as they were before the rows moved to Python.
WEEKS_LOOP = """{% for week in weeks reversed %}
      <tr><th scope="row">{{ week.iso.1 }}</th><td>{{ week.monday|date:"j M Y" }}</td><td>{{ week.sessions }}</td><td>{% if week.has_session %}{{ week.present }}{% else %}—{% endif %}</td></tr>
      {% endfor %}"""  # noqa: E501
SUBGOALS_LOOP = """{% for row in subgoals %}<li>{% include "network_evaluation/includes/judgement_symbol.html" with judgement=row.judgement %} <span class="subgoal-letter">{{ row.letter }}</span> {{ row.title }}</li>{% endfor %}"""  # noqa: E501
HOURS_LOOP = """{% load i18n %}{% for week in weeks %}<tr><th scope="row">{{ week.iso_week }} ({{ week.monday|date:"j M" }})</th><td>{% if week.registered %}{{ week.hours|floatformat:"-2" }}{% else %}{% translate "niet ingevuld" %}{% endif %}</td><td>{{ week.norm|floatformat:"-1" }}</td><td>{% if not week.registered %}{% translate "onbekend" %}{% elif week.below %}{% translate "ja" %}{% else %}{% translate "nee" %}{% endif %}</td></tr>{% endfor %}"""  # noqa: E501
FORECAST_LOOP = """{% for month, q10, q25, q50, q75, q90 in rows %}<tr><th scope="row">{{ month|date:"F Y" }}</th><td>{{ q10 }}</td><td>{{ q25 }}</td><td>{{ q50 }}</td><td>{{ q75 }}</td><td>{{ q90 }}</td></tr>{% endfor %}"""  # noqa: E501


def _template(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", LANGUAGES)
def test_weekly_rows_are_the_templates(language):
    monday = dt.date(2026, 1, 5)
    weeks = [
        WeekAttendance(monday=monday + dt.timedelta(weeks=i), sessions=i % 3, present=i * 7)
        for i in range(26)
    ]
    with translation.override(language):
        assert str(weekly_rows_html(weeks)) == _template(WEEKS_LOOP, weeks=weeks)
        assert str(weekly_rows_html([])) == _template(WEEKS_LOOP, weeks=[])


@pytest.mark.parametrize("language", LANGUAGES)
def test_subgoal_items_are_the_templates(language):
    latest = {
        "a": SimpleNamespace(judgement=Judgement.ACHIEVED),
        "c": SimpleNamespace(judgement=Judgement.PARTLY),
        "d": SimpleNamespace(judgement=Judgement.NOT_YET),
    }
    for judgement in latest.values():
        judgement.get_judgement_display = lambda value=judgement.judgement: Judgement(value).label
    with translation.override(language):
        rows = subgoal_status_row(latest)
        expected = _template(SUBGOALS_LOOP, subgoals=rows)
        assert "✓" in expected and "±" in expected and "○" in expected
        assert str(subgoal_items_html(rows)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_hours_and_forecast_rows_are_the_templates(language):
    monday = dt.date(2026, 9, 7)
    hours = [None, Decimal("3.25"), Decimal("12"), Decimal("7.5"), None, Decimal("0")]
    weeks = [
        WeekHours(monday=monday + dt.timedelta(weeks=i), hours=value, norm=Decimal("6.5"))
        for i, value in enumerate(hours)
    ]
    rows = [(dt.date(2026, month, 1), 1, 2, 13, 1004, 2000) for month in range(1, 13)]
    with translation.override(language):
        assert str(hours_rows_html(weeks)) == _template(HOURS_LOOP, weeks=weeks)
        assert str(forecast_rows_html(rows)) == _template(FORECAST_LOOP, rows=rows)


@pytest.mark.django_db
def test_the_network_page_reads_the_facts_version_once(client, network):
    fill(network, people=5, weeks=6, followups=1)
    login(client, network.lead_worker)
    url = reverse("networks:detail", args=[network.pk])
    for _look in range(2):  # a first look derives, the second reads the cache
        with (
            CaptureQueriesContext(connection) as queries,
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            assert client.get(url).status_code == 200
        # Read with the network and the access check (networks.page_cache.network_for_page).
        versions = [q for q in queries if "participants_networkfactversion" in q["sql"]]
        assert len(versions) == 1
        assert 'FROM "networks_network"' in versions[0]["sql"]
