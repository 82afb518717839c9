"""`vangnet import-attendance FILE --network ID [--create-participants] [--dry-run]`.

Uses the same service as the web page (vangnet.networks.importing.checking). Exit codes: 0 imported
(or, with --dry-run, valid), 1 the file is invalid (the per-row report is on stderr, nothing
was written), 2 wrong arguments (unknown network or user, unreadable file).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vangnet.networks.importing.checking import attendance_import_check
from vangnet.networks.importing.names import NEW
from vangnet.networks.importing.reading import MAX_BYTES, ImportRejected
from vangnet.networks.importing.records import ImportResult
from vangnet.networks.importing.writing import attendance_import
from vangnet.participants.names import name_key

COUNT_LABELS = [
    ("rows", gettext_noop("rijen")),
    ("sessions_created", gettext_noop("bijeenkomsten nieuw")),
    ("sessions_updated", gettext_noop("bijeenkomsten aangevuld")),
    ("sessions_unchanged", gettext_noop("bijeenkomsten ongewijzigd")),
    ("attendance_added", gettext_noop("keer aanwezig toegevoegd")),
    ("attendance_present", gettext_noop("keer aanwezig stond er al")),
    ("contributions_added", gettext_noop("bijdragen toegevoegd")),
    ("contributions_present", gettext_noop("bijdragen stonden er al")),
    ("participants_created", gettext_noop("nieuwe deelnemers")),
    ("absent_rows", gettext_noop("keer afwezig gemeld")),
    ("absences_added", gettext_noop("afmeldingen toegevoegd")),
    ("absences_present", gettext_noop("afmeldingen stonden er al")),
]


class Command(BaseCommand):
    help = "Importeer bijeenkomsten en aanwezigheid uit een CSV- of XLSX-bestand (docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het .csv- of .xlsx-bestand")
        parser.add_argument("--network", required=True, type=int, help="nummer van het netwerk")
        parser.add_argument(
            "--create-participants",
            action="store_true",
            help="maak onbekende namen aan als nieuwe deelnemers",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--name",
            action="append",
            default=[],
            metavar="NAAM=NUMMER|nieuw",
            help=(
                "antwoord op 'lijkt op': de naam uit het bestand is deelnemer NUMMER van dit "
                "netwerk, of een nieuw persoon (herhaalbaar)"
            ),
        )
        parser.add_argument(
            "--user", default="", help="gebruikersnaam die in de audit als uitvoerder staat"
        )

    def handle(self, *args, **options):
        from vangnet.networks.models import Network
        from vangnet.organisations.models import User

        try:
            network = Network.objects.select_related("organisation").get(pk=options["network"])
        except Network.DoesNotExist as exc:
            raise CommandError(
                _("Netwerk %(id)s bestaat niet.") % {"id": options["network"]}, returncode=2
            ) from exc
        actor = None
        if options["user"]:
            actor = User.objects.filter(
                username=options["user"], organisation=network.organisation
            ).first()
            if actor is None:
                raise CommandError(
                    _("Gebruiker %(name)s hoort niet bij de organisatie van dit netwerk.")
                    % {"name": options["user"]},
                    returncode=2,
                )
        path = Path(options["file"])
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(
                _("Kan %(path)s niet lezen: %(reason)s") % {"path": path, "reason": exc.strerror},
                returncode=2,
            ) from exc

        arguments = {
            "network": network,
            "source": data,
            "filename": path.name,
            "create_participants": options["create_participants"],
            "name_choices": _name_choices(options["name"]),
        }
        if options["dry_run"]:
            check = attendance_import_check(**arguments)
            if not check.is_valid:
                self._fail(path, check.errors)
            self._report(check.summary, heading=_("Het bestand is in orde. Bij importeren:"))
            return
        try:
            result = attendance_import(**arguments, actor=actor)
        except ImportRejected as exc:
            self._fail(path, exc.row_errors)
        self._report(result, heading=_("Geïmporteerd:"))

    def _fail(self, path, errors) -> None:
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(
            _("%(name)s is niet geïmporteerd: %(count)d fout(en). Er is niets opgeslagen.")
            % {"name": path.name, "count": len(errors)},
            returncode=1,
        )

    def _report(self, result: ImportResult, *, heading: str) -> None:
        self.stdout.write(self.style.SUCCESS(heading))
        for key, label in COUNT_LABELS:
            self.stdout.write(f"  {getattr(result, key):>6}  {_(label)}")


def _name_choices(answers: list[str]) -> dict[str, str]:
    """--name "Riaa=12" or "Riaa=nieuw": name key -> participant id or "new"."""
    choices: dict[str, str] = {}
    for answer in answers:
        name, _sep, value = answer.rpartition("=")
        value = value.strip().casefold()
        if not name.strip() or not (value.isdigit() or value in {"nieuw", NEW}):
            raise CommandError(
                _("Schrijf --name als NAAM=NUMMER of NAAM=nieuw, niet '%(value)s'.")
                % {"value": answer},
                returncode=2,
            )
        choices[name_key(name)] = NEW if value in {"nieuw", NEW} else value
    return choices
