"""The session screen's body kept per version of its data (networks/sessions/screen_body.py):
after any write (the ORM, `QuerySet.update`, raw SQL, a rollback) the screen equals the
screen rendered without any cache, for the lead and the backup worker in Dutch and English;
a viewer never gets another organisation's body; a bound form, the outcome after a save, a
paper list taken over and a session for the neighbourhood are never kept; every table the
screen reads renews a version or is in the key; every view writes its audit record."""

from __future__ import annotations

import datetime as dt
import random
import re
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    ParticipantFactory,
    ReferralPartnerFactory,
    UserFactory,
)
from tests.networks.session_form import form_data, record_url
from tests.page_compare import cached_equals_fresh, page_text, raw_sql
from tests.participants.factories import attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import (
    Activity,
    AnnouncedAbsence,
    Attendance,
    Audience,
    Contribution,
    Network,
    Session,
)
from vangnet.networks.sessions import screen_body
from vangnet.organisations.models import Organisation, Role, User
from vangnet.participants import data_triggers, fact_triggers, page_triggers
from vangnet.participants.models import RouteEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def screen(network):
    """A session with marks of every kind, a history before it, and its two workers."""
    today = timezone.localdate()
    org = network.organisation
    Organisation.objects.filter(pk=org.pk).update(absence_reasons=["ziek", "vakantie"])
    activity = ActivityFactory(network=network, tasks=["koken", "afwassen"])
    sessions = weekly_sessions(network, today - dt.timedelta(weeks=8), 9)
    for session in sessions:
        session.activities.add(activity)
    people = [
        ParticipantFactory(network=network, display_name=name)
        for name in ("Anna <i>", "Bert", "Cees", "Dirk", "Eva")
    ]
    for number, person in enumerate(people[:4]):
        attend(person, sessions[number : number + 6])
    Contribution.objects.bulk_create(
        Contribution(session=session, participant=people[0], task="koken")
        for session in sessions[2:8]
    )
    target = sessions[-1]
    Attendance.objects.create(session=target, participant=people[1])
    Contribution.objects.create(session=target, participant=people[1], task="eigen taak")
    AnnouncedAbsence.objects.create(
        session=target, participant=people[2], reason="ziek", by_participant=True
    )
    saver = UserFactory(organisation=org, first_name="Sanne")
    Session.objects.filter(pk=target.pk).update(note="Fijne middag", updated_by=saver)
    viewers = {"lead": network.lead_worker, "backup": network.backup_worker}
    clients = {name: login(Client(), user) for name, user in viewers.items()}
    return SimpleNamespace(
        network=network,
        org=org,
        today=today,
        activity=activity,
        sessions=sessions,
        target=target,
        people=people,
        saver=saver,
        clients=clients,
    )


def html(client: Client, session, settings, *, cached: bool, language="nl", query="") -> str:
    """The screen as `client` gets it; without any cache (the body's, the screen's base,
    the routes) when not `cached`."""
    settings.VANGNET_SESSION_SCREEN_CACHE_SECONDS = 3600 if cached else 0
    settings.VANGNET_ROUTE_CACHE_SECONDS = 3600 if cached else 0
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return page_text(client, record_url(session) + query)


def same_as_from_scratch(screen, settings) -> dict[tuple[str, str], str]:
    return cached_equals_fresh(
        screen.clients, lambda client, **how: html(client, screen.target, settings, **how)
    )


def _rolled_back(s, rng) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        Attendance.objects.filter(session=s.target).delete()
        Contribution.objects.filter(session=s.target).update(task="Terug")
        raise RuntimeError


def _saved_by_another(s, rng) -> None:
    other = UserFactory(organisation=s.org, first_name=f"Collega {rng.randint(1, 99)}")
    Session.objects.filter(pk=s.target.pk).update(
        updated_by=other, updated_at=timezone.now(), version=F("version") + 1, recorded=True
    )


