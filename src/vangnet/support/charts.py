"""Server-rendered SVG for the support pages (no chart library).

Ties are distinguished by colour AND line style (solid, dashed, dotted) and carry an arrow
for direction; thickness grows with the number of ties. Every picture has role="img", a
title and a description, and the page shows the same data as a table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.core.markup import html_format
from vangnet.support.labels import place_labels
from vangnet.support.models import SupportType
from vangnet.support.sociogram import Panel

DASHES: dict[str, str] = {
    SupportType.EMOTIONAL: "",
    SupportType.COMPANIONSHIP: "9 5",
    SupportType.PRACTICAL: "2 4",
}
ORDER = list(SupportType.values)
LABEL_FONT = 13.0  # the names' size in drawing units (support.css: .node-label)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _svg(*, chart_id, width, height, title, desc, body, css, role="img") -> SafeString:
    return html_format(
        '<svg class="{css}" viewBox="0 0 {w} {h}" role="{role}" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        css=css,
        role=role,
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe(body),  # noqa: S308 - built only from html_format pieces
    )


def _markers(chart_id: str) -> str:
    return (
        "<defs>"
        + "".join(
            html_format(
                '<marker id="{id}-arrow-{t}" class="arrow arrow-{t}" viewBox="0 0 10 10" '
                'refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" '
                'orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker>',
                id=chart_id,
                t=kind,
            )
            for kind in ORDER
        )
        + "</defs>"
    )


def _period_marks(
    periods: Sequence[Panel],
) -> tuple[dict[tuple[int, int, str], list[str]], dict[int, list[str]]]:
    """Per tie "index:count" and per person "index" for each period it occurs in."""
    ties: dict[tuple[int, int, str], list[str]] = {}
    people: dict[int, list[str]] = {}
    for index, period in enumerate(periods):
        for giver, receiver, kind, count in period.arcs:
            ties.setdefault((giver, receiver, kind), []).append(f"{index}:{count}")
        for pid in period.present:
            people.setdefault(pid, []).append(str(index))
    return ties, people


def _data(name: str, marks: list[str] | None, periods: Sequence[Panel]) -> str:
    if not periods:
        return ""
    return html_format(' {}="{}"', name, " ".join(marks or ()))


def _arc(x1, y1, x2, y2, *, radius: float, bend: float) -> str | None:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length < 2 * radius + 2:
        return None
    ux, uy = dx / length, dy / length
    sx, sy = x1 + ux * radius, y1 + uy * radius
    ex, ey = x2 - ux * (radius + 1), y2 - uy * (radius + 1)
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{_f(sx)},{_f(sy)} Q{_f(cx)},{_f(cy)} {_f(ex)},{_f(ey)}"


def sociogram_svg(
    panel: Panel,
    *,
    positions: dict[int, tuple[float, float]],
    labels: dict[int, str],
    chart_id: str,
    size: int = 640,
    show_labels: bool = True,
    title: str = "",
    copresence: dict[tuple[int, int], int] | None = None,
    periods: Sequence[Panel] = (),
) -> SafeString:
    """One sociogram: every known person keeps the same place; people not present in the
    panel's period are faint dots. With `periods` (the small pictures' panels) every tie and
    person says in which of them it occurs (data-periods "index:count", data-in "index"), so
    sociogram.js can show one period at once without asking the server again."""
    radius = 9.0 if show_labels else 6.0
    tie_periods, person_periods = _period_marks(periods)
    pad = 0.0

    def point(pid):
        x, y = positions[pid]
        return pad + x * size, pad + y * size

    edges = []
    for (low, high), shared in sorted((copresence or {}).items()):
        if low in positions and high in positions:
            (x1, y1), (x2, y2) = point(low), point(high)
            edges.append(
                html_format(
                    '<line class="copresence" x1="{}" y1="{}" x2="{}" y2="{}">'
                    "<title>{}</title></line>",
                    _f(x1),
                    _f(y1),
                    _f(x2),
                    _f(y2),
                    _("%(a)s en %(b)s: %(n)s keer samen")
                    % {"a": labels.get(low, "?"), "b": labels.get(high, "?"), "n": shared},
                )
            )
    for giver, receiver, kind, count in panel.arcs:
        if giver not in positions or receiver not in positions:
            continue
        (x1, y1), (x2, y2) = point(giver), point(receiver)
        path = _arc(x1, y1, x2, y2, radius=radius, bend=10 + 9 * ORDER.index(kind))
        if path is None:
            continue
        width = 1.5 + min(count, 8) * 0.9
        edges.append(
            html_format(
                '<path class="tie tie-{t}" d="{d}" stroke-width="{w}"{dash} '
                'marker-end="url(#{id}-arrow-{t})" data-from="{g}" data-to="{r}" '
                'data-type="{t}" data-count="{count}"{periods}>'
                "<title>{label}</title></path>",
                t=kind,
                d=path,
                w=_f(width),
                dash=(html_format(' stroke-dasharray="{}"', DASHES[kind]) if DASHES[kind] else ""),
                id=chart_id,
                g=giver,
                r=receiver,
                count=count,
                periods=_data("data-periods", tie_periods.get((giver, receiver, kind)), periods),
                label=_("%(giver)s → %(receiver)s: %(type)s, %(count)s×")
                % {
                    "giver": labels.get(giver, "?"),
                    "receiver": labels.get(receiver, "?"),
                    "type": SupportType(kind).label,
                    "count": count,
                },
            )
        )
    isolates = set(panel.measures.isolates)
    margin = 28
    degree: Counter[int] = Counter()
    for giver, receiver, _kind, count in panel.arcs:
        degree[giver] += count
        degree[receiver] += count
    present_points = {pid: point(pid) for pid in positions if pid in panel.present}
    places = (
        place_labels(
            present_points,
            {pid: labels.get(pid, "?") for pid in present_points},
            order=sorted(present_points, key=lambda pid: (-degree[pid], labels.get(pid, ""))),
            radius=radius,
            font=LABEL_FONT,
            bounds=(-margin, -margin, size + margin, size + margin),
        )
        if show_labels
        else {}
    )
    nodes = []
    for pid in sorted(positions):
        x, y = point(pid)
        present = pid in panel.present
        css = (
            "node"
            + ("" if present else " node-absent")
            + (" node-isolate" if pid in isolates else "")
        )
        place = places.get(pid)
        label = (
            html_format(
                '<text x="{x}" y="{y}" text-anchor="{a}" class="node-label{dense}">{t}</text>',
                x=_f(place.x),
                y=_f(place.y),
                a=place.anchor,
                dense=" node-label-dense" if place.dense else "",
                t=labels.get(pid, "?"),
            )
            if place is not None
            else ""
        )
        pickable = show_labels and present
        nodes.append(
            html_format(
                '<g class="{css}" data-node="{pid}" data-name="{name}"{button}{periods}>'
                '<circle cx="{x}" cy="{y}" r="{r}"/>{label}</g>',
                css=css,
                pid=pid,
                name=labels.get(pid, "?"),
                periods=_data("data-in", person_periods.get(pid), periods),
                # A person is a button (choose to see their ties) in the big sociogram.
                button=html_format(
                    ' tabindex="0" role="button" aria-pressed="false" aria-label="{}"',
                    labels.get(pid, "?"),
                )
                if pickable
                else mark_safe(' tabindex="-1"'),  # noqa: S308 - constant
                x=_f(x),
                y=_f(y),
                r=_f(radius if present else 3.0),
                label=label,
            )
        )
    m = panel.measures
    desc = _(
        "%(people)s mensen, %(ties)s steunrelaties tussen %(pairs)s paren; "
        "wederkerigheid %(recip)s; %(isolates)s zonder steunrelatie."
    ) % {
        "people": m.nodes,
        "ties": m.tie_count,
        "pairs": m.edges,
        "recip": percent(m.reciprocity),
        "isolates": len(m.isolates),
    }
    body = (
        _markers(chart_id)
        + html_format('<g transform="translate({m},{m})">', m=margin)
        + ('<g aria-hidden="true">' if show_labels else "<g>")
        + "".join(edges)
        + "</g>"
        + "".join(nodes)
        + "</g>"
    )
    return _svg(
        chart_id=chart_id,
        width=size + 2 * margin,
        height=size + 2 * margin,
        title=title or _("Sociogram: wie steunt wie"),
        desc=desc,
        body=body,
        css="sociogram" + ("" if show_labels else " sociogram-small"),
        # The big one holds buttons (people to choose), so it is a group, not a picture.
        role="group" if show_labels else "img",
    )


def legend_svg() -> SafeString:
    rows = "".join(
        html_format(
            '<g transform="translate(0,{y})"><line class="tie tie-{t}" x1="4" y1="10" x2="64" '
            'y2="10" stroke-width="3"{dash} marker-end="url(#legend-arrow-{t})"/>'
            '<text x="74" y="14">{label}</text></g>',
            y=index * 24,
            t=kind,
            dash=html_format(' stroke-dasharray="{}"', DASHES[kind]) if DASHES[kind] else "",
            label=SupportType(kind).label,
        )
        for index, kind in enumerate(ORDER)
    )
    return _svg(
        chart_id="legend",
        width=300,
        height=24 * len(ORDER),
        title=_("Legenda"),
        desc=_(
            "Emotionele steun: doorgetrokken lijn. Gezelschap: streepjes. Praktische hulp: "
            "stippen. De pijl wijst naar wie de steun kreeg; een dikkere lijn betekent vaker."
        ),
        body=_markers("legend") + rows,
        css="sociogram-legend",
    )


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def reciprocity_svg(rows: list[tuple[str, float | None, int]]) -> SafeString:
    """Bars of reciprocity per quarter, with the number of isolates written under each."""
    width, height = 720, 130
    slot = width / max(1, len(rows))
    bar = min(60.0, slot * 0.6)
    parts = []
    for index, (label, value, isolates) in enumerate(rows):
        cx = slot * index + slot / 2
        h = 0 if value is None else value * height
        parts.append(
            html_format(
                '<rect class="recip-bar" x="{x}" y="{y}" width="{w}" height="{h}"/>'
                '<text class="recip-value" x="{cx}" y="{ty}">{v}</text>'
                '<text class="recip-label" x="{cx}" y="{ly}">{label}</text>'
                '<text class="recip-isolates" x="{cx}" y="{iy}">{iso}</text>',
                x=_f(cx - bar / 2),
                y=_f(20 + height - h),
                w=_f(bar),
                h=_f(h),
                cx=_f(cx),
                ty=_f(14 + height - h),
                v=percent(value),
                ly=height + 38,
                label=label,
                iy=height + 56,
                iso=_("%(n)s los") % {"n": isolates},
            )
        )
    return _svg(
        chart_id="support-recip",
        width=width,
        height=height + 64,
        title=_("Wederkerigheid per kwartaal"),
        desc=_(
            "Per kwartaal het deel van de steunrelaties dat werd beantwoord, en hoeveel "
            "actieve deelnemers nog geen steunrelatie hadden."
        ),
        body="".join(parts),
        css="chart support-recip",
    )
