"""`vangnet benchmark-hub`: the exchange between installations (docs/benchmark.md, "The hub").

On the hub: `add-sender NAME` (prints the token once), `senders`, `revoke-sender NAME`.
On a sending installation: `send` (send the figures now, in this process; the worker does
the same after every change and daily)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vangnet.benchmark.exchange import hub_configured
from vangnet.benchmark.exchange_send import exchange_send
from vangnet.benchmark.hub_services import sender_register, sender_revoke
from vangnet.benchmark.models import HubSender


class Command(BaseCommand):
    help = "Benchmark tussen installaties: afzenders van de hub beheren, of cijfers versturen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add-sender", help="Een installatie toevoegen die mag versturen")
        add.add_argument("name", help="Naam van de afzender, bijvoorbeeld de organisatie")
        sub.add_parser("senders", help="De afzenders van deze hub")
        revoke = sub.add_parser("revoke-sender", help="Sleutel intrekken, cijfers verwijderen")
        revoke.add_argument("name")
        sub.add_parser("send", help="De cijfers van deze installatie nu naar de hub sturen")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, "_" + action.replace("-", "_"))(**options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _add_sender(self, *, name: str, **options):
        sender, key = sender_register(name=name)
        self.stdout.write(f"Afzender '{sender.name}' toegevoegd.")
        self.stdout.write(f"Sleutel (alleen nu te zien): {key}")
        self.stdout.write("Zet bij de afzender VANGNET_BENCHMARK_HUB_TOKEN op deze sleutel.")

    def _senders(self, **options):
        for sender in HubSender.objects.all():
            state = "ingetrokken" if sender.revoked_at else "actief"
            last = sender.last_received_at.isoformat() if sender.last_received_at else "-"
            self.stdout.write(f"{sender.name}\t{sender.prefix}…\t{state}\tlaatst: {last}")

    def _revoke_sender(self, *, name: str, **options):
        sender_revoke(name=name)
        self.stdout.write(f"Sleutel van '{name}' ingetrokken; de cijfers zijn verwijderd.")

    def _send(self, **options):
        if not hub_configured():
            raise CommandError(
                "Geen hub ingesteld: zet VANGNET_BENCHMARK_HUB_URL en VANGNET_BENCHMARK_HUB_TOKEN."
            )
        outcome = exchange_send(today=timezone.localdate())
        if not outcome.ok:
            raise CommandError(f"Versturen mislukt ({outcome.status or '-'}): {outcome.message}")
        self.stdout.write("Cijfers verstuurd naar de hub.")
