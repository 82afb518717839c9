"""`vangnet demo-data [--seed 2026] [--reset]`: create the demo organisation with its history."""

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


class Command(BaseCommand):
    help = (
        "Maak demodata: een organisatie met gebruikers voor elke rol en twee vangnetwerken "
        "met ruim anderhalf jaar wekelijkse bijeenkomsten. Alleen voor demo en ontwikkeling."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Startgetal: zelfde getal, zelfde data"
        )
        parser.add_argument(
            "--reset", action="store_true", help="Verwijder de bestaande demodata eerst"
        )

    def handle(self, *args, seed: int, reset: bool, verbosity: int = 1, **options):
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

    @staticmethod
    def _counts_line(counts: dict[str, int]) -> str:
        return (
            f"Demodata gemaakt: {counts['networks']} netwerken, {counts['participants']} "
            f"deelnemers, {counts['sessions']} bijeenkomsten, {counts['attendance']} keer "
            f"aanwezig, {counts['open_followups']} open nabeltaken."
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
