"""Reading questionnaires and their answers (bounded queries)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from vangnet.questionnaires.models import (
    Answer,
    Item,
    ItemKind,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    Response,
    Section,
)


def current_version(*, template: QuestionnaireTemplate) -> QuestionnaireVersion:
    """The version with the highest number (the one new responses use)."""
    version = template.versions.order_by("-number").first()
    if version is None:
        version = QuestionnaireVersion.objects.create(template=template, number=1)
    return version


def templates_for(*, organisation) -> QuerySet:
    return QuestionnaireTemplate.objects.filter(organisation=organisation).annotate(
        version_count=Count("versions", distinct=True),
        latest=Max("versions__number"),
    )


def template_for(*, organisation, template_id) -> QuestionnaireTemplate:
    try:
        return QuestionnaireTemplate.objects.get(organisation=organisation, pk=int(template_id))
    except (TypeError, ValueError, QuestionnaireTemplate.DoesNotExist) as exc:
        raise Http404 from exc


def versions_of(*, template: QuestionnaireTemplate) -> QuerySet:
    return template.versions.annotate(response_count=Count("responses")).order_by("-number")


def version_for(*, template: QuestionnaireTemplate, number) -> QuestionnaireVersion:
    try:
        return template.versions.get(number=int(number))
    except (TypeError, ValueError, QuestionnaireVersion.DoesNotExist) as exc:
        raise Http404 from exc


def section_for(*, organisation, section_id) -> Section:
    try:
        return Section.objects.select_related("version__template").get(
            version__template__organisation=organisation, pk=int(section_id)
        )
    except (TypeError, ValueError, Section.DoesNotExist) as exc:
        raise Http404 from exc


def item_for(*, organisation, item_id) -> Item:
    try:
        return Item.objects.select_related("section__version__template").get(
            section__version__template__organisation=organisation, pk=int(item_id)
        )
    except (TypeError, ValueError, Item.DoesNotExist) as exc:
        raise Http404 from exc


def version_structure(*, version: QuestionnaireVersion) -> list[Section]:
    """The sections of a version in order, each with its items prefetched (two queries)."""
    return list(
        version.sections.order_by("position", "id").prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("position", "id"))
        )
    )


def answer_display(item: Item, answer: Answer | None) -> str:
    if answer is None:
        return _("Geen antwoord")
    if item.kind == ItemKind.POST_THEN_PRE:
        now = "-" if answer.value_now is None else answer.value_now
        then = "-" if answer.value_then is None else answer.value_then
        return _("Nu: %(now)s, een jaar geleden: %(then)s") % {"now": now, "then": then}
    if item.kind == ItemKind.SCALE:
        return "-" if answer.value_now is None else str(answer.value_now)
    if item.kind == ItemKind.CHOICE:
        return item.choice_label(answer.choice) if answer.choice else _("Geen antwoord")
    return answer.text or _("Geen antwoord")


def response_summary(*, response: Response) -> list[tuple[Section, list[tuple[Item, str]]]]:
    """(section, [(item, answer shown as text)]) for read views; three queries."""
    answers = {answer.item_id: answer for answer in response.answers.all()}
    return [
        (
            section,
            [(item, answer_display(item, answers.get(item.pk))) for item in section.items.all()],
        )
        for section in version_structure(version=response.version)
    ]


def _response_ids(responses_qs_or_list) -> QuerySet | list[int]:
    if isinstance(responses_qs_or_list, QuerySet):
        return responses_qs_or_list.values("pk")
    return [r.pk if isinstance(r, Response) else int(r) for r in responses_qs_or_list]


def paired_scores(
    *, responses_qs_or_list: QuerySet | Iterable, item_key: str = "meedoen"
) -> list[tuple[int, int]]:
    """(then, now) of the post-then-pre item `item_key` in completed responses where both
    scores are given, in the order the responses were started. One query."""
    rows = (
        Answer.objects.filter(
            response__in=_response_ids(responses_qs_or_list),
            response__completed_at__isnull=False,
            item__key=item_key,
            item__kind=ItemKind.POST_THEN_PRE,
            value_now__isnull=False,
            value_then__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list("value_then", "value_now")
    )
    return [(int(then), int(now)) for then, now in rows]


def completed_responses(*, networks) -> QuerySet:
    return Response.objects.filter(network__in=networks, completed_at__isnull=False)


def item_scores(*, networks, item_key: str) -> list[int]:
    """value_now of item `item_key` in the completed responses of these networks."""
    return [
        int(value)
        for value in Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__key=item_key,
            value_now__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list("value_now", flat=True)
    ]


def network_pairs(*, networks) -> dict[int, list[tuple[int, int]]]:
    """Per network id, its (then, now) meedoen pairs. One query."""
    result: dict[int, list[tuple[int, int]]] = {}
    rows = (
        Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__key="meedoen",
            item__kind=ItemKind.POST_THEN_PRE,
            value_now__isnull=False,
            value_then__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list("response__network_id", "value_then", "value_now")
    )
    for network_id, then, now in rows:
        result.setdefault(network_id, []).append((int(then), int(now)))
    return result


def network_item_pairs(*, networks) -> tuple[dict[int, dict[str, list[tuple[int, int]]]], dict]:
    """Every post-then-pre item, not only meedoen: per network id and item key, the
    (then, now) pairs of completed responses (interviews and workers' questionnaires), and
    per key the item's texts {"nl", "en"} of its newest response. Items are matched across
    questionnaires and versions by their key. One query."""
    pairs: dict[int, dict[str, list[tuple[int, int]]]] = {}
    texts: dict[str, dict[str, str]] = {}
    rows = (
        Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__kind=ItemKind.POST_THEN_PRE,
            value_now__isnull=False,
            value_then__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list(
            "response__network_id",
            "item__key",
            "item__text_nl",
            "item__text_en",
            "value_then",
            "value_now",
        )
    )
    for network_id, key, text_nl, text_en, then, now in rows:
        pairs.setdefault(network_id, {}).setdefault(key, []).append((int(then), int(now)))
        texts[key] = {"nl": text_nl, "en": text_en}
    return pairs, texts


def participant_responses(*, participant) -> list[dict]:
    """Everything this app holds about one person, for a data-subject access export:
    per response the questionnaire, dates and every question with its answer."""
    responses = Response.objects.filter(participant=participant).select_related("version__template")
    return [
        {
            "questionnaire": response.version.template.name,
            "version": response.version.number,
            "occasion": response.occasion,
            "started_at": response.started_at.isoformat(),
            "completed_at": response.completed_at.isoformat() if response.completed_at else None,
            "answers": [
                {"section": section.title_nl, "question": item.text_nl, "answer": display}
                for section, rows in response_summary(response=response)
                for item, display in rows
            ],
        }
        for response in responses.order_by("started_at", "id")
    ]
