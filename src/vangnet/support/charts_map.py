"""The ecomap of one wave as server-rendered SVG: the person in the middle, three circles
of closeness, each contact placed on their circle. A line to the middle means support
(style per type as in the sociogram); a double ring marks the support group."""

from __future__ import annotations

import math

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vangnet.support.charts import DASHES, _f, _svg
from vangnet.support.models import AlterKind

SIZE = 520
RADII = {1: 70.0, 2: 130.0, 3: 190.0}


def ecomap_svg(network_map, *, name: str, chart_id: str) -> SafeString:
    alters = sorted(network_map.alters.all(), key=lambda a: (a.closeness, a.kind, a.pk))
    c = SIZE / 2
    parts = [
        format_html(
            '<circle class="ecomap-ring" cx="{c}" cy="{c}" r="{r}"/>', c=_f(c), r=_f(radius)
        )
        for radius in RADII.values()
    ]
    for ring in RADII:
        on_ring = [a for a in alters if a.closeness == ring]
        for index, alter in enumerate(on_ring):
            angle = (
                2 * math.pi * (index + {1: 0.0, 2: 0.5, 3: 0.25}[ring]) / max(1, len(on_ring))
                - math.pi / 2
            )
            x = c + RADII[ring] * math.cos(angle)
            y = c + RADII[ring] * math.sin(angle)
            for kind in alter.support_types[:1]:
                dash = DASHES.get(kind, "")
                parts.append(
                    format_html(
                        '<line class="tie tie-{t}" x1="{x}" y1="{y}" x2="{c}" y2="{c}" '
                        'stroke-width="3"{d}/>',
                        t=kind,
                        x=_f(x),
                        y=_f(y),
                        c=_f(c),
                        d=format_html(' stroke-dasharray="{}"', dash) if dash else "",
                    )
                )
            parts.append(
                format_html(
                    '<g class="ecomap-alter ecomap-{k}{g}"><circle cx="{x}" cy="{y}" r="9"/>'
                    "{ring}"
                    '<text class="node-label" x="{x}" y="{ty}">{n}</text></g>',
                    k=alter.kind,
                    g=" ecomap-group" if alter.in_support_group else "",
                    x=_f(x),
                    y=_f(y),
                    ring=(
                        format_html(
                            '<circle class="ecomap-group-ring" cx="{}" cy="{}" r="13"/>',
                            _f(x),
                            _f(y),
                        )
                        if alter.in_support_group
                        else ""
                    ),
                    ty=_f(y - 16),
                    n=alter.name,
                )
            )
    parts.append(
        format_html(
            '<g class="ecomap-self"><circle cx="{c}" cy="{c}" r="14"/>'
            '<text class="node-label" x="{c}" y="{ty}">{n}</text></g>',
            c=_f(c),
            ty=_f(c - 20),
            n=name,
        )
    )
    kinds = ", ".join(
        f"{AlterKind(kind).label}: {sum(a.kind == kind for a in alters)}"
        for kind in AlterKind.values
        if any(a.kind == kind for a in alters)
    )
    desc = _("%(n)s mensen in het netwerk, %(s)s geven steun. %(kinds)s") % {
        "n": len(alters),
        "s": sum(1 for a in alters if a.support_types),
        "kinds": kinds,
    }
    return _svg(
        chart_id=chart_id,
        width=SIZE,
        height=SIZE,
        title=_("Netwerkkaart op %(date)s") % {"date": date_format(network_map.wave_date, "j F Y")},
        desc=desc,
        body="".join(str(part) for part in parts),
        css="ecomap",
    )
