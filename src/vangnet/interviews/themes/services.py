"""Writes for the theme code list and the coding of agreed report passages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vangnet.audit.services import audit_record
from vangnet.interviews.member_check import AGREED_STATUSES
from vangnet.interviews.models import CodedPassage, ReportVersion, Theme

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User

# The method's themes (subdoelen a-i and the research themes in the seeds). Stored in Dutch:
# the code list is the organisation's own content, which it may rename.
DEFAULT_THEMES: list[tuple[str, str, str]] = [
    (
        gettext_noop("Zich uitgenodigd voelen"),
        gettext_noop("Zich welkom en uitgenodigd voelen om mee te doen en aan te sluiten."),
        "a",
    ),
    (
        gettext_noop("Zinvol bijdragen"),
        gettext_noop("Een eigen, serieuze inbreng hebben die ertoe doet; sociaal productief zijn."),
        "b,c",
    ),
    (
        gettext_noop("Erbij horen / eigen groep"),
        gettext_noop("Het voelt als 'hun groep', met een eigen identiteit; groepsgevoel."),
        "f",
    ),
    (
        gettext_noop("Veilige plek"),
        gettext_noop("Een veilige plek om sociale vaardigheden te oefenen en fouten te maken."),
        "e",
    ),
    (
        gettext_noop("Steun geven en krijgen"),
        gettext_noop("Emotionele en praktische steun die deelnemers elkaar geven."),
        "h,i",
    ),
    (
        gettext_noop("Wederkerigheid"),
        gettext_noop("Geven en nemen: iedereen heeft iets te bieden, niemand is alleen ontvanger."),
        "d",
    ),
    (
        gettext_noop("Gezelschap"),
        gettext_noop("Graag in elkaars gezelschap zijn; samen eten, praten, lachen."),
        "g",
    ),
    (
        gettext_noop("Gezien worden"),
        gettext_noop("Zich gezien en gewaardeerd voelen als mens, met eigen talenten."),
        "b",
    ),
    (
        gettext_noop("Minder alleen"),
        gettext_noop("Het isolement of de eenzaamheid wordt lichter."),
        "",
    ),
    (
        gettext_noop("Zelfvertrouwen"),
        gettext_noop("Succeservaringen in contact met anderen; meer durven."),
        "e",
    ),
    (
        gettext_noop("Meedoen in de wijk"),
        gettext_noop("Vanuit de groep ook meedoen aan andere activiteiten in de wijk."),
        "",
    ),
    (
        gettext_noop("Ritme in de week"),
        gettext_noop("De wekelijkse bijeenkomst geeft houvast en iets om naar uit te kijken."),
        "",
    ),
]

MAX_NAME = 100
MAX_DESCRIPTION = 500
MAX_QUOTE = 5000
SUBGOAL_LETTERS = ("a", "b", "c", "d", "e", "f", "g", "h", "i")


def _clean_subgoals(subgoals: Any) -> str:
    letters = [str(letter).strip().lower() for letter in (subgoals or []) if str(letter).strip()]
    if any(letter not in SUBGOAL_LETTERS for letter in letters):
        raise ValidationError({"subgoals": _("Kies alleen subdoelen uit de lijst.")})
    return ",".join(sorted(set(letters)))


@transaction.atomic
def themes_ensure_defaults(*, organisation: Organisation) -> int:
    """Seed the organisation's code list with the method's themes on first use.
    Returns how many themes were created (0 when the list already exists)."""
    if Theme.objects.filter(organisation=organisation).exists():
        return 0
    Theme.objects.bulk_create(
        Theme(
            organisation=organisation,
            name=name,
            description=description,
            position=index * 10,
            subgoals=letters,
        )
        for index, (name, description, letters) in enumerate(DEFAULT_THEMES, start=1)
    )
    return len(DEFAULT_THEMES)


def _clean_theme(*, name: str, description: str, position: Any) -> tuple[str, str, int]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    description = (description or "").strip()
    if not name:
        errors["name"] = [_("Geef het thema een naam.")]
    elif len(name) > MAX_NAME or "\x00" in name:
        errors["name"] = [_("Houd de naam korter dan %(max)d tekens.") % {"max": MAX_NAME}]
    if len(description) > MAX_DESCRIPTION or "\x00" in description:
        errors["description"] = [
            _("Houd de omschrijving korter dan %(max)d tekens.") % {"max": MAX_DESCRIPTION}
        ]
    if position is None or not 0 <= int(position) <= 100000:
        errors["position"] = [_("Kies een volgorde tussen 0 en 100000.")]
    if errors:
        raise ValidationError(errors)
    return name, description, int(position)


def _name_taken(*, organisation_id: int | str, name: str, exclude_pk: int | None = None) -> bool:
    qs = Theme.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def theme_create(
    *,
    organisation: Organisation,
    name: str,
    description: str = "",
    position: int | None = None,
    subgoals: list[str] | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> Theme:
    letters = _clean_subgoals(subgoals)
    if position is None:
        position = (
            Theme.objects.filter(organisation=organisation).aggregate(m=Max("position"))["m"] or 0
        ) + 10
    name, description, position = _clean_theme(
        name=name, description=description, position=position
    )
    if _name_taken(organisation_id=organisation.pk, name=name):
        raise ValidationError({"name": _("Er is al een thema met deze naam.")})
    try:
        with transaction.atomic():
            theme = Theme.objects.create(
                organisation=organisation,
                name=name,
                description=description,
                position=position,
                subgoals=letters,
            )
    except IntegrityError as exc:
        raise ValidationError({"name": _("Er is al een thema met deze naam.")}) from exc
    audit_record(actor=by, action="create", obj=theme, request=request)
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    name: str,
    description: str,
    position: int,
    active: bool,
    subgoals: list[str] | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> Theme:
    letters = _clean_subgoals(subgoals)
    name, description, position = _clean_theme(
        name=name, description=description, position=position
    )
    if _name_taken(organisation_id=theme.organisation_id, name=name, exclude_pk=theme.pk):
        raise ValidationError({"name": _("Er is al een thema met deze naam.")})
    theme.name, theme.description, theme.position, theme.active = (
        name,
        description,
        position,
        bool(active),
    )
    theme.subgoals = letters
    theme.save(update_fields=["name", "description", "position", "active", "subgoals"])
    audit_record(actor=by, action="update", obj=theme, request=request)
    return theme


def _locate(text: str, quote: str, start: int | None) -> int:
    """Where the quote starts in the text: at `start` when it matches there, else the first
    occurrence; -1 when the quote is not in the text word for word."""
    if start is not None and 0 <= start <= len(text) and text[start : start + len(quote)] == quote:
        return start
    return text.find(quote)


@transaction.atomic
def passage_code(
    *,
    version: ReportVersion,
    quote: str,
    themes: Iterable[Theme],
    start: int | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> CodedPassage:
    """Tag a passage of an agreed report with one or more themes. The passage must stand in
    the report word for word; its offsets are stored with it."""
    report = version.report
    if report.status not in AGREED_STATUSES:
        raise ValidationError(_("Alleen een verslag waarmee de deelnemer akkoord is, codeer je."))
    latest = report.versions.order_by("-number").first()
    if latest is None or latest.pk != version.pk:
        raise ValidationError(_("Codeer de laatste versie van het verslag."))
    quote = (quote or "").replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    position = -1
    if not quote:
        errors["quote"] = [_("Plak of selecteer een stuk tekst uit het verslag.")]
    elif len(quote) > MAX_QUOTE:
        errors["quote"] = [_("Kies een korter stuk tekst.")]
    else:
        position = _locate(version.text, quote, start)
        if position < 0:
            errors["quote"] = [_("Dit stuk tekst staat niet letterlijk in het verslag.")]
    chosen = list(dict.fromkeys(themes or []))
    if not chosen:
        errors["themes"] = [_("Kies minstens één thema.")]
    elif any(t.organisation_id != report.interview.organisation_id or not t.active for t in chosen):
        errors["themes"] = [_("Kies alleen thema's uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    passage = CodedPassage.objects.create(
        version=version, start=position, end=position + len(quote), quote=quote, coder=by
    )
    passage.themes.set(chosen)
    audit_record(actor=by, action="create", obj=passage, request=request)
    return passage


@transaction.atomic
def passage_delete(*, passage: CodedPassage, by: User, request: HttpRequest | None = None) -> None:
    audit_record(actor=by, action="delete", obj=passage, request=request)
    passage.delete()