# Writes through every kind of path, to every kind of row the screen shows.
WRITES = {
    "present (create)": lambda s, rng: Attendance.objects.get_or_create(
        session=s.target, participant=rng.choice(s.people)
    ),
    "present (raw SQL delete)": lambda s, rng: raw_sql(
        "DELETE FROM networks_attendance WHERE session_id = %s AND participant_id = %s",
        [s.target.pk, rng.choice(s.people).pk],
    ),
    "last week's marks": lambda s, rng: Attendance.objects.get_or_create(
        session=s.sessions[-2], participant=rng.choice(s.people)
    ),
    "contribution (create)": lambda s, rng: Contribution.objects.get_or_create(
        session=s.target, participant=rng.choice(s.people), task=rng.choice(["koken", "tuin"])
    ),
    "contribution (raw SQL)": lambda s, rng: raw_sql(
        "UPDATE networks_contribution SET task = %s WHERE session_id = %s",
        [f"taak {rng.randint(1, 99)}", s.target.pk],
    ),
    "contribution earlier (usual task)": lambda s, rng: Contribution.objects.get_or_create(
        session=rng.choice(s.sessions[:-1]), participant=rng.choice(s.people), task="afwassen"
    ),
    "contribution (delete)": lambda s, rng: Contribution.objects.filter(session=s.target).delete(),
    "absence": lambda s, rng: AnnouncedAbsence.objects.update_or_create(
        session=s.target,
        participant=rng.choice(s.people),
        defaults={"reason": rng.choice(["", "vakantie"]), "by_participant": rng.random() < 0.5},
    ),
    "absence (delete)": lambda s, rng: AnnouncedAbsence.objects.filter(session=s.target).delete(),
    "renamed (raw SQL)": lambda s, rng: raw_sql(
        "UPDATE participants_participant SET display_name = %s WHERE id = %s",
        [f"Naam {rng.randint(1, 99)}", rng.choice(s.people).pk],
    ),
    "newcomer": lambda s, rng: s.people.append(
        ParticipantFactory(network=s.network, display_name=f"Nieuw {len(s.people)}")
    ),
    "route event": lambda s, rng: RouteEvent.objects.create(
        participant=rng.choice(s.people),
        stage=rng.choice(["dropped_out", "referred_on"]),
        date=s.today - dt.timedelta(weeks=rng.randint(1, 6)),
    ),
    "note (update)": lambda s, rng: Session.objects.filter(pk=s.target.pk).update(
        note=f"Notitie {rng.randint(1, 99)}", version=F("version") + 1
    ),
    "title": lambda s, rng: Session.objects.filter(pk=s.target.pk).update(
        title=rng.choice(["", "Kerstlunch"])
    ),
    "saved by another": _saved_by_another,
    "saver renamed": lambda s, rng: User.objects.filter(pk=s.saver.pk).update(
        first_name=f"Sanne {rng.randint(1, 99)}"
    ),
    "previous session unrecorded": lambda s, rng: Session.objects.filter(
        pk=s.sessions[-2].pk
    ).update(recorded=rng.random() < 0.5),
    "activity's tasks": lambda s, rng: Activity.objects.filter(pk=s.activity.pk).update(
        tasks=rng.choice([["koken"], ["koken", "afwassen", "tuin"]]),
        name=f"Lunch {rng.randint(1, 9)}",
    ),
    "activity taken off the session": lambda s, rng: s.target.activities.clear(),
    "absence reasons": lambda s, rng: Organisation.objects.filter(pk=s.org.pk).update(
        absence_reasons=rng.choice([["ziek"], ["ziek", "afspraak", "vakantie"]])
    ),
    "route rule": lambda s, rng: Organisation.objects.filter(pk=s.org.pk).update(
        dropout_after_weeks=rng.randint(1, 12)
    ),
    "network renamed": lambda s, rng: Network.objects.filter(pk=s.network.pk).update(
        name=f"Net {rng.randint(1, 99)}"
    ),
    "lead and backup worker swapped": lambda s, rng: raw_sql(
        "UPDATE networks_network SET lead_worker_id = backup_worker_id, "
        "backup_worker_id = lead_worker_id WHERE id = %s",
        [s.network.pk],
    ),
    "rolled back": _rolled_back,
}


