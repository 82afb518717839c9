"""The participant fills in their own questionnaire, one question at a time, with a
"voorlezen" button (the browser's own speech synthesis, nothing from another host).

The worker starts the questionnaire (a short questionnaire at a moment of the route,
`questionnaires.worker_services`); the participant answers it on their phone, or on the
worker's device in tablet mode. Answers go through
`questionnaires.worker_services.self_answer_save` and are marked "door deelnemer zelf".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vangnet.audit.services import audit_record
from vangnet.organisations.models import User
from vangnet.participants.models import Participant
from vangnet.questionnaires.models import WORKER_OCCASIONS, Item, ItemKind, Response
from vangnet.questionnaires.services import field_names
from vangnet.questionnaires.worker_services import self_answer_save

SCALE = list(range(0, 11))


def open_responses(participant: Participant) -> list[Response]:
    return list(
        Response.objects.filter(
            participant=participant, occasion__in=WORKER_OCCASIONS, completed_at__isnull=True
        )
        .select_related("version__template")
        .order_by("started_at", "pk")
    )


def _items(response: Response) -> list[Item]:
    return list(
        Item.objects.filter(section__version_id=response.version_id).order_by(
            "section__position", "position", "id"
        )
    )


def _current(response: Response, item: Item) -> dict[str, Any]:
    answer = response.answers.filter(item=item).first()
    if answer is None:
        return {}
    return {
        "now": answer.value_now,
        "then": answer.value_then,
        "choice": answer.choice,
        "text": answer.text,
    }


def questionnaire_page(
    request: HttpRequest,
    *,
    participant: Participant,
    response: Response | None,
    device_user: User | None,
    context: Mapping[str, object],
) -> HttpResponse:
    if request.GET.get("stap") == "klaar":
        return render(request, "myspace/questionnaire_done.html", {**context})
    if response is None:
        page = {**context, "responses": open_responses(participant)}
        return render(request, "myspace/questionnaire_list.html", page)
    if response.participant_id != participant.pk or response.occasion not in WORKER_OCCASIONS:
        raise Http404
    items = _items(response)
    if response.is_complete or not items:
        return render(request, "myspace/questionnaire_done.html", {**context})
    try:
        step = min(max(int(request.GET.get("stap", "1")), 1), len(items))
    except ValueError:
        step = 1
    item = items[step - 1]
    names = field_names(item)
    errors: list[str] = []
    if request.method == "POST":
        answers = {name: request.POST.get(name, "")[:5000] for name in names}
        last = step == len(items)
        try:
            self_answer_save(
                response=response,
                participant=participant,
                answers=answers,
                complete=last,
                device_user=device_user,
                request=request,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if last:
                return redirect(request.path + "?stap=klaar")
            return redirect(f"{request.path}?stap={step + 1}")
    audit_record(
        actor=device_user,
        action="view",
        obj=response,
        detail="vragenlijst door deelnemer zelf",
        request=request,
        organisation=participant.organisation,
    )
    page = {
        **context,
        "response": response,
        "item": item,
        "names": names,
        "post_then_pre": item.kind == ItemKind.POST_THEN_PRE,
        "scale_item": item.kind in (ItemKind.SCALE, ItemKind.POST_THEN_PRE),
        "choice_item": item.kind == ItemKind.CHOICE,
        "choices": [(c["value"], item.choice_label(c["value"])) for c in item.choices or []],
        "current": _current(response, item),
        "scale": SCALE,
        "step": step,
        "total": len(items),
        "previous": step - 1 if step > 1 else None,
        "errors": errors,
    }
    return render(request, "myspace/questionnaire_item.html", page, status=400 if errors else 200)
