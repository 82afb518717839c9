"""Every kind of write to a network's data of a kind (ties, neighbourhood outputs, the plan,
the evaluation) gives that network (and only that one) a new token of that kind in the same
transaction, through the database's triggers (participants/data_triggers.py), whatever the
path: the ORM, `QuerySet.update`, `bulk_create`, raw SQL, deletion."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import OuterRef

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from tests.page_compare import raw_sql
from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem
from vangnet.network_evaluation.models import NetworkEvaluation, SubgoalJudgement
from vangnet.networks.models import AnnouncedAbsence, Network, PhaseTransition
from vangnet.participants import data_triggers
from vangnet.participants.data_versions import FACTS, PAGE, network_data_versions, token_subquery
from vangnet.participants.fact_cache import network_fact_version
from vangnet.participants.models import FollowUpTask, NetworkDataVersion, NetworkPageVersion
from vangnet.planning.models import WorkerHours
from vangnet.support.models import SupportTie

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 3)


@pytest.fixture
def two(network):
    other = NetworkFactory(organisation=network.organisation)
    return network, other


def tokens(networks, kind):
    found = network_data_versions(network_ids=[n.pk for n in networks], kinds=[kind])
    return [found[n.pk][0] for n in networks]


def changes(two, kind, write, *, both=False, others_too=()):
    """`write()` renews the first network's token of `kind` (and the second one's when
    `both`), and no other kind's unless named in `others_too`. Support ties and phase
    transitions are route facts of the sociogram too (participants.fact_triggers'
    LATER_TABLES): they may renew the facts' token as well."""
    if kind in ("ties", "plan"):
        others_too = (*others_too, FACTS)
    kinds = [FACTS, *data_triggers.KINDS]
    ids = [n.pk for n in two]
    before = network_data_versions(network_ids=ids, kinds=kinds)
    write()
    after = network_data_versions(network_ids=ids, kinds=kinds)
    for index, name in enumerate(kinds):
        moved = [before[pk][index] != after[pk][index] for pk in ids]
        if name == kind:
            assert moved == [True, both], name
        elif name not in others_too:
            assert moved == [False, False], name


def test_announced_absences(two):
    network, _ = two
    session = SessionFactory(network=network, date=DAY)
    person = ParticipantFactory(network=network)

    def absence():
        return AnnouncedAbsence(session=session, participant=person, reason="ziek")

    changes(two, "absences", lambda: absence().save())
    made = AnnouncedAbsence.objects.get(session=session)
    changes(two, "absences", lambda: AnnouncedAbsence.objects.filter(pk=made.pk).update(reason=""))
    changes(two, "absences", lambda: raw_sql("DELETE FROM networks_announcedabsence", []))
    changes(two, "absences", lambda: AnnouncedAbsence.objects.bulk_create([absence()]))


def test_support_ties(two):
    network, other = two
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)

    def tie():
        return SupportTie(
            network=network, giver=anna, receiver=bert, support_type="practical", date=DAY
        )

    changes(two, "ties", lambda: tie().save())
    made = SupportTie.objects.get(network=network)
    changes(two, "ties", lambda: SupportTie.objects.filter(pk=made.pk).update(date=DAY))
    changes(two, "ties", lambda: raw_sql("UPDATE support_supporttie SET date = %s", [DAY]))
    changes(two, "ties", lambda: raw_sql("DELETE FROM support_supporttie WHERE id = %s", [made.pk]))
    changes(two, "ties", lambda: SupportTie.objects.bulk_create([tie()]))
    changes(two, "ties", lambda: SupportTie.objects.filter(network=network).delete())


def test_neighbourhood_outputs_and_their_items(two):
    network, other = two
    session = SessionFactory(network=network, date=DAY)
    changes(two, "neighbourhood", lambda: NeighbourhoodOutput.objects.create(session=session))
    output = NeighbourhoodOutput.objects.get(session=session)
    changes(
        two,
        "neighbourhood",
        lambda: OutputItem.objects.create(output=output, kind="meals", number=3),
    )
    changes(two, "neighbourhood", lambda: OutputItem.objects.update(number=4))
    item = OutputItem.objects.get(output=output)
    changes(
        two,
        "neighbourhood",
        lambda: raw_sql("DELETE FROM neighbourhood_outputitem WHERE id = %s", [item.pk]),
    )
    changes(two, "neighbourhood", lambda: NeighbourhoodOutput.objects.update(guests=7))


def test_the_plan(two, worker):
    network, other = two
    changes(two, "plan", lambda: Network.objects.filter(pk=network.pk).update(name="Nieuw"))
    network.target_core_size = 9
    changes(two, "plan", network.save)
    changes(
        two,
        "plan",
        lambda: PhaseTransition.objects.create(
            network=network, phase="build_up", date=DAY, reason="x"
        ),
    )
    changes(two, "plan", lambda: ActivityFactory(network=network))
    changes(
        two,
        "plan",
        lambda: WorkerHours.objects.create(
            network=network, worker=worker, week_start=DAY, hours=Decimal(4)
        ),
    )
    changes(two, "plan", lambda: raw_sql("UPDATE planning_workerhours SET hours = 5", []))
    changes(two, "plan", lambda: Network.objects.update(neighbourhood="Zuid"), both=True)


