"""Tablet mode: the worker's device locked to one participant and one task."""

from django.urls import reverse

from vangnet.audit.models import AuditEvent
from vangnet.myspace import codes, services
from vangnet.myspace.tablet import LOCK_KEY

WORKER_PIN = "73915"


def _lock(client, space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    client.force_login(worker)
    url = reverse("myspace:tablet_start", args=[anna.pk])
    response = client.post(url, {"task": "gegevens", "pin": WORKER_PIN, "repeat": WORKER_PIN})
    assert response["Location"] == reverse("myspace:tablet_task")
    return anna


def test_locked_device_shows_only_the_task(client, space):
    anna = _lock(client, space)
    page = client.get(reverse("myspace:tablet_task"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "tuinieren" in html and "Bertus" not in html
    # Every other page, signing out included, leads back to the task.
    for url in (
        reverse("home"),
        reverse("participants:detail", args=[anna.pk]),
        reverse("participants:list", args=[anna.network_id]),
        reverse("myspace:participant_access", args=[anna.pk]),
        reverse("myspace:home"),
        "/api/networks/",
    ):
        assert client.get(url)["Location"] == reverse("myspace:tablet_task"), url
    assert client.post(reverse("logout"))["Location"] == reverse("myspace:tablet_task")
    assert client.post(reverse("myspace:signout"))["Location"] == reverse("myspace:tablet_task")
    assert LOCK_KEY in client.session


def test_worker_pin_gives_the_device_back(client, space):
    anna = _lock(client, space)
    wrong = client.post(reverse("myspace:tablet_unlock"), {"pin": "11112"})
    assert wrong.status_code == 400
    assert client.get(reverse("home"))["Location"] == reverse("myspace:tablet_task")
    back = client.post(reverse("myspace:tablet_unlock"), {"pin": WORKER_PIN})
    assert back["Location"] == reverse("participants:detail", args=[anna.pk])
    assert client.get(reverse("participants:detail", args=[anna.pk])).status_code == 200
    details = list(AuditEvent.objects.values_list("detail", flat=True))
    assert any("tabletmodus begonnen" in d for d in details)
    assert any("tabletmodus beëindigd" in d for d in details)


def test_five_wrong_pins_end_the_workers_session(client, space):
    _lock(client, space)
    for _ in range(codes.FAILURE_LIMIT):
        response = client.post(reverse("myspace:tablet_unlock"), {"pin": "11112"})
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
    assert LOCK_KEY not in client.session


def test_tablet_needs_the_space_on_and_a_good_pin(client, space):
    anna, worker = space["anna"], space["worker"]
    client.force_login(worker)
    url = reverse("myspace:tablet_start", args=[anna.pk])
    off = client.post(url, {"task": "gegevens", "pin": WORKER_PIN, "repeat": WORKER_PIN})
    assert off.status_code == 400 and LOCK_KEY not in client.session
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    easy = client.post(url, {"task": "gegevens", "pin": "12345", "repeat": "12345"})
    assert easy.status_code == 400 and LOCK_KEY not in client.session


def test_foreign_worker_cannot_lock_to_a_participant(client, space):
    client.force_login(space["foreign_worker"])
    url = reverse("myspace:tablet_start", args=[space["anna"].pk])
    assert client.get(url).status_code == 404
