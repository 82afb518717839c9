"""Server-rendered SVG charts of the network page (no JavaScript, no chart library).

Each chart has role="img", a <title> and a <desc>; the page shows the same figures in a
table. Colour is never the only carrier: phases carry their number, bars their value, and
the target line a text label.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.core.markup import html_format, html_join
from vangnet.networks.models import Phase
from vangnet.networks.phases import PhaseTimeline, add_months

WIDTH = 720


def _svg(
    *, chart_id: str, height: int, title: str, desc: str, body: str, css: str, width: int = WIDTH
) -> SafeString:
    return html_format(
        '<svg class="chart {css}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        css=css,
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe(body),  # noqa: S308 - built only from html_format pieces
    )


def _html(template: str, *args) -> SafeString:
    """format_html with floats rounded to one decimal (coordinates)."""
    values = [f"{arg:.1f}" if isinstance(arg, float) else arg for arg in args]
    return html_format(template.replace("{:.1f}", "{}"), *values)


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


# --------------------------------------------------------------------------- phase timeline

LANE_LEFT = 96
DARK_PHASES = (Phase.EVALUATION, Phase.CONTINUATION)
LANE_RIGHT = WIDTH - 12


def _horizon(timeline: PhaseTimeline, today: dt.date) -> tuple[dt.date, dt.date]:
    start = min(timeline.start, today)
    ends = [today + dt.timedelta(days=45)]
    evaluation = timeline.span(Phase.EVALUATION)
    for day in (evaluation.planned_start, evaluation.actual_start):
        if day is not None:
            ends.append(add_months(day, 4))
    continuation = timeline.span(Phase.CONTINUATION)
    if continuation.actual_start is not None:
        ends.append(add_months(continuation.actual_start, 4))
    return start, max(ends)


def phase_timeline_svg(
    timeline: PhaseTimeline, *, today: dt.date, chart_id: str = "phases"
) -> SafeString:
    """Two lanes, the plan and what actually happened (or follows from the plan for phases
    still to come), with a marker for today."""
    start, end = _horizon(timeline, today)
    span_days = max(1, (end - start).days)

    def x(day: dt.date) -> float:
        return LANE_LEFT + (LANE_RIGHT - LANE_LEFT) * (day - start).days / span_days

    parts: list[str] = []
    lanes = ((_("Plan"), 24, "planned"), (_("Werkelijk"), 76, "actual"))
    for label, top, _kind in lanes:
        parts.append(_html('<text x="4" y="{}" class="lane-label">{}</text>', top + 24, label))
    for span in timeline.spans:
        for _label, top, kind in lanes:
            begin = span.planned_start if kind == "planned" else span.actual_start
            finish = span.planned_end if kind == "planned" else span.actual_end
            if begin is None:
                continue
            stop = (finish + dt.timedelta(days=1)) if finish else end
            left, right = x(max(begin, start)), x(min(stop, end))
            if right <= left:
                continue
            classes = f"timeline-phase phase-{span.phase.value}"
            projected = kind == "actual" and not span.started
            if projected:
                classes += " timeline-projected"
            if kind == "actual" and span.is_current:
                classes += " timeline-current"
            if finish is None:
                classes += " timeline-open"
            parts.append(
                _html(
                    '<rect x="{:.1f}" y="{}" width="{:.1f}" height="36" class="{}">'
                    "<title>{}</title></rect>",
                    left,
                    top,
                    right - left,
                    classes,
                    f"{span.number}. {span.label}: {_day(begin)}",
                )
            )
            if right - left >= 14:
                parts.append(
                    _html(
                        '<text x="{:.1f}" y="{}" class="{}" text-anchor="middle">{}</text>',
                        (left + right) / 2,
                        top + 23,
                        # White on the two dark fills; a projected (pale) phase keeps ink.
                        "phase-number phase-number-light"
                        if span.phase in DARK_PHASES and not projected
                        else "phase-number",
                        span.number,
                    )
                )
    # Axis with a tick every quarter (or every year for long horizons).
    step = 3 if span_days <= 3 * 366 else 12
    tick = dt.date(start.year, 1, 1)
    while tick <= end:
        if tick >= start:
            tx = x(tick)
            parts.append(
                _html(
                    '<line x1="{:.1f}" x2="{:.1f}" y1="116" y2="122" class="axis"></line>'
                    '<text x="{:.1f}" y="136" text-anchor="middle" class="tick">{}</text>',
                    tx,
                    tx,
                    tx,
                    date_format(tick, "M Y"),
                )
            )
        tick = add_months(tick, step)
    parts.append(
        _html('<line x1="{}" x2="{}" y1="116" y2="116" class="axis"></line>', LANE_LEFT, LANE_RIGHT)
    )
    tx = x(min(max(today, start), end))
    parts.append(
        _html(
            '<line x1="{:.1f}" x2="{:.1f}" y1="14" y2="118" class="timeline-today"></line>'
            '<text x="{:.1f}" y="11" text-anchor="middle" class="today-label">{}</text>',
            tx,
            tx,
            tx,
            _("vandaag"),
        )
    )
    if timeline.not_started:
        now = _("nog niet begonnen")
    else:
        now = str(timeline.current_span.label)  # type: ignore[union-attr]
    desc = _(
        "Fasen van het vangnetwerk volgens plan en in werkelijkheid. Huidige fase: %(now)s."
    ) % {"now": now}
    return _svg(
        chart_id=chart_id,
        height=144,
        title=_("Fasen van het vangnetwerk"),
        desc=desc,
        body="".join(parts),
        css="phase-chart",
    )


# --------------------------------------------------------------------------- attendance

PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 40, 24, 200
PLOT_RIGHT = WIDTH - 104  # room for the target label on the right


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** int(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return int(factor * magnitude)
    return value  # pragma: no cover


def weekly_attendance_svg(weeks: Sequence, *, typical: int, chart_id: str = "attendance"):
    """Bars: different people present per ISO week; a dashed line at the typical number
    present (about 10 for a core of 15). Weeks without a recorded session get a dash."""
    count = max(1, len(weeks))
    top_value = _nice_max(max([typical, *(week.present for week in weeks)]) + 1)
    plot_width = PLOT_RIGHT - PLOT_LEFT
    slot = plot_width / count
    bar = max(4.0, slot * 0.7)

    def y(value: float) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top_value

    parts: list[str] = []
    for value in sorted({0, top_value // 2, top_value}):
        parts.append(
            _html(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"></line>'
                '<text x="{}" y="{:.1f}" text-anchor="end" class="tick">{}</text>',
                PLOT_LEFT,
                PLOT_RIGHT,
                y(value),
                y(value),
                PLOT_LEFT - 6,
                y(value) + 4,
                value,
            )
        )
    for index, week in enumerate(weeks):
        center = PLOT_LEFT + slot * index + slot / 2
        year, number = week.iso
        if week.has_session:
            parts.append(
                _html(
                    '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="bar">'
                    "<title>{}</title></rect>"
                    '<text x="{:.1f}" y="{:.1f}" text-anchor="middle" class="value">{}</text>',
                    center - bar / 2,
                    y(week.present),
                    bar,
                    PLOT_BOTTOM - y(week.present),
                    _("week %(week)s van %(year)s: %(count)s aanwezig")
                    % {"week": number, "year": year, "count": week.present},
                    center,
                    y(week.present) - 4,
                    week.present,
                )
            )
        else:
            parts.append(
                _html(
                    '<text x="{:.1f}" y="{}" text-anchor="middle" class="no-session">–'
                    "<title>{}</title></text>",
                    center,
                    PLOT_BOTTOM - 4,
                    _("week %(week)s van %(year)s: geen bijeenkomst ingevuld")
                    % {"week": number, "year": year},
                )
            )
        if count <= 13 or index % 2 == (count - 1) % 2:
            parts.append(
                _html(
                    '<text x="{:.1f}" y="{}" text-anchor="middle" class="tick">{}</text>',
                    center,
                    PLOT_BOTTOM + 16,
                    number,
                )
            )
    parts.append(
        _html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="axis"></line>'
            '<text x="{}" y="{}" text-anchor="middle" class="tick">{}</text>',
            PLOT_LEFT,
            PLOT_RIGHT,
            PLOT_BOTTOM,
            PLOT_BOTTOM,
            (PLOT_LEFT + PLOT_RIGHT) / 2,
            PLOT_BOTTOM + 34,
            _("weeknummer"),
        )
    )
    parts.append(
        _html(
            '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="target"></line>'
            '<text x="{}" y="{:.1f}" class="target-label">{}</text>'
            '<text x="{}" y="{:.1f}" class="target-label">{}</text>',
            PLOT_LEFT,
            PLOT_RIGHT,
            y(typical),
            y(typical),
            PLOT_RIGHT + 6,
            y(typical) - 3,
            _("gewone week:"),
            PLOT_RIGHT + 6,
            y(typical) + 12,
            typical,
        )
    )
    recorded = [week for week in weeks if week.has_session]
    if recorded:
        average = sum(week.present for week in recorded) / len(recorded)
        desc = _(
            "Aanwezigen per week in de laatste %(weeks)s weken. %(recorded)s weken met een "
            "ingevulde bijeenkomst, gemiddeld %(average)s aanwezig. In een gewone week zijn "
            "ongeveer %(typical)s mensen aanwezig."
        ) % {
            "weeks": len(weeks),
            "recorded": len(recorded),
            "average": f"{average:.1f}".replace(".", ","),
            "typical": typical,
        }
    else:
        desc = _("In de laatste %(weeks)s weken is nog geen bijeenkomst ingevuld.") % {
            "weeks": len(weeks)
        }
    return _svg(
        chart_id=chart_id,
        height=240,
        title=_("Aanwezigen per week"),
        desc=desc,
        body="".join(parts),
        css="attendance-chart",
    )


# --------------------------------------------------------------------------- steady vs target

STEADY_WIDTH = 360


def steady_bar_svg(*, steady: int, target: int, chart_id: str = "steady") -> SafeString:
    """One bar: steady participants against the target core size (a marked line)."""
    scale_max = max(target, steady, 1)
    left, right = 8, STEADY_WIDTH - 8

    def x(value: float) -> float:
        return left + (right - left) * value / scale_max

    body = html_join(
        "",
        "{}",
        [
            (
                _html(
                    '<rect x="{}" y="8" width="{}" height="28" class="bar-track"></rect>',
                    left,
                    right - left,
                ),
            ),
            (
                _html(
                    '<rect x="{}" y="8" width="{:.1f}" height="28" class="bar"></rect>',
                    left,
                    x(steady) - left,
                ),
            ),
            (
                _html(
                    '<line x1="{:.1f}" x2="{:.1f}" y1="2" y2="42" class="target"></line>'
                    '<text x="{:.1f}" y="56" text-anchor="{}" class="target-label">{}</text>',
                    x(target),
                    x(target),
                    x(target),
                    "end" if target >= scale_max * 0.8 else "middle",
                    _("doel: %(target)s") % {"target": target},
                ),
            ),
        ],
    )
    desc = _("%(steady)s vaste deelnemers; het doel is %(target)s.") % {
        "steady": steady,
        "target": target,
    }
    return _svg(
        chart_id=chart_id,
        height=62,
        title=_("Vaste deelnemers tegenover het doel"),
        desc=desc,
        body=str(body),
        css="steady-chart",
        width=STEADY_WIDTH,
    )
