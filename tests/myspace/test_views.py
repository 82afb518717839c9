import re

from django.urls import reverse

from tests.myspace.conftest import PIN, activate, sign_in
from vangnet.audit.models import AuditEvent
from vangnet.myspace import services
from vangnet.myspace.access import ACCOUNT_KEY, SEEN_KEY


def test_worker_makes_a_card_with_code_and_qr(client, space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    client.force_login(worker)
    url = reverse("myspace:participant_access", args=[anna.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "new_code"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Anna" in html
    code = re.search(r"data-code>([A-Z0-9-]{9})<", html).group(1)
    assert services.code_usable(code) is not None
    # Shown once: the access page does not show the code again.
    assert code not in client.get(url).content.decode()


def test_access_page_while_switched_off_offers_no_code(client, space):
    client.force_login(space["worker"])
    url = reverse("myspace:participant_access", args=[space["anna"].pk])
    assert "staat uit" in client.get(url).content.decode()
    client.post(url, {"action": "new_code"})
    assert not services.ParticipantAccount.objects.exists()


def test_foreign_worker_gets_404(client, space):
    client.force_login(space["foreign_worker"])
    url = reverse("myspace:participant_access", args=[space["anna"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "new_code"}).status_code == 404


def test_activation_journey_by_code_then_pin(client, space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    new = services.code_create(actor=worker, participant=anna)
    page = client.get(reverse("myspace:activate") + "?code=" + new.code)
    assert new.code in page.content.decode()
    wrong = client.post(reverse("myspace:activate"), {"code": "AAAA-BBBB"})
    assert wrong.status_code == 400 and "klopt niet" in wrong.content.decode()
    response = client.post(reverse("myspace:activate"), {"code": new.code.lower()})
    assert response["Location"] == reverse("myspace:choose_secret")
    easy = client.post(reverse("myspace:choose_secret"), {"secret": "12345", "repeat": "12345"})
    assert easy.status_code == 400 and "makkelijk" in easy.content.decode()
    done = client.post(reverse("myspace:choose_secret"), {"secret": PIN, "repeat": PIN})
    assert done["Location"] == reverse("myspace:home")
    home = client.get(reverse("myspace:home"))
    assert home.status_code == 200 and "Hoi Anna" in home.content.decode()
    assert client.cookies["mijn_nummer"].value == new.account.number


def test_sign_in_with_number_and_pin_and_out(client, space):
    account = activate(space["anna"], actor=space["worker"])
    bad = client.post(reverse("myspace:signin"), {"number": account.number, "secret": "99999"})
    assert bad.status_code == 400 and "klopt niet" in bad.content.decode()
    good = client.post(reverse("myspace:signin"), {"number": account.number, "secret": PIN})
    assert good["Location"] == reverse("myspace:home")
    assert client.get(reverse("myspace:my_data")).status_code == 200
    client.post(reverse("myspace:signout"))
    assert client.get(reverse("myspace:home"))["Location"].startswith(reverse("myspace:signin"))


def test_code_entry_is_rate_limited(client, space, settings):
    settings.VANGNET_RATE_LIMITS = {"code": "3/minute"}
    statuses = [
        client.post(reverse("myspace:activate"), {"code": "AAAA-BBBB"}).status_code
        for _ in range(4)
    ]
    assert statuses == [400, 400, 400, 429]


def test_idle_session_ends_after_30_minutes(client, space):
    account = activate(space["anna"], actor=space["worker"])
    sign_in(client, account)
    session = client.session
    session[SEEN_KEY] -= 31 * 60
    session.save()
    response = client.get(reverse("myspace:home"))
    assert response.status_code == 302
    assert ACCOUNT_KEY not in client.session


def test_own_data_page_in_plain_words_and_audited(client, space):
    anna = space["anna"]
    anna.notes = "Werknotitie over Anna"
    anna.save()
    account = activate(anna, actor=space["worker"])
    sign_in(client, account)
    html = client.get(reverse("myspace:my_data")).content.decode()
    assert "tuinieren" in html and "koffie zetten" in html and "maart 2025" in html
    assert "Werknotitie" not in html  # the worker's notes are not shown
    assert "Bertus" not in html and "schaken" not in html
    assert AuditEvent.objects.filter(
        action="view", object_type="participants.participant", object_id=str(anna.pk)
    ).exists()


def test_staff_sign_in_is_ended_by_a_participant_sign_in(client, space):
    account = activate(space["anna"], actor=space["worker"])
    client.force_login(space["worker"])
    client.post(reverse("myspace:signin"), {"number": account.number, "secret": PIN})
    assert client.get(reverse("networks:list")).status_code == 302  # staff session gone
    assert client.get(reverse("myspace:home")).status_code == 200


def test_participant_edits_own_wishes_and_talents(client, space):
    anna = space["anna"]
    sign_in(client, activate(anna, actor=space["worker"]))
    page = client.get(reverse("myspace:wishes")).content.decode()
    assert "tuinieren" in page
    response = client.post(
        reverse("myspace:wishes"),
        {"wishes": "tuinieren, koken", "talents": "fietsen maken", "version": anna.version},
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.wishes == ["tuinieren", "koken"] and anna.talents == ["fietsen maken"]
    # One record of the change, in the organisation's audit trail.
    event = AuditEvent.objects.get(detail="wensen en talenten door deelnemer zelf")
    assert event.organisation_id == anna.network.organisation_id and event.actor is None
    # A stale version changes nothing.
    stale = client.post(
        reverse("myspace:wishes"), {"wishes": "iets anders", "talents": "", "version": 0}
    )
    assert stale.status_code == 400
    anna.refresh_from_db()
    assert anna.wishes == ["tuinieren", "koken"]


def test_worker_page_marks_wishes_written_by_the_participant(client, space):
    from vangnet.participants.services import participant_update

    anna, worker = space["anna"], space["worker"]
    sign_in(client, activate(anna, actor=worker))
    client.post(
        reverse("myspace:wishes"),
        {"wishes": "koken", "talents": "fietsen maken", "version": anna.version},
    )
    anna.refresh_from_db()
    assert anna.wishes_by_participant_at is not None
    client.force_login(worker)
    page = client.get(reverse("participants:detail", args=[anna.pk])).content.decode()
    assert "door deelnemer zelf" in page and "Wensen en talenten aangepast" in page
    # A worker who changes them again takes the mark away.
    participant_update(
        participant=anna, actor=worker, version=anna.version, changes={"wishes": ["zingen"]}
    )
    anna.refresh_from_db()
    assert anna.wishes_by_participant_at is None
    page = client.get(reverse("participants:detail", args=[anna.pk])).content.decode()
    assert "Wensen en talenten aangepast" not in page
