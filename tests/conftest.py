import pytest
from django.test import Client

from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)


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
