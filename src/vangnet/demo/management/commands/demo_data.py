"""`vangnet demo-data [--seed 2026] [--reset]`: create the demo organisation with its history."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vangnet.demo import content
from vangnet.demo.generator import (
    DEFAULT_SEED,
    DemoDataError,
    demo_generate,
    demo_logins,
    demo_organisation,
    demo_reset,
)
from vangnet.demo.scale import demo_generate_scale, demo_scale_reset


class Command(BaseCommand):
    help = (
        "Maak demodata: een organisatie met gebruikers voor elke rol en twee vangnetwerken "
        "met ruim anderhalf jaar wekelijkse bijeenkomsten. Alleen voor demo en ontwikkeling. "
        "Met --organisations N --networks M --years Y: grote data voor benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Startgetal: zelfde getal, zelfde data"
        )
        parser.add_argument(
            "--reset", action="store_true", help="Verwijder de bestaande demodata eerst"
        )

        parser.add_argument(
            "--organisations", type=int, help="Schaalmodus: aantal organisaties (voor benchmarks)"
        )
        parser.add_argument(
            "--networks", type=int, default=10, help="Schaalmodus: netwerken per organisatie"
        )
        parser.add_argument(
            "--years", type=float, default=1.0, help="Schaalmodus: jaren geschiedenis"
        )

    def handle(self, *args, seed: int, reset: bool, verbosity: int = 1, **options):
        if options.get("organisations") is not None:
            self._scale(seed=seed, reset=reset, verbosity=verbosity, **options)
            return
        try:
            if reset and demo_reset():
                self.stdout.write("Bestaande demodata verwijderd.")
            if demo_organisation() is not None:
                self.stdout.write(
                    "De demodata bestaat al (gebruik --reset om opnieuw te beginnen)."
                )
            else:
                summary = demo_generate(
                    seed=seed, today=timezone.localdate(), progress=verbosity > 0
                )
                self.stdout.write(self.style.SUCCESS(self._counts_line(summary.counts)))
                for line in summary.story:
                    self.stdout.write(line)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity > 0:
            self._print_logins()
            self._print_participant_card()

    def _scale(self, *, seed, reset, verbosity, organisations, networks, years, **_options):
        started = time.perf_counter()
        try:
            if reset:
                removed = demo_scale_reset()
                if removed:
                    self.stdout.write(f"{removed} schaal-organisaties verwijderd.")
            summary = demo_generate_scale(
                organisations=organisations,
                networks=networks,
                years=years,
                seed=seed,
                today=timezone.localdate(),
                progress=verbosity > 0,
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        counts = summary.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Schaaldemo gemaakt in {time.perf_counter() - started:.1f} s: "
                f"{counts['organisations']} organisaties, {counts['networks']} netwerken, "
                f"{counts.get('participants', 0)} deelnemers, {counts.get('sessions', 0)} "
                f"bijeenkomsten, {counts.get('attendance', 0)} keer aanwezig."
            )
        )

    @staticmethod
    def _counts_line(counts: dict[str, int]) -> str:
        return (
            f"Demodata gemaakt: {counts['networks']} netwerken, {counts['participants']} "
            f"deelnemers, {counts['sessions']} bijeenkomsten, {counts['attendance']} keer "
            f"aanwezig, {counts['open_followups']} open nabeltaken."
        )

    def _print_participant_card(self) -> None:
        """A participant of the demo with a fresh code for Mijn Vangnet (/mijn/)."""
        from vangnet.myspace.demo import demo_card

        organisation = demo_organisation()
        card = demo_card(organisation=organisation) if organisation is not None else None
        if card is None:
            return
        self.stdout.write("")
        self.stdout.write(f"Mijn Vangnet (deelnemer {card.name}), alleen voor de demo:")
        self.stdout.write(f"  Ga naar /mijn/activeren/?code={card.code} en kies een pincode.")
        self.stdout.write(f"  Code {card.code} (14 dagen, 1 keer), daarna nummer {card.number}.")
        from vangnet.myspace.demo import demo_client_card

        client_card = demo_client_card(organisation=organisation) if organisation else None
        if client_card is not None:
            from django.utils import timezone

            from vangnet.support.demo_group import support_demo_group
            from vangnet.support.models import Client

            demo_client = Client.objects.filter(
                organisation=organisation, display_name=client_card.name
            ).first()
            if demo_client is not None:
                support_demo_group(client=demo_client, today=timezone.localdate())
        if client_card is not None:
            self.stdout.write(f"Mijn Vangnet (cliënt {client_card.name}), alleen voor de demo:")
            self.stdout.write(
                f"  Ga naar /mijn/activeren/?code={client_card.code} en kies een pincode."
            )
            self.stdout.write(
                f"  Code {client_card.code} (14 dagen, 1 keer), daarna nummer {client_card.number}."
            )

    def _print_logins(self) -> None:
        rows = demo_logins()
        width_role = max(len("Rol"), *(len(role) for role, _u, _h in rows))
        width_user = max(len("Gebruikersnaam"), *(len(user) for _r, user, _h in rows))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins ({content.ORGANISATION_NAME}), alleen voor de demo:")
        self.stdout.write(f"  {'Rol'.ljust(width_role)}  {'Gebruikersnaam'.ljust(width_user)}")
        for role, user, hint in rows:
            self.stdout.write(f"  {role.ljust(width_role)}  {user.ljust(width_user)}  {hint}")
        self.stdout.write(f"  Wachtwoord voor iedereen: {content.DEMO_PASSWORD}")
