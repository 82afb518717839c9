import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client

from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs: the suite hashes many passwords; production keeps the defaults."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.conftest.CheapArgon2PasswordHasher"]


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
