"""A network helper's account lives only as long as a live attachment uses it: deleting the
network (or the attachment) and the end of the last period switch it off, audited; an
account still attached to another live network stays on. The participants' own accounts
(Mijn Vangnet) are never left behind by a network that goes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.myspace.conftest import activate
from vangnet.audit.models import AuditEvent
from vangnet.jobs.periodic import PERIODIC
from vangnet.myspace.models import ParticipantAccount, SpaceSwitch
from vangnet.myspace.services import space_switch_set
from vangnet.networks.models import Network
from vangnet.participants.models import Participant
from vangnet.volunteers.models import NetworkHelper
from vangnet.volunteers.signals import DETAIL

pytestmark = pytest.mark.django_db


def _attach(network, account, *, start=None, end=None):
    return NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name="Ton",
        start_date=start or timezone.localdate() - dt.timedelta(days=30),
        end_date=end,
        hours_per_week=Decimal(2),
        user=account,
    )


def _helper_account(network):
    return UserFactory(organisation=network.organisation, network_helper=True)


def _switched_off(account, detail):
    return AuditEvent.objects.filter(
        action="update",
        object_type="organisations.user",
        object_id=str(account.pk),
        detail=detail,
        organisation_id=account.organisation_id,
    ).count()


def test_deleting_a_network_switches_off_the_accounts_only_it_used(
    client, network, django_capture_on_commit_callbacks
):
    only_here = _helper_account(network)
    _attach(network, only_here)
    _attach(network, only_here, start=timezone.localdate() - dt.timedelta(days=400))
    elsewhere_too = _helper_account(network)
    _attach(network, elsewhere_too)
    other = NetworkFactory(organisation=network.organisation)
    _attach(other, elsewhere_too, end=timezone.localdate())  # "tot en met": still live
    ended_elsewhere = _helper_account(network)
    _attach(network, ended_elsewhere)
    _attach(other, ended_elsewhere, end=timezone.localdate() - dt.timedelta(days=1))
    worker = UserFactory(organisation=network.organisation)  # linked by hand: not ours
    _attach(network, worker)
    client.force_login(only_here)
    assert client.get(reverse("networks:list")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        network.delete()
    for account in (only_here, elsewhere_too, ended_elsewhere, worker):
        account.refresh_from_db()
    assert not only_here.is_active and not ended_elsewhere.is_active
    assert elsewhere_too.is_active and worker.is_active
    assert _switched_off(only_here, DETAIL) == 1  # once, though attached twice
    assert _switched_off(ended_elsewhere, DETAIL) == 1
    assert _switched_off(elsewhere_too, DETAIL) == 0
    # The helper's open session is over: the next page asks to sign in again.
    response = client.get(reverse("networks:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_deletion_that_is_rolled_back_changes_nothing(
    network, django_capture_on_commit_callbacks
):
    account = _helper_account(network)
    _attach(network, account)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            Network.objects.filter(pk=network.pk).delete()
            raise RuntimeError
    assert callbacks == []
    account.refresh_from_db()
    assert account.is_active and NetworkHelper.objects.filter(user=account).exists()


def test_deleting_the_attachment_alone_does_the_same(network, django_capture_on_commit_callbacks):
    account = _helper_account(network)
    row = _attach(network, account)
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
    account.refresh_from_db()
    assert not account.is_active


def test_the_daily_job_switches_off_accounts_whose_every_period_ended(network):
    today = timezone.localdate()
    ended = _helper_account(network)
    _attach(network, ended, end=today - dt.timedelta(days=1))
    last_day = _helper_account(network)
    _attach(network, last_day, end=today)
    upcoming = _helper_account(network)
    _attach(network, upcoming, end=today - dt.timedelta(days=60))
    _attach(
        NetworkFactory(organisation=network.organisation),
        upcoming,
        start=today + dt.timedelta(days=7),
    )
    unlinked = _helper_account(network)  # made by the admin, not linked yet
    worker = UserFactory(organisation=network.organisation)
    _attach(network, worker, end=today - dt.timedelta(days=1))
    assert PERIODIC["helpers"].run() == "1 network-helper account(s) switched off"
    for account in (ended, last_day, upcoming, unlinked, worker):
        account.refresh_from_db()
    assert not ended.is_active
    assert last_day.is_active and upcoming.is_active and unlinked.is_active and worker.is_active
    assert _switched_off(ended, "deactivated: period ended") == 1
    assert PERIODIC["helpers"].run() == "0 network-helper account(s) switched off"


def test_a_network_with_participants_cannot_go_so_their_own_accounts_stay_with_them(
    network, settings
):
    anna = ParticipantFactory(network=network, display_name="Anna")
    account = activate(anna, actor=network.lead_worker)
    with pytest.raises(ProtectedError), transaction.atomic():
        network.delete()
    assert ParticipantAccount.objects.filter(pk=account.pk).exists()
    # The way participants leave for good, the retention job's erasure, takes the account.
    settings.VANGNET_RETENTION_MONTHS = 24
    Participant.objects.filter(pk=anna.pk).update(
        created_at=timezone.now() - dt.timedelta(days=800)
    )
    assert PERIODIC["retention"].run().startswith("1 participant(s) anonymised")
    assert not ParticipantAccount.objects.filter(pk=account.pk).exists()


def test_an_empty_network_takes_its_space_switch_with_it(network):
    space_switch_set(
        organisation=network.organisation, network=network, on=True, actor=network.lead_worker
    )
    assert SpaceSwitch.objects.filter(network=network).exists()
    network_id = network.pk
    network.delete()
    assert not SpaceSwitch.objects.filter(network_id=network_id).exists()
