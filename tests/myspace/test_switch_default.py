"""Issue 16 item 5: Mijn Vangnet is off by default for every organisation and network, and
is switched on per network (participants) or per organisation (network-support clients)."""

from tests.factories import NetworkFactory, ParticipantFactory
from tests.myspace.test_contacts import _client_with_map
from vangnet.myspace import services
from vangnet.myspace.selectors import space_enabled


def test_off_by_default_and_on_per_network(db):
    network = NetworkFactory()
    other = NetworkFactory(organisation=network.organisation)
    anna = ParticipantFactory(network=network)
    bert = ParticipantFactory(network=other)
    organisation = network.organisation
    assert not space_enabled(organisation=organisation, participant=anna)
    assert not space_enabled(organisation=organisation, participant=bert)
    services.space_switch_set(
        organisation=organisation, network=network, on=True, actor=network.lead_worker
    )
    assert space_enabled(organisation=organisation, participant=anna)
    assert not space_enabled(organisation=organisation, participant=bert)  # only that network
    kees, _mother = _client_with_map(network.lead_worker)
    assert not space_enabled(organisation=organisation, client=kees)
    services.space_switch_set(
        organisation=organisation, network=network, on=False, actor=network.lead_worker
    )
    assert not space_enabled(organisation=organisation, participant=anna)
