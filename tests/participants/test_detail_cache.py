"""The participant page's body kept per version of its data (participants/detail_cache.py):
after any write (the ORM, `QuerySet.update`, raw SQL, a rollback) the page equals the page
rendered without the cache, for every viewer and language; a viewer never gets another
role's, organisation's or language's body; every table the page reads renews a version or
is in the key; every view still writes its audit record."""

from __future__ import annotations

import datetime as dt
import random
import re
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, ReferralPartnerFactory, UserFactory
from tests.page_compare import cached_equals_fresh, page_text, raw_sql
from tests.participants.factories import FollowUpTaskFactory, attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.myspace.rights_models import ErasureRequest
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Network
from vangnet.organisations.models import Organisation, Role
from vangnet.participants import data_triggers, detail_cache, fact_triggers, page_triggers
from vangnet.participants.models import FollowUpTask, Participant, RouteEvent
from vangnet.privacy.models import ConsentRecord
from vangnet.support.models import Alter, ConsentChange, NetworkMap

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(network):
    """A participant with rows of every kind the page shows, and viewers of three kinds."""
    today = timezone.localdate()
    org = network.organisation
    sessions = weekly_sessions(network, today - dt.timedelta(weeks=10), 10)
    partner = ReferralPartnerFactory(organisation=org, name="Wijkteam Oost")
    bert = ParticipantFactory(network=network, display_name="Bert")
    anna = ParticipantFactory(
        network=network,
        display_name="Anna <i>",
        came_in_via="partner",
        referral_partner=partner,
        invited_by=bert,
        invited_on=sessions[0].date,
        phone="06 123",
        notes="Eerste regel\nTweede",
    )
    ParticipantFactory(network=network, display_name="Cees", invited_by=anna)
    attend(anna, sessions[:6])
    attend(bert, sessions[2:])
    Contribution.objects.bulk_create(
        Contribution(session=session, participant=anna, task=task)
        for session in sessions[:6]
        for task in ("koken", "afwas")[: 1 + session.pk % 2]
    )
    AnnouncedAbsence.objects.create(session=sessions[7], participant=anna, reason="ziek")
    FollowUpTaskFactory(participant=anna, network=network, created_on=today, missed_sessions=3)
    ConsentRecord.objects.create(
        organisation=org, participant=anna, kind="photos", given_on=today, given_by_participant=True
    )
    network_map = NetworkMap.objects.create(participant=anna, wave_date=today)
    alter = Alter.objects.create(network_map=network_map, name="Zus", kind="family")
    # The lead worker (a social worker) and the backup worker: the roles that see a
    # participant (coordinators see no participants).
    viewers = {"worker": network.lead_worker, "backup": network.backup_worker}
    clients = {name: login(Client(), user) for name, user in viewers.items()}
    return SimpleNamespace(
        network=network,
        org=org,
        today=today,
        anna=anna,
        bert=bert,
        partner=partner,
        sessions=sessions,
        alter=alter,
        clients=clients,
    )


def html(client: Client, person: Participant, settings, *, cached: bool, language="nl") -> str:
    settings.VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = 3600 if cached else 0
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return page_text(client, reverse("participants:detail", args=[person.pk]))


def same_as_from_scratch(page, settings) -> dict[tuple[str, str], str]:
    return cached_equals_fresh(
        page.clients, lambda client, **how: html(client, page.anna, settings, **how)
    )


def _rolled_back(page, rng) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        Contribution.objects.filter(participant=page.anna).delete()
        AnnouncedAbsence.objects.filter(participant=page.anna).update(reason="Terug")
        raise RuntimeError


def _other_network_invitee(page, rng) -> None:
    """Someone of another network of the organisation, invited by Anna: Anna's page lists
    them (the person kind of the inviter's network is renewed)."""
    other = Network.objects.exclude(pk=page.network.pk).filter(organisation=page.org).first()
    other = other or NetworkFactory(organisation=page.org)
    ParticipantFactory(
        network=other, display_name=f"Ver {rng.randint(1, 99)}", invited_by=page.anna
    )


