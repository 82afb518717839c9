from pathlib import Path

import pytest

from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.core.permissions import (
    capability_matrix_markdown,
    visible_networks,
    visible_participants,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_docs_show_the_matrix_the_code_enforces():
    text = DOCS.read_text(encoding="utf-8")
    documented = text.split("<!-- matrix:start -->\n")[1].split("<!-- matrix:end -->")[0]
    assert documented == capability_matrix_markdown()


@pytest.mark.django_db
def test_workers_see_only_their_networks_and_participants():
    organisation = OrganisationFactory()
    mine = NetworkFactory(organisation=organisation)
    other = NetworkFactory(organisation=organisation)
    ParticipantFactory(network=mine)
    ParticipantFactory(network=other)
    lead, backup = mine.lead_worker, mine.backup_worker
    for user in (lead, backup):
        assert list(visible_networks(user)) == [mine]
        assert {p.network_id for p in visible_participants(user)} == {mine.pk}


@pytest.mark.django_db
def test_coordinator_sees_whole_organisation_but_no_people():
    organisation = OrganisationFactory()
    networks = [NetworkFactory(organisation=organisation) for _ in range(2)]
    NetworkFactory()  # another organisation
    ParticipantFactory(network=networks[0])
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    assert set(visible_networks(coordinator)) == set(networks)
    assert not visible_participants(coordinator).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["evaluator", "municipality"])
def test_roles_without_network_access_see_nothing(trait):
    network = NetworkFactory()
    user = UserFactory(organisation=network.organisation, **{trait: True})
    assert not visible_networks(user).exists()
