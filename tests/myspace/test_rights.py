"""Data-subject rights from Mijn Vangnet: the person downloads what is stored about them and
asks for erasure; the worker who may erase sees the request, erases through the existing
erasure, or declines with a reason the person reads. Every step is audited."""

import json

from django.urls import reverse

from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_plain_language import _check
from vangnet.audit.models import AuditEvent
from vangnet.myspace.rights_models import ErasureRequest
from vangnet.privacy.client_rights import client_erase
from vangnet.privacy.services import person_erase


def test_participant_downloads_their_data_without_the_workers_notes(client, space):
    anna = space["anna"]
    anna.notes = "Werkaantekening: let op de buurman"
    anna.save(update_fields=["notes"])
    sign_in(client, activate(anna, actor=space["worker"]))
    page = client.get(reverse("myspace:rights"))
    assert page.status_code == 200 and _check(page.content.decode(), "rights") == []
    response = client.get(reverse("myspace:rights_download"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "Anna"
    assert "koffie zetten" in response.content.decode()
    assert "Werkaantekening" not in response.content.decode()
    assert "followup_tasks" not in data and "notes" not in data["profile"]
    assert "Bertus" not in response.content.decode()
    assert AuditEvent.objects.filter(
        action="export", detail__contains="door deelnemer zelf"
    ).exists()


def test_client_downloads_their_data_with_their_own_words(client, space):
    from vangnet.myspace import client_services

    kees, _mother = _client_with_map(space["worker"])
    client_services.goal_add(client=kees, text="een eigen woning")
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    data = json.loads(client.get(reverse("myspace:rights_download")).content)
    assert data["profile"]["display_name"] == "Kees"
    assert data["own_words"]["goals"][0]["text"] == "een eigen woning"


def test_participant_asks_for_erasure_and_the_worker_erases(client, space):
    anna = space["anna"]
    sign_in(client, activate(anna, actor=space["worker"]))
    response = client.post(reverse("myspace:rights"), {"action": "ask", "note": "Ik ga verhuizen"})
    assert response.status_code == 302
    again = client.post(reverse("myspace:rights"), {"action": "ask"})
    assert again.status_code == 400 and "al gevraagd" in again.content.decode()
    assert ErasureRequest.objects.filter(participant=anna).count() == 1
    assert "vroeg op" in client.get(reverse("myspace:rights")).content.decode()
    assert AuditEvent.objects.filter(
        object_type="myspace.erasurerequest", action="create", actor=None
    ).exists()

    worker = space["worker"]
    client.force_login(worker)
    detail = client.get(reverse("participants:detail", args=[anna.pk])).content.decode()
    assert "zelf in Mijn Vangnet om verwijdering" in detail
    listing = client.get(reverse("myspace:erasure_requests")).content.decode()
    assert "Anna" in listing and "Ik ga verhuizen" in listing
    assert reverse("privacy:erase", args=[anna.pk]) in listing
    person_erase(participant=anna, actor=worker)  # the existing erasure flow
    assert "Anna" not in client.get(reverse("myspace:erasure_requests")).content.decode()


def test_withdraw_and_decline(client, space):
    anna = space["anna"]
    account = activate(anna, actor=space["worker"])
    sign_in(client, account)
    assert client.post(reverse("myspace:rights"), {"action": "withdraw"}).status_code == 400
    client.post(reverse("myspace:rights"), {"action": "ask"})
    client.post(reverse("myspace:rights"), {"action": "withdraw"})
    assert ErasureRequest.objects.get().withdrawn_at is not None
    client.post(reverse("myspace:rights"), {"action": "ask"})
    open_one = ErasureRequest.objects.get(withdrawn_at=None)
    worker = space["worker"]
    client.force_login(worker)
    url = reverse("myspace:erasure_requests")
    empty = client.post(url, {"request_id": open_one.pk, "reason": " "})
    assert empty.status_code == 400 and "Schrijf op waarom" in empty.content.decode()
    done = client.post(url, {"request_id": open_one.pk, "reason": "De wet vraagt 7 jaar bewaren."})
    assert done.status_code == 302
    open_one.refresh_from_db()
    assert open_one.declined_by == worker
    sign_in(client, account)
    page = client.get(reverse("myspace:rights")).content.decode()
    assert "De wet vraagt 7 jaar bewaren." in page


def test_requests_only_for_those_who_may_erase(client, space):
    anna = space["anna"]
    sign_in(client, activate(anna, actor=space["worker"]))
    client.post(reverse("myspace:rights"), {"action": "ask"})
    request_row = ErasureRequest.objects.get()
    client.force_login(space["foreign_worker"])
    url = reverse("myspace:erasure_requests")
    assert "Anna" not in client.get(url).content.decode()
    response = client.post(url, {"request_id": request_row.pk, "reason": "nee"})
    assert response.status_code == 404
    request_row.refresh_from_db()
    assert request_row.is_open


def test_client_request_and_client_erasure(client, space):
    kees, _mother = _client_with_map(space["worker"])
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    client.post(reverse("myspace:rights"), {"action": "ask"})
    client.force_login(space["worker"])
    html = client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    assert "zelf in Mijn Vangnet om verwijdering" in html
    listing = client.get(reverse("myspace:erasure_requests")).content.decode()
    assert reverse("privacy:client_erase", args=[kees.pk]) in listing
    client_erase(client=kees, actor=space["worker"])
    assert not ErasureRequest.objects.exists()


def test_bad_input_on_the_rights_page(client, space):
    sign_in(client, activate(space["anna"], actor=space["worker"]))
    too_long = client.post(reverse("myspace:rights"), {"action": "ask", "note": "x" * 400})
    assert too_long.status_code == 400 and "korter" in too_long.content.decode()
    assert client.post(reverse("myspace:rights"), {"action": "wis"}).status_code == 400
    assert not ErasureRequest.objects.exists()
    client.force_login(space["worker"])
    url = reverse("myspace:erasure_requests")
    assert client.post(url, {"request_id": "abc"}).status_code == 404
