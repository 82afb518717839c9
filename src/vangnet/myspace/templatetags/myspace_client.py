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