def test_the_cache_is_used_and_holds_few_queries(screen, settings, monkeypatch):
    client = screen.clients["lead"]
    first = html(client, screen.target, settings, cached=True)
    monkeypatch.setattr(
        "vangnet.networks.sessions.views._plain_body", lambda *args: pytest.fail("rendered")
    )
    with CaptureQueriesContext(connection) as queries:
        assert html(client, screen.target, settings, cached=True) == first
    # The login session, the user, the network with its access check and versions, the
    # session's id and last saver, the audit record (and the test's savepoints around it).
    assert len(queries) <= 7, [q["sql"][:80] for q in queries]
    assert sum('FROM "networks_session"' in q["sql"] for q in queries) == 1
    assert not any("networks_attendance" in q["sql"] for q in queries)


def test_the_queries_of_a_cached_screen_do_not_grow_with_the_data(screen, settings):
    client = screen.clients["lead"]

    def counted() -> int:
        html(client, screen.target, settings, cached=True)
        with CaptureQueriesContext(connection) as queries:
            html(client, screen.target, settings, cached=True)
        return len(queries)

    few = counted()
    more = weekly_sessions(screen.network, screen.today - dt.timedelta(weeks=60), 40)
    for number in range(20):
        person = ParticipantFactory(network=screen.network, display_name=f"P{number}")
        attend(person, more[number:])
        Attendance.objects.create(session=screen.target, participant=person)
    assert counted() == few


def test_every_view_writes_its_audit_record(screen, settings):
    for _ in range(3):
        html(screen.clients["backup"], screen.target, settings, cached=True)
    views = AuditEvent.objects.filter(
        action="view", object_type="networks.session", object_id=str(screen.target.pk)
    )
    assert views.count() == 3


@hypothesis_settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(st.tuples(st.sampled_from(sorted(WRITES)), st.integers(0, 99)), max_size=6))
def test_after_random_writes_the_screen_equals_the_screen_without_cache(screen, settings, history):
    same_as_from_scratch(screen, settings)
    for name, seed in history:
        WRITES[name](screen, random.Random(seed))
        same_as_from_scratch(screen, settings)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_each_write_gives_the_screen_from_scratch(screen, settings, name):
    same_as_from_scratch(screen, settings)
    WRITES[name](screen, random.Random(name))
    same_as_from_scratch(screen, settings)


def test_a_colleague_of_the_same_role_shares_the_entry_and_another_role_does_not(screen):
    network = Network.objects.get(pk=screen.network.pk)
    lead, backup = network.lead_worker, network.backup_worker
    colleagues = [UserFactory(organisation=screen.org, role=Role.SOCIAL_WORKER) for _ in range(2)]
    helper = UserFactory(organisation=screen.org, role=Role.NETWORK_HELPER)
    elsewhere = UserFactory(role=Role.SOCIAL_WORKER)  # another organisation
    for name in screen_body.versions_with_network():
        setattr(network, name, 1)
    head = screen_body.session_head(network=network, session_id=screen.target.pk)

    def key(user, today=screen.today):
        return screen_body.body_key(network=network, session=head, user=user, today=today)

    assert len({key(lead), key(backup), key(helper), key(elsewhere)}) == 4
    assert key(colleagues[0]) == key(colleagues[1])  # same role and place: one entry
    assert key(lead) != key(lead, screen.today + dt.timedelta(days=1))
    with translation.override("nl"):
        dutch = key(lead)
    with translation.override("en"):
        assert key(lead) != dutch


def test_another_organisations_worker_never_gets_the_body(screen, settings):
    html(screen.clients["lead"], screen.target, settings, cached=True)
    stranger = login(Client(), UserFactory(role=Role.SOCIAL_WORKER))
    response = stranger.get(record_url(screen.target))
    assert response.status_code == 404
    assert b"Bert" not in response.content
    # A worker of the organisation without this network: 404 as well; a coordinator: 403.
    colleague = UserFactory(organisation=screen.org, role=Role.SOCIAL_WORKER)
    assert login(Client(), colleague).get(record_url(screen.target)).status_code == 404
    coordinator = UserFactory(organisation=screen.org, role=Role.COORDINATOR)
    assert login(Client(), coordinator).get(record_url(screen.target)).status_code == 403
    # Another network's session under this network's address: 404, also when cached.
    other = weekly_sessions(NetworkFactory(organisation=screen.org), screen.today, 1)[0]
    url = reverse("networks:session_record", args=[screen.network.pk, other.pk])
    assert screen.clients["lead"].get(url).status_code == 404


