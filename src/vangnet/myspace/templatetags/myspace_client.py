"""What a network-support client wrote themselves in Mijn Vangnet, on their worker's map page
(`{% client_own_words client %}`): their goals with their own scores, and their support
group as they see it, marked "door cliënt zelf". The map page audits its own view."""

from __future__ import annotations

from typing import Any

from django import template

from vangnet.myspace.client_charts import goal_line_svg
from vangnet.myspace.client_selectors import goal_rows, support_group_view

register = template.Library()


@register.inclusion_tag("myspace/includes/client_own_words.html")
def client_own_words(client: Any) -> dict[str, Any]:
    rows = goal_rows(client=client)
    return {
        "goals": [
            {
                "row": row,
                "svg": (
                    goal_line_svg(row, chart_id=f"worker-goal-{row.pk}") if row.ratings else ""
                ),
            }
            for row in rows
        ],
        "group": support_group_view(client=client),
    }


@register.inclusion_tag("myspace/includes/erasure_notice.html")
def erasure_request_notice(participant: Any = None, client: Any = None) -> dict[str, Any]:
    """On the worker's page of a person: they asked for erasure in Mijn Vangnet."""
    from vangnet.myspace.rights_selectors import open_request_for

    return {"open_request": open_request_for(participant=participant, client=client)}


@register.inclusion_tag("myspace/includes/self_changes.html", takes_context=True)
def participant_self_changes(context: Any, participant: Any) -> dict[str, Any]:
    """On the worker's participant page: what the participant changed themselves in Mijn
    Vangnet (*Zelf aangepast*). The page is for staff who may see this participant
    (`participant_for`); anyone else gets nothing."""
    from vangnet.core.permissions import Cap, has_cap
    from vangnet.myspace.self_change_selectors import own_changes

    user = context.get("user")
    if not has_cap(user, Cap.VIEW_PARTICIPANTS) or (
        getattr(user, "organisation_id", None) != participant.organisation_id
    ):
        return {"changes": []}
    return {"changes": own_changes(participant=participant)}
