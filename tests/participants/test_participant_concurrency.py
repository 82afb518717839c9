"""Several workers save the same participant at the same moment from the same version.

Exactly one save wins; the others get the Dutch "stale" error and change nothing. Runs on
PostgreSQL only (SQLite serialises writers for the whole database, so it cannot show the
race). Each thread has its own database connection; a barrier releases them together.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.audit.models import AuditEvent
from vangnet.participants.models import Participant
from vangnet.participants.services import participant_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def test_parallel_saves_from_one_version_exactly_one_wins():
    network = NetworkFactory()
    person = ParticipantFactory(network=network, display_name="Ria", phone="", email="")
    start_version = Participant.objects.get(pk=person.pk).version
    actor = network.lead_worker
    barrier = threading.Barrier(WORKERS)
    lock = threading.Lock()
    wins: list[int] = []
    stale: list[ValidationError] = []
    other: list[BaseException] = []

    def save(i: int) -> None:
        try:
            mine = Participant.objects.get(pk=person.pk)
            barrier.wait(timeout=30)
            participant_update(
                participant=mine,
                actor=actor,
                version=start_version,
                # Two fields per writer: a half-written save would mix writers.
                changes={"display_name": f"Naam {i}", "phone": f"0612345{i:03d}"},
            )
            with lock:
                wins.append(i)
        except ValidationError as exc:
            with lock:
                stale.append(exc)
        except BaseException as exc:  # reported below
            with lock:
                other.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a save hung"
    assert not other, other

    assert len(wins) == 1, wins
    assert len(stale) == WORKERS - 1
    assert all(exc.code == "stale" for exc in stale)
    assert all("Iemand anders heeft deze deelnemer" in exc.messages[0] for exc in stale)

    winner = wins[0]
    saved = Participant.objects.get(pk=person.pk)
    assert saved.display_name == f"Naam {winner}"
    assert saved.phone == f"0612345{winner:03d}"
    assert saved.version == start_version + 1
    updates = AuditEvent.objects.filter(action="update", object_id=str(person.pk))
    assert updates.count() == 1


def test_saves_in_turn_each_need_the_new_version():
    network = NetworkFactory()
    person = ParticipantFactory(network=network)
    actor = network.lead_worker
    version = Participant.objects.get(pk=person.pk).version
    for i in range(3):
        updated = participant_update(
            participant=person, actor=actor, version=version, changes={"display_name": f"N{i}"}
        )
        assert updated.version == version + 1
        version = updated.version
    with pytest.raises(ValidationError):
        participant_update(
            participant=person, actor=actor, version=version - 1, changes={"display_name": "X"}
        )
    assert Participant.objects.get(pk=person.pk).version == version
