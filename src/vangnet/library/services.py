"""Writes of the shared library: publish (checked for personal data), withdraw, adopt.

Publishing and withdrawing are for the coordinator (Cap.SHARE_LIBRARY) of the publishing
organisation; adopting copies a publication into the coordinator's own organisation with
its origin credited: a lesson becomes a lesson of the community of practice, a
questionnaire a new questionnaire template (through the questionnaires' own services), a
checklist variant is kept as the adoption's copy. Every write is audited; a failed check
saves nothing (transactions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.library.models import Adoption, Kind, Publication
from vangnet.library.personal_data import findings
from vangnet.library.selectors import personal_names
from vangnet.practice.models import Theme
from vangnet.practice.services import lesson_create
from vangnet.questionnaires.models import QuestionnaireTemplate
from vangnet.questionnaires.template_services import item_add, section_add, template_create

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.core.typing import Member

MAX_TITLE = 200
MAX_TEXT = 10000
MAX_CHECKLIST_ITEMS = 100


def _check_basics(title: str, text: str, themes: list[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Geef een titel.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("Houd de titel korter dan %(max)d tekens.") % {"max": MAX_TITLE}]
    if not text:
        errors["text"] = [_("Schrijf een korte tekst: wat is het en hoe gebruik je het?")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [_("Houd de tekst korter dan %(max)d tekens.") % {"max": MAX_TEXT}]
    if any(theme not in Theme.values for theme in themes):
        errors["themes"] = [_("Kies thema's uit de lijst.")]
    return errors


def questionnaire_content(template: QuestionnaireTemplate) -> dict[str, Any]:
    """The current version of a template as plain data (no answers, no ids)."""
    version = template.versions.order_by("-number").first()
    sections: list[dict[str, Any]] = []
    if version is not None:
        for section in version.sections.prefetch_related("items").order_by("position", "id"):
            sections.append(
                {
                    "title": section.title_nl,
                    "help": section.help_nl,
                    "items": [
                        {
                            "key": item.key,
                            "kind": item.kind,
                            "text": item.text_nl,
                            "help": item.help_nl,
                            "choices": item.choices,
                            "required": item.required,
                        }
                        for item in section.items.order_by("position", "id")
                    ],
                }
            )
    return {"sections": sections}


def checklist_content(raw: str) -> dict[str, Any]:
    """A checklist variant from lines: "# Heading" starts a group, every other line is an
    item (a first item without a heading goes in a group without title)."""
    groups: list[dict[str, Any]] = []
    for line in (raw or "").replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line.startswith("#"):
            line = line.lstrip("-*• ").strip()
        if not line:
            continue
        if line.startswith("#"):
            groups.append({"title": line.lstrip("#").strip(), "items": []})
        else:
            if not groups:
                groups.append({"title": "", "items": []})
            groups[-1]["items"].append(line)
    return {"groups": [group for group in groups if group["items"]]}


def content_texts(kind: str, content: dict[str, Any]) -> list[str]:
    """Every text inside the content, for the personal-data check."""
    texts: list[str] = []
    if kind == Kind.QUESTIONNAIRE:
        for section in content.get("sections", []):
            texts += [section.get("title", ""), section.get("help", "")]
            for item in section.get("items", []):
                texts += [item.get("text", ""), item.get("help", "")]
                texts += [str(choice.get("label", "")) for choice in item.get("choices") or []]
    elif kind == Kind.CHECKLIST:
        for group in content.get("groups", []):
            texts += [group.get("title", ""), *group.get("items", [])]
    return [text for text in texts if text]


@transaction.atomic
def publication_publish(
    *,
    user: Member,
    kind: str,
    title: str,
    text: str,
    themes: list[str] | None = None,
    questionnaire_id: int | None = None,
    checklist: str = "",
    request: HttpRequest | None = None,
) -> Publication:
    """Publish to the shared library, after the check for personal data: refused with the
    exact texts to remove when it finds any (nothing is saved then)."""
    require_cap(user, Cap.SHARE_LIBRARY)
    organisation = user.organisation
    title, text = (title or "").strip(), (text or "").replace("\r\n", "\n").strip()
    themes = list(dict.fromkeys(themes or []))
    errors = _check_basics(title, text, themes)
    content: dict[str, Any] = {}
    if kind == Kind.QUESTIONNAIRE:
        template = QuestionnaireTemplate.objects.filter(
            organisation=organisation, pk=questionnaire_id or 0
        ).first()
        if template is None:
            errors["questionnaire"] = [_("Kies een vragenlijst van je eigen organisatie.")]
        else:
            content = questionnaire_content(template)
            if not any(section["items"] for section in content["sections"]):
                errors["questionnaire"] = [_("Deze vragenlijst heeft nog geen vragen.")]
    elif kind == Kind.CHECKLIST:
        content = checklist_content(checklist)
        count = sum(len(group["items"]) for group in content["groups"])
        if not count:
            errors["checklist"] = [_("Zet minstens één onderdeel op een eigen regel.")]
        elif count > MAX_CHECKLIST_ITEMS:
            errors["checklist"] = [
                _("Houd het bij hoogstens %(max)d onderdelen.") % {"max": MAX_CHECKLIST_ITEMS}
            ]
    elif kind != Kind.LESSON:
        errors["kind"] = [_("Kies wat je wilt publiceren.")]
    if errors:
        raise ValidationError(errors)
    fields = {_("de titel"): title, _("de tekst"): text}
    for number, extra in enumerate(content_texts(kind, content), start=1):
        fields[_("onderdeel %(number)d") % {"number": number}] = extra
    found = findings(fields, personal_names(organisation))
    if found:
        raise ValidationError(
            [
                _(
                    "Je kunt dit nog niet publiceren: er staan persoonsgegevens in. "
                    "Haal deze weg of schrijf ze anders, en publiceer dan opnieuw:"
                ),
                *[finding.describe() for finding in found],
            ]
        )
    publication = Publication.objects.create(
        organisation=organisation,
        kind=kind,
        title=title,
        text=text,
        themes=themes,
        content=content,
        credit=organisation.name,
        published_by=user,
    )
    audit_record(actor=user, action="create", obj=publication, request=request)
    return publication


@transaction.atomic
def publication_withdraw(
    *, user: Member, publication: Publication, request: HttpRequest | None = None
) -> Publication:
    """The publishing organisation's coordinator takes it out of the library. Copies that
    others adopted stay theirs."""
    require_cap(user, Cap.SHARE_LIBRARY)
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    if locked.organisation_id != user.organisation_id:
        raise PermissionDenied
    if locked.withdrawn_at is not None:
        raise ValidationError(_("Deze publicatie is al ingetrokken."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = user
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(actor=user, action="update", obj=locked, detail="withdrawn", request=request)
    return locked


def _credit_line(publication: Publication) -> str:
    return _("Overgenomen uit de gedeelde bibliotheek; afkomstig van %(credit)s.") % {
        "credit": publication.credit
    }


def _free_key(organisation_id: int, title: str) -> str:
    base = (slugify(title)[:48] or "vragenlijst") + "-bibliotheek"
    taken = set(
        QuestionnaireTemplate.objects.filter(
            organisation_id=organisation_id, key__startswith=base
        ).values_list("key", flat=True)
    )
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def _copy_questionnaire(user: Member, publication: Publication) -> int:
    name = publication.title[:120]
    template = template_create(
        organisation=user.organisation,
        name=name,
        key=_free_key(user.organisation.pk, name),
        by=user,
    )
    for section_data in publication.content.get("sections", []):
        section = section_add(
            template=template,
            by=user,
            title_nl=section_data.get("title") or _("Vragen"),
            help_nl=section_data.get("help", ""),
        )
        for item in section_data.get("items", []):
            item_add(
                section=section,
                by=user,
                key=item.get("key", ""),
                kind=item.get("kind", ""),
                text_nl=item.get("text", ""),
                help_nl=item.get("help", ""),
                choices=item.get("choices") or [],
                required=bool(item.get("required")),
            )
    return template.pk


@transaction.atomic
def publication_adopt(
    *, user: Member, publication: Publication, request: HttpRequest | None = None
) -> Adoption:
    """A copy into the user's own organisation, its origin credited (once per organisation)."""
    require_cap(user, Cap.SHARE_LIBRARY)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.withdrawn_at is not None:
        raise ValidationError(
            _("Deze publicatie is ingetrokken: je kunt haar niet meer overnemen.")
        )
    if publication.organisation_id == user.organisation_id:
        raise ValidationError(_("Dit komt al van je eigen organisatie."))
    if Adoption.objects.filter(publication=publication, organisation=user.organisation).exists():
        raise ValidationError(_("Je organisatie heeft dit al overgenomen."))
    credit = _credit_line(publication)
    copy_id: int | None = None
    if publication.kind == Kind.LESSON:
        lesson = lesson_create(
            author=user,
            title=publication.title,
            text=f"{publication.text[: MAX_TEXT - len(credit) - 2]}\n\n{credit}",
            date=timezone.localdate(),
            themes=publication.themes,
            request=request,
        )
        copy_id = lesson.pk
    elif publication.kind == Kind.QUESTIONNAIRE:
        copy_id = _copy_questionnaire(user, publication)
    adoption = Adoption.objects.create(
        publication=publication,
        organisation=user.organisation,
        adopted_by=user,
        copy_id=copy_id,
        title=publication.title,
        text=publication.text,
        content=publication.content,
        credit=publication.credit,
    )
    audit_record(actor=user, action="create", obj=adoption, request=request)
    return adoption
