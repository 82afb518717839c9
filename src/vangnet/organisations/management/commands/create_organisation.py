"""`vangnet create-organisation NAME --admin USERNAME`: set up a new tenant and its admin."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vangnet.organisations.models import Organisation, Role, User
from vangnet.organisations.services import organisation_create, user_create


class Command(BaseCommand):
    help = (
        "Maak een organisatie aan met een beheerder (print een wachtwoord voor eenmalig gebruik)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Naam van de organisatie")
        parser.add_argument("--admin", required=True, help="Gebruikersnaam van de beheerder")
        parser.add_argument("--first-name", default="", help="Voornaam van de beheerder")

    def handle(self, *args, name: str, admin: str, first_name: str, **options):
        name = name.strip()
        if not name:
            raise CommandError("Geef een naam voor de organisatie.")
        if Organisation.objects.filter(name__iexact=name).exists():
            raise CommandError(f"Er bestaat al een organisatie met de naam '{name}'.")
        if User.objects.filter(username__iexact=admin).exists():
            raise CommandError(f"De gebruikersnaam '{admin}' bestaat al.")
        with transaction.atomic():
            organisation = organisation_create(name=name)
            user, password = user_create(
                organisation=organisation,
                username=admin,
                role=Role.ORG_ADMIN,
                first_name=first_name,
            )
        self.stdout.write(f"Organisatie '{organisation.name}' aangemaakt.")
        self.stdout.write(f"Beheerder: {user.username}")
        self.stdout.write(f"Wachtwoord voor eenmalig gebruik: {password}")
        self.stdout.write("Bij de eerste keer inloggen kiest de beheerder een eigen wachtwoord.")
