import pytest

from tests.authz.finance import PNG_BYTES
from tests.factories import ActivityFactory, NetworkFactory, UserFactory


@pytest.fixture
def money_network(db):
    return NetworkFactory()


@pytest.fixture
def activity(money_network):
    return ActivityFactory(network=money_network)


@pytest.fixture
def coordinator(money_network):
    return UserFactory(organisation=money_network.organisation, coordinator=True)


@pytest.fixture
def png_bytes():
    return PNG_BYTES