def test_the_evaluation(two, worker):
    network, other = two
    changes(
        two,
        "evaluation",
        lambda: NetworkEvaluation.objects.create(network=network, moment="after_year"),
    )
    evaluation = NetworkEvaluation.objects.get(network=network)
    changes(
        two,
        "evaluation",
        lambda: SubgoalJudgement.objects.create(
            evaluation=evaluation, subgoal="a", judgement="achieved"
        ),
    )
    changes(two, "evaluation", lambda: SubgoalJudgement.objects.update(judgement="partly"))
    person = ParticipantFactory(network=network)
    changes(
        two,
        "evaluation",
        lambda: FollowUpTask.objects.create(
            participant=person, network=network, created_on=DAY, missed_sessions=3
        ),
    )
    changes(
        two,
        "evaluation",
        lambda: raw_sql("UPDATE participants_followuptask SET closed_on = %s", [DAY]),
    )


def test_a_rolled_back_write_keeps_the_token(two):
    network, other = two
    before = tokens(two, "plan")
    with pytest.raises(RuntimeError), transaction.atomic():
        Network.objects.filter(pk=network.pk).update(name="Terug")
        assert tokens(two, "plan")[0] != before[0]  # seen inside the transaction
        raise RuntimeError
    assert tokens(two, "plan") == before


def test_a_deleted_network_loses_its_versions(organisation):
    made = NetworkFactory(organisation=organisation)
    Network.objects.filter(pk=made.pk).update(name="Weg")
    assert NetworkDataVersion.objects.filter(network_id=made.pk).exists()
    Network.objects.filter(pk=made.pk).delete()
    assert not NetworkDataVersion.objects.filter(network_id=made.pk).exists()


def test_the_reader_gives_every_kind_in_order_and_none_for_nothing_written(two):
    network, other = two
    Network.objects.filter(pk=network.pk).update(name="Een")
    found = network_data_versions(network_ids=[network.pk, other.pk], kinds=[FACTS, "plan", "ties"])
    assert found[network.pk][0] == network_fact_version(network.pk)
    assert found[network.pk][1] is not None
    assert found[network.pk][2] is None
    assert found[other.pk][1:] == (None, None)
    with pytest.raises(ValueError, match="unknown"):
        network_data_versions(network_ids=[network.pk], kinds=["nonsense"])


def test_what_the_participant_page_shows_of_a_person(two):
    """Kind "person": contributions, consents per kind and per person on the map, requests
    for erasure, and invitations (the inviter's network)."""
    from vangnet.myspace.rights_models import ErasureRequest
    from vangnet.networks.models import Contribution
    from vangnet.participants.models import Participant
    from vangnet.privacy.models import ConsentRecord
    from vangnet.support.models import Alter, ConsentChange, NetworkMap

    network, other = two
    anna = ParticipantFactory(network=network)
    far = ParticipantFactory(network=other)
    session = SessionFactory(network=network, date=DAY)
    changes(two, "person", lambda: Contribution.objects.create(session=session, participant=anna))
    changes(two, "person", lambda: Contribution.objects.update(task="koken"))
    changes(two, "person", lambda: Contribution.objects.all().delete())
    changes(
        two,
        "person",
        lambda: ConsentRecord.objects.create(
            organisation=network.organisation, participant=anna, kind="photos", given_on=DAY
        ),
    )
    changes(two, "person", lambda: raw_sql("UPDATE privacy_consentrecord SET scope = %s", ["x"]))
    network_map = NetworkMap.objects.create(participant=anna, wave_date=DAY)
    alter = Alter.objects.create(network_map=network_map, name="Zus", kind="family")
    changes(two, "person", lambda: ConsentChange.objects.create(alter=alter, consent="yes"))
    changes(
        two,
        "person",
        lambda: ErasureRequest.objects.create(organisation=network.organisation, participant=anna),
    )
    # Invited by Anna from the other network: Anna's network's person token (her page lists
    # the invitee); the other network's facts change too (a participant of its own).
    changes(
        two,
        "person",
        lambda: Participant.objects.filter(pk=far.pk).update(invited_by=anna),
        others_too=(FACTS,),
    )


def test_the_subquery_reads_the_same_tokens_as_the_reader(two):
    """token_subquery, read in the query of the rows a page is about, gives per kind what
    network_data_versions gives (None where nothing of the kind was written)."""
    network, other = two
    ParticipantFactory(network=network)
    Network.objects.filter(pk=network.pk).update(name="Een")
    kinds = [FACTS, PAGE, *data_triggers.KINDS]
    annotations = {
        f"token_{index}": token_subquery(kind, network=OuterRef("pk"))
        for index, kind in enumerate(kinds)
    }
    rows = Network.objects.filter(pk__in=[network.pk, other.pk]).annotate(**annotations)
    read = {row.pk: tuple(getattr(row, f"token_{i}") for i in range(len(kinds))) for row in rows}
    others = [kind for kind in kinds if kind != PAGE]
    expected = network_data_versions(network_ids=[network.pk, other.pk], kinds=others)
    for pk in (network.pk, other.pk):
        by_kind = dict(zip(kinds, read[pk], strict=True))
        assert tuple(by_kind[kind] for kind in others) == expected[pk]
        page = NetworkPageVersion.objects.filter(network_id=pk).values_list("token", flat=True)
        assert by_kind[PAGE] == next(iter(page), None)
    assert read[network.pk][0] is not None
    with pytest.raises(ValueError, match="unknown"):
        token_subquery("nonsense", network=network.pk)
