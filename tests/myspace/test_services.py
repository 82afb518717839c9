import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import UserFactory
from tests.myspace.conftest import PIN, activate
from vangnet.audit.models import AuditEvent
from vangnet.myspace import codes, services
from vangnet.myspace.models import ActivationCode, ParticipantAccount
from vangnet.support.models import Client


def test_no_code_while_the_space_is_off(space):
    with pytest.raises(ValidationError):
        services.code_create(actor=space["worker"], participant=space["anna"])
    assert not ParticipantAccount.objects.exists()


def test_code_is_hashed_single_use_and_replaced(space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    first = services.code_create(actor=worker, participant=anna)
    stored = ActivationCode.objects.get(pk=first.record.pk)
    assert first.code.replace("-", "") not in stored.code_hash
    assert abs(stored.expires_at - stored.created_at - dt.timedelta(days=14)).total_seconds() < 60
    second = services.code_create(actor=worker, participant=anna)
    assert second.account == first.account  # one account per person
    assert services.code_usable(first.code) is None  # a new card revokes the old one
    code = services.code_usable(second.code)
    account = services.account_activate(code_id=code.pk, secret=PIN, repeat=PIN)
    assert account.is_active and account.secret_kind == "pin"
    assert PIN not in account.secret_hash
    assert services.code_usable(second.code) is None
    with pytest.raises(ValidationError):
        services.account_activate(code_id=code.pk, secret="59371", repeat="59371")
    assert AuditEvent.objects.filter(object_type="myspace.activationcode").count() == 2
    assert AuditEvent.objects.filter(action="login", detail__contains="zelf").count() == 1


def test_expired_and_revoked_codes_do_not_work(space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    new = services.code_create(actor=worker, participant=anna)
    later = timezone.now() + dt.timedelta(days=14, seconds=1)
    assert services.code_usable(new.code, now=later) is None
    assert services.code_usable(new.code) is not None
    assert services.code_revoke(code=new.record, actor=worker)
    assert services.code_usable(new.code) is None


def test_bad_pin_changes_nothing(space):
    anna, worker = space["anna"], space["worker"]
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    new = services.code_create(actor=worker, participant=anna)
    code = services.code_usable(new.code)
    for secret, repeat in (("12345", "12345"), ("48213", "48214"), ("kort", "kort")):
        with pytest.raises(ValidationError):
            services.account_activate(code_id=code.pk, secret=secret, repeat=repeat)
    assert services.code_usable(new.code) is not None
    assert not ParticipantAccount.objects.get().is_active


def test_sign_in_locks_after_five_wrong_pins(space):
    account = activate(space["anna"], actor=space["worker"])
    for _ in range(codes.FAILURE_LIMIT):
        result = services.account_sign_in(number=account.number, secret="99999")
        assert result.account is None
    locked = services.account_sign_in(number=account.number, secret=PIN)
    assert locked.account is None and locked.locked_until is not None
    later = timezone.now() + dt.timedelta(minutes=codes.LOCKOUT_MINUTES, seconds=1)
    assert services.account_sign_in(number=account.number, secret=PIN, now=later).account
    assert AuditEvent.objects.filter(action="login_failed").count() == codes.FAILURE_LIMIT


def test_switching_off_stops_sign_in(space):
    anna, worker = space["anna"], space["worker"]
    account = activate(anna, actor=worker)
    assert services.account_sign_in(number=account.number, secret=PIN).account == account
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=False, actor=worker
    )
    assert services.account_sign_in(number=account.number, secret=PIN).account is None


def test_closing_access_and_a_new_code(space):
    anna, worker = space["anna"], space["worker"]
    account = activate(anna, actor=worker)
    services.account_close(account=account, actor=worker)
    assert services.account_sign_in(number=account.number, secret=PIN).account is None
    again = activate(anna, actor=worker, pin="70531")
    assert again.pk == account.pk
    assert services.account_sign_in(number=account.number, secret="70531").account == account


def test_switch_of_another_organisations_network_is_refused(space):
    with pytest.raises(ValidationError):
        services.space_switch_set(
            organisation=space["anna"].organisation,
            network=space["carla"].network,
            on=True,
            actor=space["worker"],
        )


def test_erasure_deletes_the_account(space):
    from vangnet.privacy.services import person_erase

    anna = space["anna"]
    account = activate(anna, actor=space["worker"])
    person_erase(participant=anna, actor=space["worker"])
    assert not ParticipantAccount.objects.filter(pk=account.pk).exists()


def test_client_account(space):
    worker = space["worker"]
    client = Client.objects.create(
        organisation=worker.organisation, display_name="Kees", worker=worker
    )
    account = activate(None, actor=worker, client=client)
    assert account.client == client and account.participant is None
    other = UserFactory(organisation=worker.organisation, admin=True)
    services.space_switch_set(organisation=worker.organisation, network=None, on=False, actor=other)
    assert services.account_sign_in(number=account.number, secret=PIN).account is None
