"""Sign-in to Mijn Vangnet by a link in the mail, end to end through the real SMTP server on
loopback (tests/notifications/conftest.py): only for a person who chose it and confirmed
their address; the same answer whether or not an address is known; a link works once and
for 30 minutes; asking is rate-limited per address and per IP address; all audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.jobs.helpers import run_ready_tasks
from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_plain_language import _check
from tests.notifications import conftest as real_smtp
from tests.notifications.conftest import body_html, body_text
from vangnet.audit.models import AuditEvent
from vangnet.myspace.access import ACCOUNT_KEY
from vangnet.myspace.email_models import EmailLink, SignInEmail
from vangnet.myspace.email_signin import token_hash
from vangnet.notifications.models import MailLog
from vangnet.privacy.services import person_erase

# The real SMTP server on loopback and its inbox (fixtures of tests/notifications).
smtp_server = real_smtp.smtp_server
inbox = real_smtp.inbox

ADDRESS = "anna.devries@example.org"
LINK = re.compile(r"https://vangnet\.example\.org(/mijn/link/[\w-]+/)")
SENT = "Als dit adres bij ons bekend is, krijg je zo een mail met een link."


def _link(message) -> str:
    found = LINK.search(body_text(message))
    assert found and found.group(0) in body_html(message)
    return found.group(1)


def _sign_out(client) -> None:
    client.post(reverse("myspace:signout"))
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)  # a fresh browser session


def _opt_in(client, account, inbox, address=ADDRESS) -> None:
    """The person chooses e-mail sign-in in their space and opens the confirmation link."""
    sign_in(client, account)
    response = client.post(reverse("myspace:email_setting"), {"action": "choose", "email": address})
    assert response.status_code == 302 and response.url == reverse("myspace:email_setting")
    run_ready_tasks()
    [message] = inbox.to(address)
    assert message["Subject"] == "Mijn Vangnet: klopt je e-mailadres?"
    link = _link(message)
    assert "Ja, dit is mijn adres" in client.get(link).content.decode()
    response = client.post(link, follow=True)
    assert "Je e-mailadres klopt." in response.content.decode()
    inbox.clear()
    _sign_out(client)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _ask(client, address=ADDRESS):
    return client.post(reverse("myspace:email_link_request"), {"email": address})


@pytest.fixture
def anna_account(space):
    anna = space["anna"]
    anna.email = ADDRESS
    anna.save(update_fields=["email"])
    return activate(anna, actor=space["worker"])


def test_the_link_signs_in_once(client, inbox, anna_account):
    # The form in the space is filled with the address the worker recorded.
    sign_in(client, anna_account)
    page = client.get(reverse("myspace:email_setting")).content.decode()
    assert f'value="{ADDRESS}"' in page and _check(page, "email setting") == []
    assert not SignInEmail.objects.exists()  # stored only once the person chooses it
    _sign_out(client)
    _opt_in(client, anna_account, inbox)
    assert SignInEmail.objects.get(account=anna_account).confirmed_at is not None
    # Asking on the sign-in page: a mail with a link arrives.
    signin_page = client.get(reverse("myspace:signin")).content.decode()
    assert "Stuur mij een inloglink" in signin_page
    response = _ask(client, "  Anna.DeVries@Example.org ")
    assert response.status_code == 200 and SENT in response.content.decode()
    assert inbox.messages == []  # queued as a job, not sent within the request
    run_ready_tasks()
    [message] = inbox.to(ADDRESS)
    assert message["Subject"] == "Mijn Vangnet: je inloglink"
    link = _link(message)
    token = link.rstrip("/").rsplit("/", 1)[1]
    stored = EmailLink.objects.get(purpose="signin")
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash
    lifetime = stored.expires_at - stored.created_at
    assert abs(lifetime - dt.timedelta(minutes=30)) < dt.timedelta(seconds=5)
    # Opening the link shows a button (a mail program opening it spends nothing).
    assert client.get(link).status_code == 200
    assert ACCOUNT_KEY not in client.session
    response = client.post(link)
    assert response.status_code == 302 and response.url == reverse("myspace:home")
    assert client.session[ACCOUNT_KEY] == anna_account.pk  # signed in as with the PIN
    assert response.cookies["mijn_nummer"].value == anna_account.number
    assert client.get(reverse("myspace:home")).status_code == 200
    assert AuditEvent.objects.filter(
        action="login", detail="mijn vangnet met e-maillink door deelnemer zelf", actor=None
    ).exists()
    # The second use is refused, kindly.
    _sign_out(client)
    for method in (client.get, client.post):
        again = method(link)
        assert again.status_code == 400
        assert "Deze link is al gebruikt." in again.content.decode()
    assert ACCOUNT_KEY not in client.session
    assert MailLog.objects.filter(kind="myspace_signin", status="sent").count() == 1
    assert ADDRESS not in "".join(AuditEvent.objects.values_list("detail", flat=True))


def test_the_same_answer_whether_or_not_the_address_is_known(client, inbox, anna_account):
    _opt_in(client, anna_account, inbox)
    known = _ask(client)
    unknown = _ask(client, "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known) == _without_csrf(unknown)
    run_ready_tasks()
    assert len(inbox.messages) == 1 and inbox.to(ADDRESS)


def test_no_link_without_the_persons_choice_and_confirmation(client, inbox, anna_account):
    # The worker recorded the address, but Anna never chose e-mail sign-in.
    _ask(client)
    run_ready_tasks()
    assert inbox.messages == []
    # Chosen but not confirmed yet: still no sign-in link.
    sign_in(client, anna_account)
    client.post(reverse("myspace:email_setting"), {"action": "choose", "email": ADDRESS})
    _sign_out(client)
    _ask(client)
    run_ready_tasks()
    assert [message["Subject"] for _to, message in inbox.messages] == [
        "Mijn Vangnet: klopt je e-mailadres?"
    ]


def test_an_expired_link_is_refused(client, inbox, anna_account):
    _opt_in(client, anna_account, inbox)
    _ask(client)
    run_ready_tasks()
    link = _link(inbox.to(ADDRESS)[0])
    EmailLink.objects.filter(purpose="signin").update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.post(link)
    assert response.status_code == 400
    assert "Deze link werkt niet meer." in response.content.decode()
    assert ACCOUNT_KEY not in client.session
    assert AuditEvent.objects.filter(action="login_failed", detail__contains="expired").exists()


def test_a_forged_link_is_refused(client, anna_account):
    for token in ("niet-echt", "x" * 300):
        response = client.post(reverse("myspace:email_link", args=[token]))
        assert response.status_code == 400
        assert "Deze link klopt niet." in response.content.decode()
    assert ACCOUNT_KEY not in client.session
    page = client.get(reverse("myspace:email_link", args=["niet-echt"])).content.decode()
    assert _check(page, "link refused") == []


def test_asking_is_rate_limited_per_address_and_per_ip(client, inbox, anna_account, settings):
    settings.VANGNET_RATE_LIMITS = {**settings.VANGNET_RATE_LIMITS, "mail_link_ip": "off"}
    _opt_in(client, anna_account, inbox)
    for _attempt in range(3):
        assert _ask(client).status_code == 200
    limited = _ask(client)
    assert limited.status_code == 429 and "Retry-After" in limited
    assert "Wacht een uur en probeer het dan weer." in limited.content.decode()
    run_ready_tasks()
    assert len(inbox.to(ADDRESS)) == 3
    # Per IP address: many addresses from one place.
    settings.VANGNET_RATE_LIMITS = {**settings.VANGNET_RATE_LIMITS, "mail_link_ip": "10/hour"}
    statuses = [_ask(client, f"iemand{n}@example.org").status_code for n in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429


def test_bad_input_gets_a_dutch_message(client, anna_account):
    response = _ask(client, "geen adres")
    assert response.status_code == 400
    assert "Dit is geen e-mailadres." in response.content.decode()
    sign_in(client, anna_account)
    response = client.post(
        reverse("myspace:email_setting"), {"action": "choose", "email": "a@\x00b"}
    )
    assert response.status_code == 400 and not SignInEmail.objects.exists()


def test_the_person_can_stop_and_erasure_removes_the_address(client, inbox, space, anna_account):
    _opt_in(client, anna_account, inbox)
    sign_in(client, anna_account)
    client.post(reverse("myspace:email_setting"), {"action": "remove"})
    assert not SignInEmail.objects.exists() and not EmailLink.objects.exists()
    _opt_in(client, anna_account, inbox)
    sign_in(client, anna_account)
    download = client.get(reverse("myspace:rights_download"))
    assert b'"signin_email": "anna.devries@example.org"' in download.content
    person_erase(participant=space["anna"], actor=space["worker"], reason="request")
    assert not SignInEmail.objects.exists() and not EmailLink.objects.exists()


def test_a_client_signs_in_by_link_too(client, inbox, space):
    kees, _mother = _client_with_map(space["worker"])
    account = activate(None, actor=space["worker"], client=kees)
    sign_in(client, account)
    page = client.get(reverse("myspace:email_setting")).content.decode()
    assert 'value=""' in page or 'value="' not in page.split('name="email"')[1][:40]
    _sign_out(client)
    _opt_in(client, account, inbox, address="kees@example.org")
    _ask(client, "kees@example.org")
    run_ready_tasks()
    response = client.post(_link(inbox.to("kees@example.org")[0]))
    assert response.status_code == 302 and client.session[ACCOUNT_KEY] == account.pk


def test_a_closed_space_gets_no_link(client, inbox, space, anna_account):
    from vangnet.myspace.services import space_switch_set

    _opt_in(client, anna_account, inbox)
    _ask(client)
    run_ready_tasks()
    link = _link(inbox.to(ADDRESS)[0])
    space_switch_set(
        organisation=space["anna"].organisation,
        network=space["network"],
        on=False,
        actor=space["worker"],
    )
    response = client.post(link)
    assert response.status_code == 400 and ACCOUNT_KEY not in client.session
