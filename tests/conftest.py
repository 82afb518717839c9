import datetime as dt

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.authz import extend_world
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    ReferralPartnerFactory,
    SessionFactory,
    UserFactory,
)

# Property tests run the same examples every time (no flaky CI), without wall-clock limits:
# the suite shares two cores with the browser tests and PostgreSQL.
hypothesis_settings.register_profile(
    "vangnet",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile("vangnet")


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs: the suite hashes many passwords; production keeps the defaults."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.conftest.CheapArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _receipts_dir(settings, tmp_path_factory):
    """Uploaded receipts (finance) and library files (growth) go to a temporary folder of
    this test alone, never to ./data: a file an earlier test left (its rows rolled back)
    would otherwise turn up in this test's backup."""
    root = tmp_path_factory.mktemp("receipts")
    settings.VANGNET_RECEIPTS_DIR = root
    settings.VANGNET_RESOURCES_DIR = root / "resources"


@pytest.fixture(autouse=True)
def _session_saved_once_per_test(settings):
    """A signed-in session is saved at most once a minute (vangnet.core.session_touch); a
    test slower than that on a busy machine would see an extra save in its query counts.
    tests/core/test_session_touch.py sets the minute back."""
    settings.VANGNET_SESSION_REFRESH_SECONDS = 24 * 3600


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: cached routes and figures are keyed on row
    ids and change times, which a new test database can repeat."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def network(organisation):
    return NetworkFactory(organisation=organisation)


@pytest.fixture
def worker(network):
    """The network's lead social worker."""
    return network.lead_worker


@pytest.fixture
def csrf_client():
    """A test client that enforces CSRF like a browser does."""
    return Client(enforce_csrf_checks=True)


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def worker_client(client, worker):
    return login(client, worker)


@pytest.fixture
def coordinator(organisation):
    return UserFactory(organisation=organisation, coordinator=True)


@pytest.fixture
def org_admin(organisation):
    return UserFactory(organisation=organisation, admin=True)


@pytest.fixture
def world(db):
    """One organisation with two networks, every role, and one object of every kind that a
    URL can name; plus a network and users of another organisation."""
    from vangnet.logbook.models import LogEntry
    from vangnet.participants.models import FollowUpTask
    from vangnet.support.models import Client

    organisation = OrganisationFactory()
    network = NetworkFactory(organisation=organisation)
    other_network = NetworkFactory(organisation=organisation)
    foreign_network = NetworkFactory()
    participant = ParticipantFactory(network=network)
    activity = ActivityFactory(network=network)
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    session.activities.add(activity)
    partner = ReferralPartnerFactory(organisation=organisation)
    location = network.location
    entry = LogEntry.objects.create(
        network=network, author=network.lead_worker, date=dt.date(2025, 2, 5), text="Goed begin."
    )
    task = FollowUpTask.objects.create(
        participant=participant, network=network, created_on=dt.date(2025, 3, 1), missed_sessions=2
    )
    client_record = Client.objects.create(
        organisation=organisation,
        display_name="Kees",
        worker=network.lead_worker,
        backup_worker=network.backup_worker,
    )
    users = {
        "lead": network.lead_worker,
        "backup": network.backup_worker,
        "other_worker": other_network.lead_worker,
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
        "admin": UserFactory(organisation=organisation, admin=True),
        "evaluator": UserFactory(organisation=organisation, evaluator=True),
        "municipality": UserFactory(organisation=organisation, municipality=True),
        "foreign_worker": foreign_network.lead_worker,
        "foreign_admin": UserFactory(organisation=foreign_network.organisation, admin=True),
    }
    kwargs = {
        "network_id": network.pk,
        "participant_id": participant.pk,
        "session_id": session.pk,
        "activity_id": activity.pk,
        "partner_id": partner.pk,
        "location_id": location.pk,
        # A colleague only named in URLs: resetting their password or 2FA in one request
        # must not sign out a user the next request is made as.
        "user_id": UserFactory(organisation=organisation).pk,
        "entry_id": entry.pk,
        "task_id": task.pk,
        "client_id": client_record.pk,
    }
    world = {
        "organisation": organisation,
        "network": network,
        "participant": participant,
        "users": users,
        "kwargs": kwargs,
    }
    extend_world(world)  # the objects of later areas: tests/authz/
    return world


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider process on loopback (tests/oidc_provider.py)."""
    from tests.oidc_provider import provider_process

    with provider_process() as provider:
        yield provider


@pytest.fixture
def ratelimit_clock(monkeypatch):
    """core.ratelimit counts in fixed windows: a test's requests must not straddle a
    window's end, so its clock stands still in the middle of one."""
    from vangnet.core import ratelimit

    monkeypatch.setattr(ratelimit, "clock", lambda: 1_000_030.0)