def test_a_bound_form_is_rendered_without_the_cache(screen, settings):
    client = screen.clients["lead"]
    clean = html(client, screen.target, settings, cached=True)
    data = form_data(screen.target, version="oud", newcomer="Zara <b>")
    response = client.post(record_url(screen.target), data)
    assert response.status_code == 400
    assert "Zara &lt;b&gt;" in response.content.decode()
    assert html(client, screen.target, settings, cached=True) == clean  # nothing kept


def test_the_outcome_after_a_save_is_shown_once_and_never_kept(screen, settings):
    client = screen.clients["lead"]
    html(client, screen.target, settings, cached=True)
    bert = screen.people[1]
    data = form_data(screen.target, present=[bert.pk, screen.people[3].pk])
    data["base_present"] = str(bert.pk)
    data["base_contributions"] = f'[[{bert.pk}, "eigen taak"]]'
    data["base_absent"] = f'[[{screen.people[2].pk}, "ziek"]]'
    data["note"] = data["base_note"] = "Fijne middag"
    data[f"absent-{screen.people[2].pk}"] = "ziek"
    data[f"task-{bert.pk}"] = "eigen taak"
    assert client.post(record_url(screen.target), data).status_code == 302
    after = html(client, screen.target, settings, cached=True)
    assert "outcome" in after
    again = html(client, screen.target, settings, cached=True)
    assert "outcome" not in again
    assert again == html(client, screen.target, settings, cached=False)


def test_the_paper_list_taken_over_is_rendered_without_the_cache(screen, settings):
    client = screen.clients["lead"]
    plain = html(client, screen.target, settings, cached=True)
    paper = html(client, screen.target, settings, cached=True, query="?van=papier")
    assert paper != plain and "paper-note" in paper
    assert html(client, screen.target, settings, cached=True) == plain


def test_a_session_for_the_neighbourhood_is_never_kept(screen, settings):
    """Its section lists the organisation's referral partners, which no version covers."""
    Activity.objects.filter(pk=screen.activity.pk).update(audience=Audience.NEIGHBOURHOOD)
    partner = ReferralPartnerFactory(organisation=screen.org, name="Wijkteam Oost")
    client = screen.clients["lead"]
    assert "Wijkteam Oost" in html(client, screen.target, settings, cached=True)
    type(partner).objects.filter(pk=partner.pk).update(name="Wijkteam West")
    assert "Wijkteam West" in html(client, screen.target, settings, cached=True)


def test_every_table_the_screen_reads_renews_a_version(screen, settings):
    """A new part of the screen that reads a table no trigger watches fails here: add the
    table to a version the body keys on (or the row to the key)."""
    read = set()
    for client in screen.clients.values():
        html(client, screen.target, settings, cached=False)  # warm the per-day parts
        settings.VANGNET_SESSION_SCREEN_CACHE_SECONDS = 0
        with CaptureQueriesContext(connection) as queries:
            client.get(record_url(screen.target))
        for query in queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                read |= set(re.findall(r'(?:FROM|JOIN) "?(\w+)"?', query["sql"]))
    watched = (
        set(page_triggers.PAGE_TABLES)
        | set(fact_triggers.FACT_TABLES)
        | set(data_triggers.KINDS["person"])
        | set(data_triggers.KINDS["absences"])
    )
    # The request's own rows (login session, viewer); the last saver's name, in the key.
    per_request = {"django_session", "organisations_user"}
    versions = {
        "participants_networkfactversion",
        "participants_networkpageversion",
        "participants_networkdataversion",
        "participants_participantfactversion",  # the route cache's, per person
    }
    assert read - watched - per_request - versions == set()
