"""Reads of what a network-support client wrote themselves in Mijn Vangnet: their goals with
their own scores over time, and their support group as they see it. The client's own pages,
their worker's map page and the client's data-subject export all read these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from vangnet.myspace.client_models import ClientGoal, GoalRating, GroupAnswer, SupportGroupView
from vangnet.support.models import Alter

if TYPE_CHECKING:
    from vangnet.support.models import Client


@dataclass(frozen=True)
class GoalRow:
    pk: int
    text: str
    created_on: dt.date
    closed_on: dt.date | None
    ratings: list[tuple[dt.date, int]] = field(default_factory=list)

    @property
    def latest(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None

    @property
    def first(self) -> int | None:
        return self.ratings[0][1] if self.ratings else None


def goal_rows(*, client: Client) -> list[GoalRow]:
    """The client's goals, open ones first, each with its scores by date (two queries)."""
    goals = ClientGoal.objects.filter(client=client).prefetch_related(
        Prefetch("ratings", queryset=GoalRating.objects.order_by("date", "pk"))
    )
    rows = [
        GoalRow(
            pk=goal.pk,
            text=goal.text,
            created_on=goal.created_at.date(),
            closed_on=goal.closed_at.date() if goal.closed_at else None,
            ratings=[(rating.date, rating.score) for rating in goal.ratings.all()],
        )
        for goal in goals.order_by("created_at", "pk")
    ]
    return sorted(rows, key=lambda row: row.closed_on is not None)


@dataclass(frozen=True)
class GroupView:
    """The newest answer to "heb ik een steungroep?" with the names the client chose."""

    answer: str
    answer_label: str
    members: list[str]
    member_ids: list[int]
    others: str
    answered_on: dt.date


def support_group_view(*, client: Client) -> GroupView | None:
    view = (
        SupportGroupView.objects.filter(client=client)
        .prefetch_related(Prefetch("members", queryset=Alter.objects.order_by("name", "pk")))
        .order_by("-answered_at", "-pk")
        .first()
    )
    if view is None:
        return None
    members = list(view.members.all())
    return GroupView(
        answer=view.answer,
        answer_label=str(GroupAnswer(view.answer).label),
        members=[alter.name for alter in members],
        member_ids=[alter.pk for alter in members],
        others=view.others,
        answered_on=view.answered_at.date(),
    )


def client_own_words(*, client: Client) -> dict[str, Any]:
    """Everything the client wrote themselves, for their data-subject export (JSON-ready)."""
    views = SupportGroupView.objects.filter(client=client).prefetch_related("members")
    return {
        "goals": [
            {
                "text": row.text,
                "created_on": row.created_on.isoformat(),
                "closed_on": row.closed_on.isoformat() if row.closed_on else None,
                "scores": [{"date": day.isoformat(), "score": score} for day, score in row.ratings],
            }
            for row in goal_rows(client=client)
        ],
        "support_group": [
            {
                "answered_at": view.answered_at.isoformat(timespec="seconds"),
                "answer": view.answer,
                "members": sorted(alter.name for alter in view.members.all()),
                "others": view.others,
            }
            for view in views.order_by("answered_at", "pk")
        ],
    }
