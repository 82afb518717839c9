import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.conftest import login
from tests.factories import LocationFactory, OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.organisations.models import Organisation, Role, User

pytestmark = pytest.mark.django_db


def test_admin_creates_user_and_gets_one_time_password(client, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:user_create"),
        {
            "username": "nieuwe.collega",
            "first_name": "Sanne",
            "role": Role.SOCIAL_WORKER,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    user = User.objects.get(username="nieuwe.collega")
    assert user.organisation == org_admin.organisation
    assert user.must_change_password
    password = response.context["password"]
    assert user.check_password(password)
    assert user.password.startswith("argon2")
    assert AuditEvent.objects.filter(action="create", object_id=str(user.pk)).count() == 1


def test_duplicate_username_gives_dutch_error_and_creates_nothing(client, org_admin):
    UserFactory(username="bestaat")
    login(client, org_admin)
    before = User.objects.count()
    response = client.post(
        reverse("organisations:user_create"),
        {"username": "bestaat", "first_name": "X", "role": Role.SOCIAL_WORKER},
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert User.objects.count() == before


def test_invalid_role_is_rejected(client, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:user_create"),
        {"username": "x", "first_name": "X", "role": "superuser"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="x").exists()


def test_admin_cannot_edit_user_of_other_organisation(client, org_admin):
    stranger = UserFactory(organisation=OrganisationFactory())
    login(client, org_admin)
    assert client.get(reverse("organisations:user_edit", args=[stranger.pk])).status_code == 404
    response = client.post(reverse("organisations:user_reset_password", args=[stranger.pk]))
    assert response.status_code == 404


def test_password_reset_makes_old_password_useless(client, org_admin):
    colleague = UserFactory(organisation=org_admin.organisation)
    login(client, org_admin)
    response = client.post(reverse("organisations:user_reset_password", args=[colleague.pk]))
    colleague.refresh_from_db()
    assert colleague.check_password(response.context["password"])
    assert colleague.must_change_password


def test_admin_cannot_deactivate_own_account(client, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:user_edit", args=[org_admin.pk]),
        {"username": org_admin.username, "first_name": "A", "role": Role.ORG_ADMIN},
    )
    assert response.status_code == 200
    org_admin.refresh_from_db()
    assert org_admin.is_active


def test_rules_validation(client, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:manage"),
        {
            "steady_after_days": "91",
            "steady_min_attendance_share": "1.5",
            "dropout_after_weeks": "0",
            "followup_after_missed_sessions": "abc",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {
        "steady_min_attendance_share",
        "dropout_after_weeks",
        "followup_after_missed_sessions",
    }
    org_admin.organisation.refresh_from_db()
    assert org_admin.organisation.dropout_after_weeks == 8


def test_location_names_unique_per_organisation(client, org_admin):
    LocationFactory(organisation=org_admin.organisation, name="Buurthuis")
    login(client, org_admin)
    response = client.post(reverse("organisations:location_create"), {"name": "Buurthuis"})
    assert response.status_code == 200
    assert "al een locatie" in response.content.decode()


def test_social_worker_cannot_manage(client, worker):
    login(client, worker)
    assert client.get(reverse("organisations:manage")).status_code == 403


def test_create_organisation_command(capsys):
    call_command("create_organisation", "Welzijn Noord", "--admin", "beheer.noord")
    out = capsys.readouterr().out
    organisation = Organisation.objects.get(name="Welzijn Noord")
    admin = User.objects.get(username="beheer.noord")
    assert admin.organisation == organisation and admin.role == Role.ORG_ADMIN
    password = out.split("eenmalig gebruik: ")[1].split()[0]
    assert admin.check_password(password)
    with pytest.raises(CommandError):
        call_command("create_organisation", "Welzijn Noord", "--admin", "ander")


def test_rules_accept_a_decimal_comma(client, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:manage"),
        {
            "steady_after_days": "91",
            "steady_min_attendance_share": "0,6",
            "dropout_after_weeks": "8",
            "followup_after_missed_sessions": "2",
        },
    )
    assert response.status_code == 302
    org_admin.organisation.refresh_from_db()
    assert str(org_admin.organisation.steady_min_attendance_share) == "0.60"
