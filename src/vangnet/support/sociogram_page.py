"""The sociogram page's content (everything below the site's header), built once per
network, data version, viewer's rights, language, day and filter, then kept in the cache.

The content is the network's layout (networkx), its measures per period, about a thousand
SVG fragments with their label placement and the tables: three quarters of the page's
server time, and all of it derived from facts that renew the network's fact version
(`participants.fact_cache`: sessions, attendance marks, participants and their names,
route events, support ties, phase transitions; participants/fact_triggers.py) and from the
network's own row (its name, start and planned phase lengths, in the key). The key also
holds everything else the content shows or hides:

- the viewer's rights: names or anonymous numbers (`Cap.VIEW_PARTICIPANTS`), the button to
  record support (`Cap.EDIT_PARTICIPANTS`); whether the viewer may see the page at all is
  checked before the cache is read (`network_for`), and every request is audited;
- the active language (texts, dates), today's date (the periods end today), the query
  string as given (the filter form shows it, the small pictures' links carry it).

The content is rendered without the request (no context processors, no CSRF token, no
user): nothing of the viewer but the key's rights can enter it. No consent table is read:
the sociogram shows the network's own participants (ties recorded by the worker), not the
contacts of personal network maps, whose consent per contact person lives in `map_*`.
tests/support/test_sociogram_cache.py compares the cached content with a fresh render
after random writes and checks that a viewer without names never gets a named one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vangnet.participants.fact_cache import (
    cache_key,
    cache_seconds,
    fact_version_of,
    store_after_commit,
)
from vangnet.support import charts, selectors
from vangnet.support.forms import SociogramFilterForm
from vangnet.support.measures import copresence, frequent_pairs
from vangnet.support.models import SupportType
from vangnet.support.sociogram import sociogram_data
from vangnet.support.sociogram_rows import (
    balance_rows_html,
    pair_rows_html,
    person_options_html,
    tie_rows_html,
)

SETTING = "VANGNET_SOCIOGRAM_CACHE_SECONDS"
# Raise when the content's markup or meaning changes (a shared cache outlives a deploy).
CONTENT_VERSION = 1


def content_key(
    *, network: Any, query: QueryDict, today: dt.date, with_names: bool, can_edit: bool
) -> str:
    """Everything the content depends on besides the code (`CONTENT_VERSION`)."""
    return cache_key(
        "sociogram",
        CONTENT_VERSION,
        network.pk,
        fact_version_of(network),
        (
            network.name,
            network.start_date,
            network.exploration_months,
            network.build_up_months,
            network.deepening_months,
        ),
        today,
        get_language(),
        with_names,
        can_edit,
        sorted(query.lists()),
    )


def sociogram_content(
    *, network: Any, query: QueryDict, today: dt.date, with_names: bool, can_edit: bool
) -> SafeString:
    """The page's content, from the cache when nothing it depends on changed."""
    seconds = cache_seconds(SETTING)
    if seconds <= 0:
        return render_content(
            network=network, query=query, today=today, with_names=with_names, can_edit=can_edit
        )
    key = content_key(
        network=network, query=query, today=today, with_names=with_names, can_edit=can_edit
    )
    kept = cache.get(key)
    if kept is not None:
        return mark_safe(kept)  # noqa: S308 - rendered (escaped) by render_content below
    content = render_content(
        network=network, query=query, today=today, with_names=with_names, can_edit=can_edit
    )
    store_after_commit({key: str(content)}, seconds)
    return content


def _period_query(query: QueryDict, panel) -> str:
    """The sociogram's filter as it is, narrowed to one small picture's period (no JS)."""
    narrowed = query.copy()
    narrowed["start"], narrowed["end"] = panel.start.isoformat(), panel.end.isoformat()
    return narrowed.urlencode()


def render_content(
    *, network: Any, query: QueryDict, today: dt.date, with_names: bool, can_edit: bool
) -> SafeString:
    """The content from scratch (4-5 queries): support/sociogram_content.html."""
    form = SociogramFilterForm(query or None)
    filters = form.cleaned_data if form.is_valid() else {}
    names = selectors.network_participant_names(network=network) if with_names else None
    data = sociogram_data(
        network=network,
        today=today,
        names=names,
        start=filters.get("start"),
        end=filters.get("end"),
        support_type=filters.get("support_type") or "",
        split=filters.get("split") or "phase",
    )
    pairs = (
        frequent_pairs(copresence(network=network, start=data.main.start, end=data.main.end))
        if filters.get("copresence")
        else {}
    )
    main_svg = charts.sociogram_svg(
        data.main,
        positions=data.positions,
        labels=data.labels,
        chart_id="sociogram-main",
        copresence=pairs,
        periods=data.panels,
    )
    panels = [
        {
            "panel": panel,
            "svg": charts.sociogram_svg(
                panel,
                positions=data.positions,
                labels=data.labels,
                chart_id=f"sociogram-panel-{index}",
                size=240,
                show_labels=False,
                title=panel.title,
            ),
            "reciprocity": charts.percent(panel.measures.reciprocity),
            "only_this": _period_query(query, panel),
        }
        for index, panel in enumerate(data.panels)
    ]
    rows = [
        {
            "giver": data.labels.get(giver, "?"),
            "receiver": data.labels.get(receiver, "?"),
            "type": SupportType(kind).label,
            "count": count,
        }
        for giver, receiver, kind, count in data.main.arcs
    ]
    people: list[dict[str, Any]] = [
        {
            "label": data.labels.get(pid, "?"),
            "given": data.main.measures.given.get(pid, 0),
            "received": data.main.measures.received.get(pid, 0),
        }
        for pid in data.main.present
    ]
    balance = sorted(people, key=lambda row: (-(row["given"] + row["received"]), row["label"]))
    pair_rows = [
        {"a": data.labels.get(a, "?"), "b": data.labels.get(b, "?"), "n": n}
        for (a, b), n in sorted(pairs.items(), key=lambda item: -item[1])
    ]
    people_options = sorted(
        ({"id": pid, "label": data.labels.get(pid, "?")} for pid in data.main.present),
        key=lambda option: (str(option["label"]).lower(), option["id"]),
    )
    return render_to_string(
        "support/sociogram_content.html",
        {
            "network": network,
            "form": form,
            "data": data,
            "main_svg": main_svg,
            "legend_svg": charts.legend_svg(),
            "panels": panels,
            "pairs": pair_rows,
            # The long lists, written in Python (sociogram_rows.py).
            "rows_html": tie_rows_html(rows, _("Geen steun in deze periode.")),
            "balance_html": balance_rows_html(balance),
            "pairs_html": pair_rows_html(pair_rows),
            "people_options_html": person_options_html(people_options),
            "support_types": [(kind, SupportType(kind).label) for kind in SupportType.values],
            "measures": data.main.measures,
            "reciprocity": charts.percent(data.main.measures.reciprocity),
            "isolate_labels": [data.labels.get(pid, "?") for pid in data.main.measures.isolates],
            "with_names": with_names,
            "can_edit": can_edit,
        },
    )