# Writes through every kind of path, to every kind of row the page shows.
WRITES = {
    "contribution (create)": lambda p, rng: Contribution.objects.get_or_create(
        session=rng.choice(p.sessions), participant=p.anna, task=f"taak {rng.randint(1, 9)}"
    ),
    "contribution (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE networks_contribution SET task = task || %s WHERE participant_id = %s",
        [f" {rng.randint(1, 99)}", p.anna.pk],
    ),
    "contribution (delete)": lambda p, rng: Contribution.objects.filter(
        pk__in=list(Contribution.objects.filter(participant=p.anna).values_list("pk", flat=True))[
            :1
        ]
    ).delete(),
    "absence (by the participant)": lambda p, rng: AnnouncedAbsence.objects.update_or_create(
        session=rng.choice(p.sessions),
        participant=p.anna,
        defaults={"reason": rng.choice(["", "ziek"]), "by_participant": rng.random() < 0.5},
    ),
    "consent withdrawn (update)": lambda p, rng: ConsentRecord.objects.filter(
        participant=p.anna
    ).update(withdrawn_on=p.today, withdrawn_by_participant=rng.random() < 0.5),
    "consent change on the map": lambda p, rng: ConsentChange.objects.create(
        alter=p.alter, consent=rng.choice(["yes", "no"]), by_person=True
    ),
    "erasure asked": lambda p, rng: ErasureRequest.objects.create(
        organisation=p.org, participant=p.anna
    ),
    "erasure withdrawn (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE myspace_erasurerequest SET withdrawn_at = %s WHERE participant_id = %s",
        [timezone.now(), p.anna.pk],
    ),
    "wishes by the participant": lambda p, rng: Participant.objects.filter(pk=p.anna.pk).update(
        wishes=[f"wens {rng.randint(1, 9)}"], wishes_by_participant_at=timezone.now()
    ),
    "renamed (raw SQL)": lambda p, rng: raw_sql(
        "UPDATE participants_participant SET display_name = %s WHERE id = %s",
        [f"Anna {rng.randint(1, 99)}", p.anna.pk],
    ),
    "inviter renamed": lambda p, rng: Participant.objects.filter(pk=p.bert.pk).update(
        display_name=f"Bert {rng.randint(1, 99)}"
    ),
    "invitee in another network": _other_network_invitee,
    "partner renamed": lambda p, rng: (
        type(p.partner).objects.filter(pk=p.partner.pk).update(name=f"Team {rng.randint(1, 99)}")
    ),
    "attendance": lambda p, rng: Attendance.objects.get_or_create(
        session=rng.choice(p.sessions), participant=p.anna
    ),
    "route event": lambda p, rng: RouteEvent.objects.create(
        participant=p.anna,
        stage=rng.choice(["dropped_out", "steady"]),
        date=p.today - dt.timedelta(days=rng.randint(0, 20)),
        reason="Gesprek",
    ),
    "follow-up closed": lambda p, rng: FollowUpTask.objects.filter(participant=p.anna).update(
        status="closed", closed_on=p.today, outcome="Gebeld"
    ),
    "network renamed": lambda p, rng: Network.objects.filter(pk=p.network.pk).update(
        name=f"Net {rng.randint(1, 99)}"
    ),
    "lead and backup worker swapped": lambda p, rng: raw_sql(
        "UPDATE networks_network SET lead_worker_id = backup_worker_id, "
        "backup_worker_id = lead_worker_id WHERE id = %s",
        [p.network.pk],
    ),
    "method rule": lambda p, rng: Organisation.objects.filter(pk=p.org.pk).update(
        dropout_after_weeks=rng.randint(2, 12)
    ),
    "rolled back": _rolled_back,
}


def test_the_cache_is_used_and_holds_few_queries(page, settings, monkeypatch):
    client = page.clients["worker"]
    first = html(client, page.anna, settings, cached=True)
    monkeypatch.setattr(
        "vangnet.participants.views._detail_body", lambda *args: pytest.fail("rendered")
    )
    with CaptureQueriesContext(connection) as queries:
        assert html(client, page.anna, settings, cached=True) == first
    # The session, the user, the participant with its access check and versions, the audit
    # record (and the test's savepoint around it).
    assert len(queries) <= 6, [q["sql"][:80] for q in queries]
    assert sum('FROM "participants_participant"' in q["sql"] for q in queries) == 1


def test_the_queries_of_a_cached_page_do_not_grow_with_the_data(page, settings):
    client = page.clients["worker"]

    def counted() -> int:
        html(client, page.anna, settings, cached=True)
        with CaptureQueriesContext(connection) as queries:
            html(client, page.anna, settings, cached=True)
        return len(queries)

    few = counted()
    more = weekly_sessions(page.network, page.today - dt.timedelta(weeks=40), 30)
    attend(page.anna, more)
    Contribution.objects.bulk_create(
        Contribution(session=session, participant=page.anna, task="tuin") for session in more
    )
    for number in range(10):
        ParticipantFactory(network=page.network, invited_by=page.anna, display_name=f"P{number}")
    assert counted() == few


