"""A network helper's own sign-in: the coordinator creates, links and revokes it; the
account sees only the networks it is attached to today and may record sessions there,
nothing more."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.core.permissions import visible_networks
from vangnet.organisations.models import Role, User
from vangnet.volunteers import accounts
from vangnet.volunteers.models import NetworkHelper

pytestmark = pytest.mark.django_db


def _helper(network, *, user=None, start=None, end=None, name="Ton"):
    return NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name=name,
        start_date=start or timezone.localdate() - dt.timedelta(days=30),
        end_date=end,
        hours_per_week=Decimal(3),
        user=user,
    )


def _coordinator(network):
    return UserFactory(organisation=network.organisation, coordinator=True)


def test_coordinator_creates_an_account_with_a_one_time_password(client, network):
    helper = _helper(network)
    coordinator = _coordinator(network)
    client.force_login(coordinator)
    url = reverse("volunteers:account", args=[network.pk, helper.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "create", "username": "ton.vrijwilliger"})
    assert response.status_code == 200
    account = User.objects.get(username="ton.vrijwilliger")
    assert account.role == Role.NETWORK_HELPER
    assert account.must_change_password
    assert account.organisation_id == network.organisation_id
    assert response.context["password"] and account.check_password(response.context["password"])
    helper.refresh_from_db()
    assert helper.user == account
    details = set(AuditEvent.objects.filter(actor=coordinator).values_list("detail", flat=True))
    assert "account created" in details
    listing = client.get(reverse("volunteers:list", args=[network.pk]))
    assert b"ton.vrijwilliger" in listing.content


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("", "Vul een gebruikersnaam in"),
        ("to", "3 tot 150"),
        ("ton vrij", "3 tot 150"),
        ("BESTAAT", "bestaat al"),
    ],
)
def test_bad_user_names_are_refused(client, network, username, message):
    UserFactory(username="bestaat")
    helper = _helper(network)
    client.force_login(_coordinator(network))
    url = reverse("volunteers:account", args=[network.pk, helper.pk])
    response = client.post(url, {"action": "create", "username": username})
    assert response.status_code == 400
    assert message in response.content.decode()
    helper.refresh_from_db()
    assert helper.user is None
    assert not User.objects.filter(role=Role.NETWORK_HELPER).exists()


def test_no_account_after_the_period_or_twice(network):
    coordinator = _coordinator(network)
    today = timezone.localdate()
    ended = _helper(network, end=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="voorbij"):
        accounts.helper_account_create(helper=ended, actor=coordinator, username="oud", today=today)
    helper = _helper(network)
    accounts.helper_account_create(helper=helper, actor=coordinator, username="ton", today=today)
    with pytest.raises(ValidationError, match="al een account"):
        accounts.helper_account_create(
            helper=helper, actor=coordinator, username="ton2", today=today
        )


def test_link_an_existing_account_of_the_own_organisation_only(client, network):
    other = NetworkFactory(organisation=network.organisation)
    account = UserFactory(organisation=network.organisation, network_helper=True)
    foreign = UserFactory(network_helper=True)
    _helper(other, user=account)
    helper = _helper(network)
    client.force_login(_coordinator(network))
    url = reverse("volunteers:account", args=[network.pk, helper.pk])
    refused = client.post(url, {"action": "link", "account": foreign.pk})
    assert refused.status_code == 400
    assert client.post(url, {"action": "link", "account": "x"}).status_code == 400
    assert client.post(url, {"action": "link", "account": account.pk}).status_code == 302
    helper.refresh_from_db()
    assert helper.user == account
    assert set(visible_networks(account)) == {network, other}


def test_only_the_coordinator_manages_accounts(client, network):
    helper = _helper(network)
    client.force_login(network.lead_worker)
    url = reverse("volunteers:account", args=[network.pk, helper.pk])
    assert client.post(url, {"action": "create", "username": "ton"}).status_code == 403
    assert not User.objects.filter(username="ton").exists()


def test_access_follows_the_period(network):
    account = UserFactory(organisation=network.organisation, network_helper=True)
    other = NetworkFactory(organisation=network.organisation)
    today = timezone.localdate()
    row = _helper(network, user=account, start=today - dt.timedelta(days=10))
    _helper(other, user=account, start=today + dt.timedelta(days=5))  # not started yet
    assert list(visible_networks(account)) == [network]
    row.end_date = today
    row.save()
    assert list(visible_networks(account)) == [network]  # "tot en met": today still counts
    row.end_date = today - dt.timedelta(days=1)
    row.save()
    assert list(visible_networks(account)) == []


def test_revoke_ends_access_and_switches_the_account_off(client, network):
    coordinator = _coordinator(network)
    account = UserFactory(organisation=network.organisation, network_helper=True)
    other = NetworkFactory(organisation=network.organisation)
    first = _helper(network, user=account)
    second = _helper(other, user=account)
    client.force_login(coordinator)
    revoke = reverse("volunteers:account_revoke", args=[network.pk, first.pk])
    assert client.post(revoke).status_code == 302
    account.refresh_from_db()
    assert account.is_active  # still attached to the other network
    assert list(visible_networks(account)) == [other]
    accounts.helper_account_revoke(helper=second, actor=coordinator)
    account.refresh_from_db()
    assert not account.is_active
    again = client.post(revoke, follow=True)
    assert "geen account" in again.content.decode()
    details = list(AuditEvent.objects.filter(actor=coordinator).values_list("detail", flat=True))
    assert details.count("account revoked") == 2 and "deactivated" in details


def test_the_helper_records_but_sees_no_follow_up_reports_or_people(client, network):
    account = UserFactory(organisation=network.organisation, network_helper=True)
    _helper(network, user=account)
    ParticipantFactory(network=network, display_name="Fatima")
    elsewhere = NetworkFactory(organisation=network.organisation)
    client.force_login(account)
    page = client.get(reverse("networks:detail", args=[network.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("networks:session_current", args=[network.pk]) in html
    for hidden in ("support:sociogram", "planning:network_plan", "reports:annual"):
        assert reverse(hidden, args=[network.pk]) not in html
    assert reverse("planning:hours", args=[network.pk]) not in html
    screen = client.get(reverse("networks:session_current", args=[network.pk]), follow=True)
    assert screen.status_code == 200 and "Fatima" in screen.content.decode()
    assert reverse("support:tie_create", args=[network.pk]) not in screen.content.decode()
    refused = client.get(reverse("participants:followups"))
    assert refused.status_code == 403
    assert "Dit mag je niet openen" in refused.content.decode()
    assert client.get(reverse("reports:annual", args=[network.pk])).status_code == 403
    assert client.get(reverse("planning:hours", args=[network.pk])).status_code == 403
    assert client.get(reverse("networks:detail", args=[elsewhere.pk])).status_code == 404
    assert AuditEvent.objects.filter(actor=account, action="denied").count() == 3
