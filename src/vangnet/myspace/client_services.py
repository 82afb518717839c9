"""Writes of a network-support client in Mijn Vangnet: their own goals, their rating of
each goal over time, and their support group as they see it (docs/participant-space.md).

Each function runs in a transaction, checks its input with a clear Dutch message
(ValidationError, nothing half-saved) and writes an audit record "door cliënt zelf". The
client acts from their own account (`actor` None) or on their worker's device in tablet
mode (`actor` is then the worker whose device it is).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.myspace.client_models import (
    GOAL_MAX_LENGTH,
    ClientGoal,
    GoalRating,
    GroupAnswer,
    SupportGroupView,
)
from vangnet.support.models import Alter, NetworkMap

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.organisations.models import User
    from vangnet.support.models import Client

BY_CLIENT = "door cliënt zelf"
OPEN_GOALS_MAX = 6
OTHERS_MAX_LENGTH = 200


def _detail(what: str, actor: User | None) -> str:
    where = " op het apparaat van de werker" if actor is not None else ""
    return f"{what} {BY_CLIENT}{where}"


@transaction.atomic
def goal_add(
    *, client: Client, text: str, actor: User | None = None, request: HttpRequest | None = None
) -> ClientGoal:
    """A new goal in the client's own words (at most six open at a time, no two the same)."""
    words = " ".join((text or "").split())
    if not words:
        raise ValidationError({"text": [_("Schrijf je doel op, in je eigen woorden.")]})
    if len(words) > GOAL_MAX_LENGTH:
        raise ValidationError(
            {"text": [_("Maak je doel korter (hoogstens %(n)s tekens).") % {"n": GOAL_MAX_LENGTH}]}
        )
    open_goals = list(
        ClientGoal.objects.select_for_update().filter(client=client, closed_at__isnull=True)
    )
    if any(goal.text.casefold() == words.casefold() for goal in open_goals):
        raise ValidationError({"text": [_("Dit doel staat er al.")]})
    if len(open_goals) >= OPEN_GOALS_MAX:
        raise ValidationError(
            {
                "text": [
                    _("Je hebt al %(n)s doelen. Zet er eerst een opzij.") % {"n": OPEN_GOALS_MAX}
                ]
            }
        )
    goal = ClientGoal.objects.create(client=client, text=words)
    audit_record(
        actor=actor,
        action="create",
        obj=goal,
        detail=_detail("eigen doel", actor),
        request=request,
        organisation=client.organisation,
    )
    return goal


def _open_goal(goal: ClientGoal) -> ClientGoal:
    locked = ClientGoal.objects.select_for_update().select_related("client").get(pk=goal.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("Dit doel heb je opzij gezet."))
    return locked


@transaction.atomic
def goal_rate(
    *,
    goal: ClientGoal,
    score: object,
    day: dt.date | None = None,
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> GoalRating:
    """The client's own score for the goal today (1 to 10); a second score on the same day
    replaces the first."""
    try:
        value = int(str(score))
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 10:
        raise ValidationError({"score": [_("Kies een cijfer van 1 tot en met 10.")]})
    day = day or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"score": [_("Een cijfer geef je voor vandaag, niet voor later.")]})
    locked = _open_goal(goal)
    rating, _created = GoalRating.objects.update_or_create(
        goal=locked, date=day, defaults={"score": value}
    )
    audit_record(
        actor=actor,
        action="update",
        obj=locked,
        detail=_detail("cijfer voor eigen doel", actor),
        request=request,
        organisation=locked.client.organisation,
    )
    return rating


@transaction.atomic
def goal_close(
    *, goal: ClientGoal, actor: User | None = None, request: HttpRequest | None = None
) -> ClientGoal:
    """The client puts a goal aside (reached, or no longer theirs); its scores stay."""
    locked = _open_goal(goal)
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action="update",
        obj=locked,
        detail=_detail("eigen doel opzij gezet", actor),
        request=request,
        organisation=locked.client.organisation,
    )
    return locked


def latest_client_map(client: Client) -> NetworkMap | None:
    return NetworkMap.objects.filter(client=client).order_by("-wave_date", "-pk").first()


@transaction.atomic
def support_group_answer(
    *,
    client: Client,
    answer: str,
    member_ids: list[int],
    others: str = "",
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> SupportGroupView:
    """ "Heb ik een steungroep?" as the client sees it now: the answer, who of the people on
    their latest map is in it, and others in their own words. Earlier answers are kept."""
    if answer not in GroupAnswer.values:
        raise ValidationError({"answer": [_("Kies een antwoord.")]})
    others = " ".join((others or "").split())
    if len(others) > OTHERS_MAX_LENGTH:
        raise ValidationError(
            {
                "others": [
                    _("Schrijf het korter (hoogstens %(n)s tekens).") % {"n": OTHERS_MAX_LENGTH}
                ]
            }
        )
    network_map = latest_client_map(client)
    wanted = set(member_ids)
    members = (
        list(Alter.objects.present().filter(network_map=network_map, pk__in=wanted))
        if network_map is not None and wanted
        else []
    )
    if len(members) != len(wanted):
        raise ValidationError({"members": [_("Kies alleen mensen van je eigen kaart.")]})
    if answer == GroupAnswer.NO and (members or others):
        raise ValidationError(
            {"answer": [_("Je zei nee, maar je koos wel mensen. Kies ja of een beetje.")]}
        )
    view = SupportGroupView.objects.create(client=client, answer=answer, others=others)
    view.members.set(members)
    audit_record(
        actor=actor,
        action="create",
        obj=view,
        detail=_detail("steungroep", actor),
        request=request,
        organisation=client.organisation,
    )
    return view
