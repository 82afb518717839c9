"""Turn route steps into plain, translated rows for the templates."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.participants.models import DropoutReason, RouteStage
from vangnet.participants.route import (
    RULE_CAME_BACK,
    RULE_FIRST_VISIT,
    RULE_FIRST_WEEK,
    RULE_INVITED_ON,
    RULE_NO_ATTENDANCE,
    RULE_NOT_YET_VISITED,
    RULE_RECORDED,
    RULE_SECOND_VISIT,
    RULE_STEADY,
    Route,
    RouteRules,
)


def stage_label(stage: str) -> str:
    try:
        return str(RouteStage(stage).label)
    except ValueError:
        return stage


def rule_text(rule: str, rules: RouteRules) -> str:
    if rule == RULE_STEADY:
        return _(
            "Langer dan %(days)s dagen mee en bij minstens %(share)s%% van de bijeenkomsten."
        ) % {
            "days": rules.steady_after_days,
            "share": round(float(rules.steady_min_attendance_share) * 100),
        }
    if rule == RULE_NO_ATTENDANCE:
        weeks = rules.dropout_after_weeks
        return ngettext("%(weeks)s week niet geweest.", "%(weeks)s weken niet geweest.", weeks) % {
            "weeks": weeks
        }
    texts = {
        RULE_INVITED_ON: _("Uitgenodigd."),
        RULE_NOT_YET_VISITED: _("Nog niet geweest."),
        RULE_FIRST_VISIT: _("Voor het eerst geweest."),
        RULE_SECOND_VISIT: _("Voor de tweede keer geweest."),
        RULE_FIRST_WEEK: _("De eerste week is voorbij."),
        RULE_CAME_BACK: _("Weer geweest na het afhaken."),
        RULE_RECORDED: _("Vastgelegd door een sociaal werker."),
    }
    return texts.get(rule, "")


def route_rows(route: Route, rules: RouteRules) -> list[dict]:
    """One row per step, numbered as in the SVG timeline (undated steps get no number
    there, but keep their place in the list)."""
    rows = []
    for number, step in enumerate(route.steps, start=1):
        dropout_reason = ""
        if step.dropout_reason:
            try:
                dropout_reason = str(DropoutReason(step.dropout_reason).label)
            except ValueError:
                dropout_reason = step.dropout_reason
        rows.append(
            {
                "number": number,
                "stage": step.stage,
                "label": stage_label(step.stage),
                "start": step.start,
                "derived": step.derived,
                "why": rule_text(step.rule, rules),
                "note": step.note,
                "dropout_reason": dropout_reason,
                "referred_to": step.referred_to,
                "confirmed_on": step.confirmed_on,
            }
        )
    return rows


def stage_counts(people) -> list[dict]:
    """How many of `people` (each with `.route`) are in each stage, in route order."""
    counts = {stage.value: 0 for stage in RouteStage}
    for person in people:
        counts[person.route.current] = counts.get(person.route.current, 0) + 1
    return [
        {"stage": stage.value, "label": str(stage.label), "count": counts[stage.value]}
        for stage in RouteStage
    ]
