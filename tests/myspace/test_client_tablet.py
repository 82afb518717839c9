"""Tablet mode for a network-support client: the worker's device locked to one client and one
task (reading what we know, or scoring their own goals) until the worker's PIN."""

from django.urls import reverse

from tests.myspace.test_contacts import _client_with_map
from vangnet.audit.models import AuditEvent
from vangnet.myspace import client_services, services
from vangnet.myspace.client_models import GoalRating
from vangnet.myspace.tablet import LOCK_KEY
from vangnet.support.models import Client

WORKER_PIN = "73915"


def _lock(client, space, task="doelen"):
    worker = space["worker"]
    kees, _mother = _client_with_map(worker)
    services.space_switch_set(organisation=kees.organisation, network=None, on=True, actor=worker)
    client.force_login(worker)
    url = reverse("myspace:client_tablet_start", args=[kees.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"task": task, "pin": WORKER_PIN, "repeat": WORKER_PIN})
    assert response["Location"] == reverse("myspace:tablet_task")
    return kees


def test_client_scores_a_goal_on_the_workers_device(client, space):
    kees = _lock(client, space)
    goal = client_services.goal_add(client=kees, text="een eigen woning")
    page = client.get(reverse("myspace:tablet_task")).content.decode()
    assert "een eigen woning" in page and "Terug naar start" not in page
    response = client.post(
        reverse("myspace:tablet_task"), {"action": "rate", "goal": goal.pk, "score": "6"}
    )
    assert response["Location"] == reverse("myspace:tablet_task")
    assert GoalRating.objects.get(goal=goal).score == 6
    event = AuditEvent.objects.filter(object_type="myspace.clientgoal", action="update").get()
    assert event.actor == space["worker"]
    assert "door cliënt zelf op het apparaat van de werker" in event.detail


def test_the_client_cannot_leave_the_task_without_the_pin(client, space):
    kees = _lock(client, space, task="gegevens")
    assert "Kees" in client.get(reverse("myspace:tablet_task")).content.decode()
    for url in (
        reverse("home"),
        reverse("support:client_map", args=[kees.pk]),
        reverse("support:client_list"),
        reverse("myspace:client_access", args=[kees.pk]),
        reverse("myspace:goals"),
    ):
        assert client.get(url)["Location"] == reverse("myspace:tablet_task"), url
    assert client.post(reverse("logout"))["Location"] == reverse("myspace:tablet_task")
    wrong = client.post(reverse("myspace:tablet_unlock"), {"pin": "11112"})
    assert wrong.status_code == 400 and LOCK_KEY in client.session
    back = client.post(reverse("myspace:tablet_unlock"), {"pin": WORKER_PIN})
    assert back["Location"] == reverse("support:client_map", args=[kees.pk])
    assert LOCK_KEY not in client.session
    details = list(AuditEvent.objects.values_list("detail", flat=True))
    assert any("tabletmodus beëindigd" in d for d in details)


def test_client_tablet_needs_the_space_on_and_the_clients_worker(client, space):
    worker = space["worker"]
    kees, _mother = _client_with_map(worker)
    client.force_login(worker)
    url = reverse("myspace:client_tablet_start", args=[kees.pk])
    data = {"task": "doelen", "pin": WORKER_PIN, "repeat": WORKER_PIN}
    off = client.post(url, data)
    assert off.status_code == 400 and LOCK_KEY not in client.session
    client.force_login(space["foreign_worker"])
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    other = Client.objects.create(
        organisation=worker.organisation,
        display_name="Piet",
        worker=space["bert"].network.backup_worker,
    )
    client.force_login(worker)
    assert client.get(reverse("myspace:client_tablet_start", args=[other.pk])).status_code == 404


def test_the_lock_holds_only_for_the_worker_who_set_it(client, space):
    _lock(client, space)
    session = client.session
    lock = session[LOCK_KEY]
    client.force_login(space["foreign_worker"])  # a new session: no lock
    session = client.session
    session[LOCK_KEY] = lock  # a forged lock in another worker's session
    session.save()
    assert client.get(reverse("myspace:tablet_task")).status_code == 404
