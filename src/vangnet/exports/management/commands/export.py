"""`vangnet export KIND --organisation ID [--network ID] [--format xlsx|csv|zip] [--output FILE]`.

KIND is attendance, routes, ties, answers or research. Uses the same service as the web
page (vangnet.exports.services.export_file_create), with a progress bar. The command line
has no signed-in user, so participants always get pseudonyms; the export is audited with
the organisation and "cli" in the detail. Exit codes: 0 written, 2 wrong arguments.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from vangnet.exports.models import ExportKind
from vangnet.exports.scope import organisation_scope
from vangnet.exports.services import FORMATS, export_file_create


class Command(BaseCommand):
    help = "Maak een export (XLSX, CSV of ZIP) van een organisatie of één vangnetwerk."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ExportKind.values, help="soort export")
        parser.add_argument(
            "--organisation", required=True, type=int, help="nummer van de organisatie"
        )
        parser.add_argument("--network", type=int, default=None, help="alleen dit vangnetwerk")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=["xlsx", "csv", "zip"],
            default=None,
            help="bestandsvorm (standaard xlsx; zip voor research)",
        )
        parser.add_argument(
            "--output", default="", help="pad van het bestand (standaard: naam van de export)"
        )
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")

    def handle(self, *args, kind, organisation, network, file_format, output, **options):
        from vangnet.organisations.models import Organisation

        try:
            org = Organisation.objects.get(pk=organisation)
        except Organisation.DoesNotExist as exc:
            raise CommandError(
                _("Organisatie %(id)s bestaat niet.") % {"id": organisation}, returncode=2
            ) from exc
        if kind == ExportKind.RESEARCH and network is not None:
            raise CommandError(
                _("De onderzoeksexport gaat altijd over de hele organisatie."), returncode=2
            )
        scope = organisation_scope(org, network_id=network)
        if network is not None and not scope.networks:
            raise CommandError(
                _("Netwerk %(id)s hoort niet bij deze organisatie.") % {"id": network},
                returncode=2,
            )
        file_format = file_format or FORMATS[ExportKind(kind)][0]
        scope.label = f"{scope.label} cli"
        with tqdm(
            total=1,
            desc=str(ExportKind(kind).label),
            unit=_("stap"),
            disable=options["no_progress"],
            file=self.stderr._out,
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            try:
                result = export_file_create(
                    kind=kind, file_format=file_format, scope=scope, actor=None, progress=progress
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages), returncode=2) from error
        path = Path(output or result.filename)
        try:
            path.write_bytes(result.data)
        except OSError as exc:
            raise CommandError(
                _("Kan %(path)s niet schrijven: %(reason)s")
                % {"path": path, "reason": exc.strerror},
                returncode=2,
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Export geschreven naar %(path)s (%(size)s bytes).")
                % {"path": path, "size": len(result.data)}
            )
        )