def test_every_view_writes_its_audit_record(page, settings):
    client = page.clients["backup"]
    for _ in range(3):
        html(client, page.anna, settings, cached=True)
    views = AuditEvent.objects.filter(action="view", object_id=str(page.anna.pk))
    assert views.count() == 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_writes_the_page_equals_the_page_without_cache(page, settings, seed):
    rng = random.Random(seed)
    pages = same_as_from_scratch(page, settings)
    changed = 0
    for _step in range(10):
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


@pytest.mark.parametrize("first", ["worker", "backup"])
def test_no_viewer_gets_another_roles_or_languages_body(page, settings, first):
    """One viewer fills the cache first; every other viewer and language then gets their
    own body, equal to their page without the cache."""
    html(page.clients[first], page.anna, settings, cached=True, language="en")
    seen = same_as_from_scratch(page, settings)
    erase = reverse("privacy:erase", args=[page.anna.pk])
    assert erase in seen["worker", "nl"]  # the lead worker's links
    assert erase not in seen["backup", "nl"]
    assert seen["worker", "nl"] != seen["worker", "en"]


def test_a_colleague_of_the_same_role_never_gets_the_lead_workers_body(page, settings):
    colleague = UserFactory(organisation=page.org, role=Role.SOCIAL_WORKER)
    Network.objects.filter(pk=page.network.pk).update(backup_worker=colleague)
    lead = html(page.clients["worker"], page.anna, settings, cached=True)
    client = login(Client(), colleague)
    theirs = html(client, page.anna, settings, cached=True)
    assert theirs == html(client, page.anna, settings, cached=False)
    erase = reverse("privacy:erase", args=[page.anna.pk])
    assert erase in lead and erase not in theirs


def test_another_organisations_viewer_never_gets_the_body(page, settings):
    html(page.clients["worker"], page.anna, settings, cached=True)
    stranger = login(Client(), UserFactory(role=Role.SOCIAL_WORKER))
    settings.VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = 3600
    response = stranger.get(reverse("participants:detail", args=[page.anna.pk]))
    assert response.status_code == 404
    assert b"Anna" not in response.content


def test_the_key_holds_everything_of_the_viewer_and_the_day(page):
    lead, backup = page.network.lead_worker, page.network.backup_worker
    anna = detail_cache.participant_for_page(user=lead, participant_id=page.anna.pk)
    colleagues = [UserFactory(organisation=page.org, role=Role.SOCIAL_WORKER) for _ in range(2)]
    elsewhere = UserFactory(role=Role.SOCIAL_WORKER)  # another organisation

    def key(user, today=page.today):
        return detail_cache.body_key(participant=anna, user=user, today=today)

    assert len({key(lead), key(backup), key(colleagues[0]), key(elsewhere)}) == 4
    assert key(colleagues[0]) == key(colleagues[1])  # same role and place: one entry
    assert key(lead) != key(lead, page.today + dt.timedelta(days=1))
    dutch = key(lead)
    with translation.override("en"):
        assert key(lead) != dutch


def test_bound_route_forms_are_rendered_without_the_cache(page, settings):
    client = page.clients["worker"]
    html(client, page.anna, settings, cached=True)
    settings.VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = 3600
    response = client.post(
        reverse("participants:route_event", args=[page.anna.pk]),
        {"kind": "referral", "referral-date": "", "referral-referred_to": "Ergens <b>"},
    )
    assert response.status_code == 200
    assert "Ergens &lt;b&gt;" in response.content.decode()


def test_every_table_the_page_reads_renews_a_version(page, settings):
    """A new part of the page that reads a table no trigger watches fails here: add the
    table to a kind the page keys on (participants.data_triggers.KINDS["person"])."""
    settings.VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = 0
    read = set()
    for client in page.clients.values():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("participants:detail", args=[page.anna.pk]))
        for query in queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                read |= set(re.findall(r'(?:FROM|JOIN) "?(\w+)"?', query["sql"]))
    watched = (
        set(page_triggers.PAGE_TABLES)
        | set(fact_triggers.FACT_TABLES)
        | set(data_triggers.KINDS["person"])
        | set(data_triggers.KINDS["absences"])
        | set(data_triggers.KINDS["evaluation"])
    )
    # The request's own rows (session, viewer); rows loaded with the participant and held in
    # the key (its referral partner); the tables a self-made change is found through (a map
    # and its people, an interview's report: their link to the person never changes).
    per_request = {"django_session", "organisations_user"}
    in_key = {"participants_referralpartner"}
    paths = {"support_alter", "support_networkmap", "interviews_interviewreport"}
    versions = {
        "participants_networkfactversion",
        "participants_networkpageversion",
        "participants_networkdataversion",
        "participants_participantfactversion",  # the route cache's, per person
    }
    assert read - watched - per_request - in_key - paths - versions == set()
