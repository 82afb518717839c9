"""Reading questionnaires and their answers (bounded queries)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation
    from vangnet.participants.models import Participant


def current_version(*, template: QuestionnaireTemplate) -> QuestionnaireVersion:
    """The version with the highest number (the one new responses use)."""
    version = template.versions.order_by("-number").first()
    if version is None:
        version = QuestionnaireVersion.objects.create(template=template, number=1)
    return version


def templates_for(*, organisation: Organisation) -> QuerySet[QuestionnaireTemplate]:
    return QuestionnaireTemplate.objects.filter(organisation=organisation).annotate(
        version_count=Count("versions", distinct=True),
        latest=Max("versions__number"),
    )


def template_for(*, organisation: Organisation, template_id: int | str) -> QuestionnaireTemplate:
    try:
        return QuestionnaireTemplate.objects.get(organisation=organisation, pk=int(template_id))
    except (TypeError, ValueError, QuestionnaireTemplate.DoesNotExist) as exc:
        raise Http404 from exc


def versions_of(*, template: QuestionnaireTemplate) -> QuerySet[Any]:
    return template.versions.annotate(response_count=Count("responses")).order_by("-number")


def version_for(*, template: QuestionnaireTemplate, number: int | str) -> QuestionnaireVersion:
    try:
        return template.versions.get(number=int(number))
    except (TypeError, ValueError, QuestionnaireVersion.DoesNotExist) as exc:
        raise Http404 from exc


def section_for(*, organisation: Organisation, section_id: int | str) -> Section:
    try:
        return Section.objects.select_related("version__template").get(
            version__template__organisation=organisation, pk=int(section_id)
        )
    except (TypeError, ValueError, Section.DoesNotExist) as exc:
        raise Http404 from exc


def item_for(*, organisation: Organisation, item_id: int | str) -> Item:
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


def _response_ids(responses_qs_or_list: Any) -> QuerySet[Any] | list[int]:
    if isinstance(responses_qs_or_list, QuerySet):
        return responses_qs_or_list.values("pk")
    return [r.pk if isinstance(r, Response) else int(r) for r in responses_qs_or_list]


def newest_per_person(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows (group, participant id, response id, *values) in the order the responses were
    started, reduced to one row per group and person: the newest. A person who answered
    twice (at intake and after a year, in an interview and a worker's questionnaire) is
    one person in a paired test and in a count of people; counting both would break the
    test's independence and let a group of fewer than k people pass as k. A response whose
    person was erased is anonymous and counts as one person (it cannot be matched)."""
    newest: dict[tuple[Any, Any], tuple[Any, ...]] = {}
    for group, participant_id, response_id, *values in rows:
        person = participant_id if participant_id is not None else f"response-{response_id}"
        newest.pop((group, person), None)  # re-insert: the dict keeps the newest's place
        newest[(group, person)] = (group, *values)
    return list(newest.values())


def _pair_answers(**filters: Any) -> QuerySet[Answer]:
    """Answers to post-then-pre items of completed responses with both scores given, in
    the order the responses were started (the order `newest_per_person` needs)."""
    return Answer.objects.filter(
        response__completed_at__isnull=False,
        item__kind=ItemKind.POST_THEN_PRE,
        value_now__isnull=False,
        value_then__isnull=False,
        **filters,
    ).order_by("response__started_at", "response_id")


PERSON = ("response__participant_id", "response_id")  # what newest_per_person matches on

# Who filled in the responses an outcome figure uses: everyone's (""), only those the
# participant filled in themselves in Mijn Vangnet ("self"), or only those filled in with an
# interviewer or worker ("interviewer").
FILLED_BY = ("", "self", "interviewer")


def filled_filter(filled: str) -> dict[str, bool]:
    if filled == "self":
        return {"response__self_filled": True}
    if filled == "interviewer":
        return {"response__self_filled": False}
    return {}


def paired_scores(
    *, responses_qs_or_list: QuerySet[Answer] | Iterable[Any], item_key: str = "meedoen"
) -> list[tuple[int, int]]:
    """(then, now) of the post-then-pre item `item_key` in completed responses where both
    scores are given, one pair per person (their newest response), in the order the
    responses were started. One query."""
    rows = _pair_answers(
        response__in=_response_ids(responses_qs_or_list), item__key=item_key
    ).values_list("response__network_id", *PERSON, "value_then", "value_now")
    # One person belongs to one network; grouping by it changes nothing but keeps the
    # helper's shape.
    return [(int(then or 0), int(now or 0)) for _n, then, now in newest_per_person(rows)]


def completed_responses(*, networks: Iterable[Network | int]) -> QuerySet[Response]:
    return Response.objects.filter(network__in=networks, completed_at__isnull=False)


def item_scores(*, networks: Iterable[Network | int], item_key: str) -> list[int]:
    """value_now of item `item_key` in the completed responses of these networks, one per
    person (their newest response)."""
    rows = (
        Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__key=item_key,
            value_now__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list("response__network_id", *PERSON, "value_now")
    )
    return [int(value or 0) for _n, value in newest_per_person(rows)]  # never None: filtered


def network_pairs(
    *, networks: Iterable[Network | int], filled: str = ""
) -> dict[int, list[tuple[int, int]]]:
    """Per network id, its (then, now) meedoen pairs, one per person (their newest
    response; `filled`: see FILLED_BY). One query."""
    result: dict[int, list[tuple[int, int]]] = {}
    rows = _pair_answers(
        response__network__in=networks, item__key="meedoen", **filled_filter(filled)
    ).values_list("response__network_id", *PERSON, "value_then", "value_now")
    for network_id, then, now in newest_per_person(rows):
        result.setdefault(network_id, []).append((int(then or 0), int(now or 0)))
    return result


def network_item_pairs(
    *, networks: Iterable[Network | int], filled: str = ""
) -> tuple[dict[int, dict[str, list[tuple[int, int]]]], dict[str, Any]]:
    """Every post-then-pre item, not only meedoen: per network id and item key, the
    (then, now) pairs of completed responses (interviews and workers' questionnaires), and
    per key the item's texts {"nl", "en"} of its newest response. Items are matched across
    questionnaires and versions by their key; one pair per person and item (their newest
    response). One query."""
    pairs: dict[int, dict[str, list[tuple[int, int]]]] = {}
    texts: dict[str, dict[str, str]] = {}
    rows = _pair_answers(response__network__in=networks, **filled_filter(filled)).values_list(
        "response__network_id",
        "item__key",
        *PERSON,
        "item__text_nl",
        "item__text_en",
        "value_then",
        "value_now",
    )
    keyed = (((network_id, key), *rest) for network_id, key, *rest in rows)
    for (network_id, key), text_nl, text_en, then, now in newest_per_person(keyed):
        pairs.setdefault(network_id, {}).setdefault(key, []).append((int(then or 0), int(now or 0)))
        texts[key] = {"nl": text_nl, "en": text_en}
    return pairs, texts


def participant_responses(*, participant: Participant) -> list[dict[str, Any]]:
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
