from django.db.models import QuerySet

from vangnet.organisations.models import Location, Organisation, User


def organisation_locations(*, organisation: Organisation) -> QuerySet[Location]:
    return Location.objects.filter(organisation=organisation)


def organisation_users(*, organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(organisation=organisation).order_by("role", "username")
