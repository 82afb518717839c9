"""Editing questionnaire templates, with versioning.

Every edit goes through `version_for_edit`: when the current version already has a response,
its sections and items are copied into a fresh version first and the change is applied to the
copy, so given answers keep the exact questions they answered. A version without responses
is edited in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vangnet.core.typing import signed_in
from vangnet.questionnaires.models import (
    Item,
    ItemKind,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    Section,
)

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User


def _current(template: QuestionnaireTemplate) -> QuestionnaireVersion:
    version = template.versions.order_by("-number").first()
    if version is None:
        version = QuestionnaireVersion.objects.create(template=template, number=1)
    return version


@transaction.atomic
def template_create(
    *, organisation: Organisation, name: str, key: str = "", by: User
) -> QuestionnaireTemplate:
    """A new, empty template with version 1."""
    name = (name or "").strip()
    key = slugify(key or name)[:60]
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Geef de vragenlijst een naam.")]
    elif len(name) > 120:
        errors["name"] = [_("De naam is te lang: hoogstens 120 tekens.")]
    if name and not key:
        errors["key"] = [_("Gebruik letters of cijfers in de sleutel.")]
    elif key and QuestionnaireTemplate.objects.filter(organisation=organisation, key=key).exists():
        errors["key"] = [_("Er is al een vragenlijst met deze sleutel.")]
    if errors:
        raise ValidationError(errors)
    template = QuestionnaireTemplate.objects.create(organisation=organisation, key=key, name=name)
    QuestionnaireVersion.objects.create(template=template, number=1, created_by=signed_in(by))
    return template


@transaction.atomic
def version_for_edit(
    *, template: QuestionnaireTemplate, by: User
) -> tuple[QuestionnaireVersion, dict[int, Section], dict[int, Item]]:
    """The version to change: the current one if nobody answered it yet, otherwise a fresh
    copy. Returns the version and maps from the old section/item ids to their copies."""
    QuestionnaireTemplate.objects.select_for_update().filter(pk=template.pk).first()
    current = _current(template)
    if not current.responses.exists():
        return current, {}, {}
    fresh = QuestionnaireVersion.objects.create(
        template=template, number=current.number + 1, created_by=signed_in(by)
    )
    section_map: dict[int, Section] = {}
    item_map: dict[int, Item] = {}
    for section in current.sections.prefetch_related("items").order_by("position", "id"):
        old_items = list(section.items.all())
        old_id = section.pk
        section.pk = None
        section.version = fresh
        section.save()
        section_map[old_id] = section
        for item in old_items:
            old_item_id = item.pk
            item.pk = None
            item.section = section
            item.save()
            item_map[old_item_id] = item
    return fresh, section_map, item_map


def _check_current(version_id: int, template: QuestionnaireTemplate) -> None:
    if version_id != _current(template).pk:
        raise ValidationError(_("Alleen de nieuwste versie van een vragenlijst kan veranderen."))


# --------------------------------------------------------------------------- sections


def _clean_section(data: dict[str, Any]) -> dict[str, Any]:
    title_nl = (data.get("title_nl") or "").strip()
    errors: dict[str, list[str]] = {}
    if not title_nl:
        errors["title_nl"] = [_("Geef het onderdeel een titel.")]
    for field in ("title_nl", "title_en"):
        if len((data.get(field) or "").strip()) > 200:
            errors[field] = [_("De titel is te lang: hoogstens 200 tekens.")]
    if errors:
        raise ValidationError(errors)
    return {
        "title_nl": title_nl,
        "title_en": (data.get("title_en") or "").strip(),
        "help_nl": (data.get("help_nl") or "").strip(),
        "help_en": (data.get("help_en") or "").strip(),
    }


@transaction.atomic
def section_add(*, template: QuestionnaireTemplate, by: User, **data: Any) -> Section:
    clean = _clean_section(data)
    version, _s, _i = version_for_edit(template=template, by=by)
    last = version.sections.aggregate(m=Max("position"))["m"]
    return Section.objects.create(version=version, position=(last or 0) + 1, **clean)


@transaction.atomic
def section_edit(*, section: Section, by: User, **data: Any) -> Section:
    template = section.version.template
    _check_current(section.version_id, template)
    clean = _clean_section(data)
    _v, section_map, _i = version_for_edit(template=template, by=by)
    target = section_map.get(section.pk, section)
    for field, value in clean.items():
        setattr(target, field, value)
    target.save()
    return target


@transaction.atomic
def section_remove(*, section: Section, by: User) -> QuestionnaireVersion:
    template = section.version.template
    _check_current(section.version_id, template)
    version, section_map, _i = version_for_edit(template=template, by=by)
    section_map.get(section.pk, section).delete()
    return version


# --------------------------------------------------------------------------- items


def parse_choices(raw: str) -> list[dict[str, Any]]:
    """Lines "waarde | Nederlands | English"; the value may be left out (then it is made
    from the Dutch text)."""
    choices: list[dict[str, Any]] = []
    for line in (raw or "").splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not any(parts):
            continue
        if len(parts) == 1:
            value, nl, en = slugify(parts[0]).replace("-", "_"), parts[0], ""
        elif len(parts) == 2:
            value, nl, en = slugify(parts[0]).replace("-", "_"), parts[0], parts[1]
        else:
            value, nl, en = slugify(parts[0]).replace("-", "_"), parts[1], parts[2]
        choices.append({"value": value[:60], "nl": nl, "en": en})
    return choices


def choices_text(choices: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{c.get('value', '')} | {c.get('nl', '')} | {c.get('en', '')}" for c in choices
    )


def _clean_item(
    data: dict[str, Any], *, version: QuestionnaireVersion, exclude_id: int | None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    key = slugify(data.get("key") or "").replace("-", "_")[:60]
    kind = data.get("kind") or ""
    text_nl = (data.get("text_nl") or "").strip()
    choices = data.get("choices") or []
    if not key:
        errors["key"] = [_("Geef de vraag een korte sleutel, bijvoorbeeld: meedoen.")]
    else:
        clash = Item.objects.filter(section__version=version, key=key)
        if exclude_id is not None:
            clash = clash.exclude(pk=exclude_id)
        if clash.exists():
            errors["key"] = [_("Deze sleutel bestaat al in deze vragenlijst.")]
    if kind not in ItemKind.values:
        errors["kind"] = [_("Kies een soort vraag.")]
    if not text_nl:
        errors["text_nl"] = [_("Schrijf de vraag op.")]
    if kind == ItemKind.CHOICE:
        values = [c.get("value") for c in choices]
        if len(choices) < 2:
            errors["choices"] = [_("Geef minstens twee antwoorden, elk op een eigen regel.")]
        elif len(set(values)) != len(values) or not all(values):
            errors["choices"] = [_("Elk antwoord heeft een eigen, unieke waarde nodig.")]
    else:
        choices = []
    if errors:
        raise ValidationError(errors)
    return {
        "key": key,
        "kind": kind,
        "text_nl": text_nl,
        "text_en": (data.get("text_en") or "").strip(),
        "help_nl": (data.get("help_nl") or "").strip(),
        "help_en": (data.get("help_en") or "").strip(),
        "choices": choices,
        "required": bool(data.get("required")),
    }


@transaction.atomic
def item_add(*, section: Section, by: User, **data: Any) -> Item:
    template = section.version.template
    _check_current(section.version_id, template)
    version, section_map, _i = version_for_edit(template=template, by=by)
    clean = _clean_item(data, version=version, exclude_id=None)
    target = section_map.get(section.pk, section)
    last = target.items.aggregate(m=Max("position"))["m"]
    return Item.objects.create(section=target, position=(last or 0) + 1, **clean)


@transaction.atomic
def item_edit(*, item: Item, by: User, **data: Any) -> Item:
    template = item.section.version.template
    _check_current(item.section.version_id, template)
    version, _s, item_map = version_for_edit(template=template, by=by)
    target = item_map.get(item.pk, item)
    clean = _clean_item(data, version=version, exclude_id=target.pk)
    for field, value in clean.items():
        setattr(target, field, value)
    target.save()
    return target


@transaction.atomic
def item_remove(*, item: Item, by: User) -> QuestionnaireVersion:
    template = item.section.version.template
    _check_current(item.section.version_id, template)
    version, _s, item_map = version_for_edit(template=template, by=by)
    item_map.get(item.pk, item).delete()
    return version


@transaction.atomic
def item_move(*, item: Item, direction: str, by: User) -> Item:
    """Move an item one place up or down within its section."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    template = item.section.version.template
    _check_current(item.section.version_id, template)
    _v, _s, item_map = version_for_edit(template=template, by=by)
    target = item_map.get(item.pk, item)
    siblings = list(target.section.items.order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == target.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    return next(s for s in siblings if s.pk == target.pk)


@transaction.atomic
def section_move(*, section: Section, direction: str, by: User) -> Section:
    """Move a section one place up or down."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    template = section.version.template
    _check_current(section.version_id, template)
    version, section_map, _i = version_for_edit(template=template, by=by)
    target = section_map.get(section.pk, section)
    siblings = list(version.sections.order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == target.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    return next(s for s in siblings if s.pk == target.pk)
