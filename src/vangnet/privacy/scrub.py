"""Erasure, part two: the erased person's name in other people's free text.

A participant's name can appear in texts that are not theirs: the logbook, session notes and
titles, contributions typed on the session screen ("koken met Zwaantje"), activities and
their tasks, support-tie notes, other participants' notes and follow-up outcomes,
network-map agreements (also on network-support clients' maps), evaluation texts, interview
places, the code list's descriptions, the community of practice. Every text column of the
project is classified in `privacy.personal_data`; a test fails on a new one that is not.
`person_erase` calls `scrub_name_mentions` inside its transaction, before the name itself is
overwritten; the erase page calls `name_mentions` first to say how many texts will change.

Rules (docs/privacy.md):
- Whole words only, case-insensitive: "Jo" is replaced in "met Jo gebeld" and "JO kwam",
  never inside "Johan" or "jongeren". Word boundaries are Unicode-aware ("Zoë", "Anne-Marie").
- The display name is replaced as a whole; when it has several parts (e.g. "Anja de Vries")
  every part of two or more letters is replaced too, except Dutch name particles
  ("de", "van", "der", ...), which are common words.
- Only texts of the person's own network (and, for what belongs to the organisation as a
  whole: the community of practice, the code list, network-support clients' maps, their
  organisation) are searched, so a namesake elsewhere is left alone.
- Someone on another person's network map is replaced only when linked to this participant.
- Each occurrence becomes REDACTED; a text that would then exceed its field's length is cut.

This module writes other apps' models on purpose: the erasure is privacy's responsibility
(docs/architecture.md). Models that do not exist (an app not installed) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

REDACTED = "[verwijderd]"
PARTICLES = {
    "de", "den", "der", "van", "het", "ten", "ter", "te", "in", "op", "la", "le", "du", "da",
    "di", "el", "al", "von", "zu", "'t", "’t", "t",
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    """One free-text field and the lookup from its model to the scope (network/organisation)."""

    label: str  # Dutch, shown on the erase page (translated there)
    app: str
    model: str
    field: str
    scope: str  # lookup path to a Network ("...network") or an Organisation ("...organisation")
    extra: tuple[tuple[str, str], ...] = ()  # (lookup, "participant") extra filters


# (label, app, model, scope lookup, fields); the label is the kind shown on the erase page.
_NET = "network"
_MAP = "network_map__participant__network"
_CLIENT_MAP = "network_map__client__organisation"
_CLIENT_ORG = "client__organisation"
_REPORT = "report__interview__network"
_GROUPS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("logboek", "logbook", "LogEntry", _NET, ("text",)),
    ("logboek", "logbook", "BalanceReflection", _NET, ("note",)),
    ("bijeenkomsten", "networks", "Session", _NET, ("note", "title")),
    ("bijeenkomsten", "networks", "PhaseTransition", _NET, ("reason",)),
    ("bijdragen", "networks", "Contribution", "session__network", ("task",)),
    ("activiteiten", "networks", "Activity", _NET, ("name", "audience", "tasks")),
    ("deelnemers", "participants", "Participant", _NET, ("notes",)),
    ("deelnemers", "participants", "RouteEvent", "participant__network", ("reason",)),
    ("nabellen", "participants", "FollowUpTask", _NET, ("outcome",)),
    ("steun", "support", "SupportTie", _NET, ("note",)),
    ("netwerkkaarten", "support", "NetworkConversation", _MAP, ("others", "agreements")),
    ("netwerkkaarten", "support", "ContactAction", f"alter__{_MAP}", ("note",)),
    ("netwerkkaarten", "support", "NetworkConversation", _CLIENT_MAP, ("others", "agreements")),
    ("netwerkkaarten", "support", "ContactAction", f"alter__{_CLIENT_MAP}", ("note",)),
    # A client's support group, volunteers, coaching and agreements with the network.
    ("netwerkkaarten", "support", "SupportGroupMember", _CLIENT_ORG, ("name",)),
    ("netwerkkaarten", "support", "NetworkSupporter", _CLIENT_ORG, ("name",)),
    (
        "netwerkkaarten",
        "support",
        "CoachingMoment",
        f"supporter__{_CLIENT_ORG}",
        ("theme", "next_step"),
    ),
    ("netwerkkaarten", "support", "InformalAgreement", _CLIENT_ORG, ("who", "what")),
    ("netwerkkaarten", "support", "AgreementReview", f"agreement__{_CLIENT_ORG}", ("note",)),
    (
        "evaluatie",
        "network_evaluation",
        "NetworkEvaluation",
        _NET,
        ("others_note", "goals_answer", "reasons_answer", "consolidate_answer"),
    ),
    (
        "evaluatie",
        "network_evaluation",
        "NetworkEvaluationVersion",
        "evaluation__network",
        ("data",),
    ),
    ("evaluatie", "network_evaluation", "SubgoalJudgement", "evaluation__network", ("evidence",)),
    ("evaluatie", "network_evaluation", "ChecklistAssessment", _NET, ("note",)),
    ("evaluatie", "network_evaluation", "ChecklistAnswer", "assessment__network", ("note",)),
    ("gesprekken", "interviews", "ReportVersion", _REPORT, ("text", "change_note")),
    ("gesprekken", "interviews", "MemberCheckEvent", _REPORT, ("note",)),
    ("gesprekken", "interviews", "CodedPassage", f"version__{_REPORT}", ("quote",)),
    ("gesprekken", "questionnaires", "Answer", "response__network", ("text",)),
    ("gesprekken", "interviews", "Interview", _NET, ("place",)),
    ("gesprekken", "interviews", "Theme", "organisation", ("description",)),
    (
        "praktijkgemeenschap",
        "practice",
        "Meeting",
        "organisation",
        ("notes", "lessons", "theme_other"),
    ),
    ("praktijkgemeenschap", "practice", "Lesson", "organisation", ("title", "text")),
    ("praktijkgemeenschap", "practice", "WorkVisit", "organisation", ("seen", "take_home")),
    ("geld", "finance", "MoneyEntry", _NET, ("description",)),
    ("huisregels", "houserules", "HouseRules", _NET, ("text",)),
    ("voor de buurt", "neighbourhood", "OutputItem", "output__session__network", ("description",)),
    ("voor de buurt", "neighbourhood", "OutputPartner", "output__session__network", ("name",)),
    ("groei van de werker", "growth", "SelfAssessment", "organisation", ("reflection",)),
    (
        "groei van de werker",
        "growth",
        "CoachingNote",
        "organisation",
        ("theme", "talked_about", "next_step"),
    ),
    ("bronnen", "growth", "Resource", "organisation", ("title", "description")),
    ("bibliotheek", "library", "Publication", "organisation", ("title", "text")),
    ("bibliotheek", "library", "Adoption", "organisation", ("title", "text")),
    ("bibliotheek", "library", "SharedMeeting", "organisation", ("title", "description")),
    ("evaluatie", "learning", "EvaluationPassage", "evaluation__network", ("quote",)),
    ("evaluatie", "learning", "Synthesis", "organisation", ("recommendations",)),
    ("partijen", "stakeholders", "Party", "organisation", ("interest",)),
    ("partijen", "stakeholders", "StakeholderMeeting", "organisation", ("subject", "notes")),
    ("partijen", "stakeholders", "Agreement", "meeting__organisation", ("text",)),
)
TARGETS: tuple[Target, ...] = (
    *(
        Target(label, app, model, field, scope)
        for label, app, model, scope, fields in _GROUPS
        for field in fields
    ),
    # Someone on another participant's or a client's map: only when linked to this
    # participant.
    *(
        Target(
            "netwerkkaarten",
            "support",
            "Alter",
            "name",
            scope,
            extra=(("linked_participant", "participant"),),
        )
        for scope in (_MAP, _CLIENT_MAP)
    ),
)


def name_terms(display_name: str) -> list[str]:
    """The words to replace for a display name: the whole name, then its parts of two or
    more letters that are not name particles. Longest first, so the whole name wins."""
    name = " ".join((display_name or "").split())
    if not name:
        return []
    terms = {name}
    parts = re.split(r"[\s,]+", name)
    if len(parts) > 1:
        for part in parts:
            part = part.strip(".")
            if len(part) >= 2 and part.casefold() not in PARTICLES:
                terms.add(part)
    return sorted(terms, key=lambda term: (-len(term), term))


def name_pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def replace_in(value: Any, pattern: re.Pattern) -> tuple[Any, int]:
    """Replace whole-word matches in a string, or in every string inside JSON data."""
    if isinstance(value, str):
        return pattern.subn(REDACTED, value)
    if isinstance(value, list):
        total, out = 0, []
        for item in value:
            new, count = replace_in(item, pattern)
            out.append(new)
            total += count
        return out, total
    if isinstance(value, dict):
        total, mapped = 0, {}
        for key, item in value.items():
            new, count = replace_in(item, pattern)
            mapped[key] = new
            total += count
        return mapped, total
    return value, 0


def _model_field(target: Target) -> tuple[type[models.Model], models.Field] | None:
    try:
        model = apps.get_model(target.app, target.model)
        field = model._meta.get_field(target.field)
    except (LookupError, FieldDoesNotExist):
        return None
    return model, field


def _candidates(target: Target, model, field, *, participant, terms: list[str]):
    if target.scope.endswith("organisation"):
        scope = Q(**{f"{target.scope}_id": participant.organisation_id})
    else:
        scope = Q(**{f"{target.scope}_id": participant.network_id})
    rows = model.objects.filter(scope)
    for lookup, value in target.extra:
        if value == "participant":
            rows = rows.filter(**{lookup: participant})
    if model._meta.label_lower == "participants.participant":
        rows = rows.exclude(pk=participant.pk)  # their own notes are emptied anyway
    if not isinstance(field, models.JSONField):
        # Pre-filter in the database; the regex below decides (whole words only).
        mention = Q()
        for term in terms:
            mention |= Q(**{f"{target.field}__icontains": term})
        rows = rows.filter(mention)
    return rows.only("pk", target.field)


def _scan(*, participant, display_name: str, write: bool) -> dict[str, int]:
    terms = name_terms(display_name)
    pattern = name_pattern(terms)
    found: dict[str, int] = {}
    if pattern is None:
        return found
    for target in TARGETS:
        resolved = _model_field(target)
        if resolved is None:
            continue
        model: Any
        model, field = resolved
        changed = []
        for row in _candidates(target, model, field, participant=participant, terms=terms):
            new, count = replace_in(getattr(row, target.field), pattern)
            if not count:
                continue
            max_length = getattr(field, "max_length", None)
            if isinstance(new, str) and max_length and len(new) > max_length:
                new = new[:max_length]
            setattr(row, target.field, new)
            changed.append(row)
        if not changed:
            continue
        found[target.label] = found.get(target.label, 0) + len(changed)
        if write:
            if model._meta.label_lower == "networks.contribution":
                changed = _without_duplicate_contributions(changed)
            model.objects.bulk_update(changed, [target.field], batch_size=200)
    return found


def _without_duplicate_contributions(changed: list) -> list:
    """A scrubbed task can equal another task of the same person at the same session
    (unique together): that row is deleted instead, the contribution counts once."""
    from vangnet.networks.models import Contribution

    keep, seen = [], set()
    for row in changed:
        key = (row.session_id, row.participant_id, row.task)
        exists = (
            Contribution.objects.filter(
                session_id=row.session_id, participant_id=row.participant_id, task=row.task
            )
            .exclude(pk=row.pk)
            .exclude(pk__in=[other.pk for other in changed])
            .exists()
        )
        if key in seen or exists:
            Contribution.objects.filter(pk=row.pk).delete()
        else:
            seen.add(key)
            keep.append(row)
    return keep


def name_mentions(*, participant) -> dict[str, int]:
    """How many texts per kind mention this participant's name (nothing is changed)."""
    return _scan(participant=participant, display_name=participant.display_name, write=False)


def scrub_name_mentions(*, participant, display_name: str) -> dict[str, int]:
    """Replace the name in every text in scope; returns the number of texts per kind.
    Call inside the erasure's transaction (person_erase does)."""
    return _scan(participant=participant, display_name=display_name, write=True)
