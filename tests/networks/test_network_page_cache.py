"""The network page's body kept per version of its data (networks/page_cache.py): after any
write (a service-like save, `QuerySet.update`, raw SQL, a rollback) the page equals the page
rendered without the cache; a viewer never gets another role's body; every table the page
reads renews the fact or page version (participants/page_triggers.py)."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import ActivityFactory, UserFactory
from tests.networks.test_network_views import fill
from tests.page_compare import page_text, raw_sql
from vangnet.core.permissions import Cap, has_cap
from vangnet.finance.models import FinanceSettings, MoneyEntry, NetworkBudget
from vangnet.houserules.models import HouseRules
from vangnet.interviews.models import Interview
from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem
from vangnet.network_evaluation.models import NetworkEvaluation, SubgoalJudgement
from vangnet.networks.models import Attendance, Network, PhaseTransition, Session
from vangnet.organisations.models import Role
from vangnet.participants import fact_triggers, page_triggers
from vangnet.participants.models import FollowUpTask, NetworkPageVersion, Participant
from vangnet.planning.models import PlanningSettings, WorkerHours
from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting
from vangnet.volunteers.models import NetworkHelper

pytestmark = pytest.mark.django_db

# Per request: the csrf token, the print line's minute (base.html, not the cached body).
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|CSRFToken": ")[^"]+')
MINUTE = re.compile(r"(Gemaakt op [^,<]*, )\d\d:\d\d")


@pytest.fixture
def page(network):
    """A network with rows in the sections of most apps, and viewers of four kinds."""
    today = timezone.localdate()
    fill(network, people=6, weeks=8, followups=2)
    org = network.organisation
    helper = UserFactory(organisation=org, role=Role.NETWORK_HELPER)
    NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name="Hanna Hulp",
        start_date=today - dt.timedelta(days=30),
        hours_per_week=Decimal("2"),
        user=helper,
    )
    MoneyEntry.objects.create(
        network=network,
        kind="expense",
        category="groceries",
        date=today,
        amount=Decimal("12.50"),
        description="Soep",
    )
    NetworkBudget.objects.create(network=network, year=today.year, amount=Decimal("1000"))
    HouseRules.objects.create(
        network=network, version=1, text="Op tijd komen", agreed_on=today - dt.timedelta(days=9)
    )
    session = Session.objects.filter(network=network).order_by("-date").first()
    output = NeighbourhoodOutput.objects.create(session=session, guests=3)
    OutputItem.objects.create(output=output, kind="meals", number=5)
    party = Party.objects.create(organisation=org, name="Gemeente Zuid", kind="municipality")
    party.networks.add(network)
    meeting = StakeholderMeeting.objects.create(
        organisation=org, date=today - dt.timedelta(days=7), kind="project_group", subject="Start"
    )
    meeting.networks.add(network)
    Agreement.objects.create(
        meeting=meeting, text="Zaal regelen", due_date=today + dt.timedelta(days=7)
    )
    evaluation = NetworkEvaluation.objects.create(network=network, moment="one_year")
    SubgoalJudgement.objects.create(evaluation=evaluation, subgoal="a", judgement="partly")
    monday = today - dt.timedelta(days=today.weekday() + 7)
    WorkerHours.objects.create(
        network=network, worker=network.lead_worker, week_start=monday, hours=Decimal("4")
    )
    viewers = {
        "coordinator": UserFactory(organisation=org, role=Role.COORDINATOR),
        "worker": network.lead_worker,
        "backup": network.backup_worker,
        "helper": helper,
    }
    clients = {name: login(Client(), user) for name, user in viewers.items()}
    return SimpleNamespace(
        network=network,
        org=org,
        today=today,
        clients=clients,
        output=output,
        party=party,
        meeting=meeting,
        evaluation=evaluation,
    )


def html(client: Client, network: Network, settings, *, cached: bool) -> str:
    settings.VANGNET_NETWORK_PAGE_CACHE_SECONDS = 3600 if cached else 0
    return page_text(client, reverse("networks:detail", args=[network.pk]))


def same_as_from_scratch(page, settings) -> dict[str, str]:
    pages = {}
    for name, client in page.clients.items():
        pages[name] = html(client, page.network, settings, cached=True)
        assert pages[name] == html(client, page.network, settings, cached=False), name
    return pages


def _rolled_back(page, rng) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        MoneyEntry.objects.filter(network=page.network).update(amount=Decimal("999"))
        raise RuntimeError


# Writes through every kind of path, to rows of most sections the page shows.
WRITES = {
    "money (update)": lambda p, rng: MoneyEntry.objects.filter(network=p.network).update(
        amount=Decimal(rng.randint(1, 500))
    ),
    "money (create)": lambda p, rng: MoneyEntry.objects.create(
        network=p.network,
        kind="income",
        category="own_contribution",
        date=p.today,
        amount=Decimal(rng.randint(1, 50)),
        description="Pot",
    ),
    "budget (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE finance_networkbudget SET amount = %s WHERE network_id = %s",
        [rng.randint(100, 5000), p.network.pk],
    ),
    "finance settings": lambda p, rng: FinanceSettings.objects.update_or_create(
        organisation=p.org, defaults={"warning_percent": rng.choice([10, 50, 90])}
    ),
    "house rules (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE houserules_houserules SET text = %s WHERE network_id = %s",
        [f"Regel {rng.randint(1, 99)}", p.network.pk],
    ),
    "output item": lambda p, rng: OutputItem.objects.filter(output=p.output).update(
        number=rng.randint(1, 40)
    ),
    "helper hours (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE volunteers_networkhelper SET hours_per_week = %s WHERE network_id = %s",
        [rng.randint(1, 9), p.network.pk],
    ),
    "party name (save)": lambda p, rng: (
        setattr(p.party, "name", f"Partij {rng.randint(1, 99)}"),
        p.party.save(),
    ),
    "agreement done": lambda p, rng: Agreement.objects.filter(meeting=p.meeting).update(
        status=rng.choice(["open", "done"])
    ),
    "agreement overdue": lambda p, rng: Agreement.objects.filter(meeting=p.meeting).update(
        due_date=p.today + dt.timedelta(days=rng.randint(-20, 20))
    ),
    "meeting unlinked or linked": lambda p, rng: (
        p.meeting.networks.remove(p.network)
        if p.meeting.networks.exists()
        else p.meeting.networks.add(p.network)
    ),
    "judgement": lambda p, rng: SubgoalJudgement.objects.filter(evaluation=p.evaluation).update(
        judgement=rng.choice(["achieved", "partly", "not_yet"])
    ),
    "worker hours": lambda p, rng: WorkerHours.objects.filter(network=p.network).update(
        hours=Decimal(rng.randint(0, 30))
    ),
    "planning settings": lambda p, rng: PlanningSettings.objects.update_or_create(
        organisation=p.org, defaults={"second_worker_above": rng.randint(1, 30)}
    ),
    "network target": lambda p, rng: Network.objects.filter(pk=p.network.pk).update(
        target_core_size=rng.randint(5, 25)
    ),
    "activity": lambda p, rng: ActivityFactory(network=p.network, name=f"Act {rng.random()}"),
    "phase transition": lambda p, rng: PhaseTransition.objects.create(
        network=p.network,
        phase=rng.choice(["build_up", "deepening"]),
        date=p.today - dt.timedelta(days=rng.randint(0, 60)),
        reason=f"Reden {rng.randint(1, 99)}",
        recorded_by=p.network.lead_worker,
    ),
    "follow-up closed": lambda p, rng: FollowUpTask.objects.filter(
        pk__in=FollowUpTask.objects.filter(network=p.network).values("pk")[:1]
    ).delete(),
    "attendance deleted": lambda p, rng: Attendance.objects.filter(
        pk__in=list(
            Attendance.objects.filter(session__network=p.network).values_list("pk", flat=True)
        )[rng.randint(0, 5) :][:3]
    ).delete(),
    "participant renamed (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE participants_participant SET display_name = %s WHERE id = %s",
        [f"Naam {rng.randint(1, 99)}", Participant.objects.filter(network=p.network).first().pk],
    ),
    "interview planned": lambda p, rng: Interview.objects.create(
        organisation=p.org,
        network=p.network,
        interviewer=p.network.lead_worker,
        planned_at=timezone.now(),
        place="Buurthuis",
    ),
    "rolled back": _rolled_back,
}


def test_the_cache_is_used_and_holds_few_queries(page, settings):
    client = page.clients["worker"]
    html(client, page.network, settings, cached=True)
    with CaptureQueriesContext(connection) as queries:
        html(client, page.network, settings, cached=True)
    # The session, the user, the network with its access check and versions, the audit
    # record of the open follow-ups (and the test's savepoint around it).
    assert len(queries) <= 6, [q["sql"][:80] for q in queries]
    assert sum('FROM "networks_network"' in q["sql"] for q in queries) == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_writes_the_page_equals_the_page_without_cache(page, settings, seed):
    rng = random.Random(seed)
    pages = same_as_from_scratch(page, settings)
    changed = 0
    for _step in range(12):
        name = rng.choice(sorted(WRITES))
        WRITES[name](page, rng)
        now = same_as_from_scratch(page, settings)
        changed += now != pages
        pages = now
    assert changed  # the writes changed what the page shows


@pytest.mark.parametrize("name", sorted(WRITES))
def test_each_write_gives_the_page_from_scratch(page, settings, name):
    same_as_from_scratch(page, settings)
    WRITES[name](page, random.Random(name))
    same_as_from_scratch(page, settings)


@pytest.mark.parametrize("first", ["coordinator", "worker"])
def test_a_lower_role_never_gets_a_higher_roles_body(page, settings, first):
    """The coordinator (or the lead worker) fills the cache first; the network helper and the
    backup worker then get their own body, equal to their page without the cache."""
    seen = {first: html(page.clients[first], page.network, settings, cached=True)}
    for name in ("helper", "backup", "worker", "coordinator"):
        seen[name] = html(page.clients[name], page.network, settings, cached=True)
        assert seen[name] == html(page.clients[name], page.network, settings, cached=False)
    assert "Zaal regelen" in seen["coordinator"]  # the stakeholders' section
    assert "Zaal regelen" not in seen["helper"]
    assert seen["helper"] != seen["coordinator"]
    # The lead worker may plan interviews, the backup worker may not (page_cache.viewer).
    plan = "Evaluatiegesprekken plannen"
    if has_cap(page.network.lead_worker, Cap.PLAN_EVALUATIONS):
        assert plan in seen["worker"] and plan not in seen["backup"]


def test_a_query_string_is_rendered_without_the_cache(page, settings):
    client = page.clients["coordinator"]
    url = reverse("networks:detail", args=[page.network.pk])
    settings.VANGNET_NETWORK_PAGE_CACHE_SECONDS = 3600
    with TestCase.captureOnCommitCallbacks(execute=True):
        plain = client.get(url).content
        asked = client.get(url + "?uitnodigingen=12").content
    assert plain != asked


def test_every_table_the_page_reads_renews_a_version(page, settings):
    """A new section that reads a table no trigger watches fails here: add the table to
    participants.page_triggers.PAGE_TABLES."""
    settings.VANGNET_NETWORK_PAGE_CACHE_SECONDS = 0
    read = set()
    for client in page.clients.values():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("networks:detail", args=[page.network.pk]))
        for query in queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                read |= set(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    watched = set(page_triggers.PAGE_TABLES) | set(fact_triggers.FACT_TABLES)
    # The request's own rows (session, viewer) and the header, rendered on every request.
    per_request = {"django_session", "organisations_user", "organisations_location"}
    versions = {"participants_networkfactversion", "participants_networkpageversion"}
    # The forecast's rates of the whole organisation (planning.rates_store): one row per
    # organisation and day, forecast version and route rules, all of which the body's key
    # holds (the day; the rules renew the page version), fitted once a day as before.
    per_day = {"planning_organisationrates"}
    # The forecast's simulated figures (planning.forecast_store): a row is read under the
    # digest of all the forecast's inputs, read before it from the watched tables or held
    # by the body's key, so it never answers for other inputs and needs no version.
    per_inputs = {"planning_simulatedforecast"}
    assert read - watched - per_request - versions - per_day - per_inputs == set()


def test_every_path_of_the_triggers_follows_the_models():
    tables = {
        model._meta.db_table: {field.column for field in model._meta.concrete_fields}
        for model in apps.get_models(include_auto_created=True)
    }
    for table, (column, steps) in page_triggers.PAGE_TABLES.items():
        assert column in tables[table], table
        for step_table, matched, taken in steps:
            assert {matched, taken} <= tables[step_table], (table, step_table)


def test_writes_renew_the_page_version_of_their_networks_only(page):
    from tests.factories import NetworkFactory

    other = NetworkFactory(organisation=page.org)
    stranger = NetworkFactory()

    def tokens():
        return dict(NetworkPageVersion.objects.values_list("network_id", "token"))

    before = tokens()
    HouseRules.objects.filter(network=page.network).update(text="Nieuw")
    after = tokens()
    assert after[page.network.pk] != before[page.network.pk]
    assert after[other.pk] == before[other.pk] and after[stranger.pk] == before[stranger.pk]
    PlanningSettings.objects.update_or_create(organisation=page.org)  # the organisation's
    again = tokens()
    assert again[page.network.pk] != after[page.network.pk] and again[other.pk] != after[other.pk]
    assert again[stranger.pk] == after[stranger.pk]
    OutputItem.objects.filter(output=page.output).delete()  # two steps to the network
    assert tokens()[page.network.pk] != again[page.network.pk]
    pk = other.pk
    Network.objects.filter(pk=pk).delete()
    assert pk not in tokens()
