"""Server-rendered SVG for the dashboard and the organisation report (no JavaScript).

Colours are presentation attributes (not classes), so the same SVG prints in WeasyPrint's
PDF. Colour is never the only carrier: every actual phase carries its number, the plan is
an outline above it, and the page shows the same dates in a table.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.dashboards.figures import NetworkFigures
from vangnet.dashboards.glyphs import DIGIT_STROKE, digit_outline
from vangnet.networks.models import PHASE_ORDER, Phase
from vangnet.networks.phases import add_months

WIDTH = 760
LABEL_WIDTH = 170
RIGHT = WIDTH - 10
ROW = 30
TOP = 26
AXIS = 30
INK = "#1b1f24"
MUTED = "#4a5560"
PERIOD_FILL = "#fff4d6"
TODAY = "#b3261e"
FILLS = {
    Phase.EXPLORATION: "#cfe3e6",
    Phase.BUILD_UP: "#9cc8cf",
    Phase.DEEPENING: "#5fa3ad",
    Phase.EVALUATION: "#2f7f8a",
    Phase.CONTINUATION: "#0b5f6b",
}
LIGHT_TEXT = (Phase.EVALUATION, Phase.CONTINUATION)


def _f(value: float) -> str:
    return f"{value:.1f}"


def short_day_formatter():
    """date_format(day, "j M Y") with the month names looked up once."""
    months = [date_format(dt.date(2000, month, 1), "M") for month in range(1, 13)]
    return lambda day: f"{day.day} {months[day.month - 1]} {day.year}"


def chart_label(name: str) -> str:
    """A network's name as the chart's row label (at most 24 characters)."""
    return name if len(name) <= 24 else name[:23] + "…"


def _horizon(rows: list[NetworkFigures], start: dt.date, as_of: dt.date):
    first = min([start, *(row.timeline.start for row in rows)])
    ends = [add_months(as_of, 2)]
    for row in rows:
        evaluation = row.timeline.span(Phase.EVALUATION)
        for day in (evaluation.planned_start, evaluation.actual_start):
            if day is not None:
                ends.append(add_months(day, 3))
    first = dt.date(first.year, 1 + 3 * ((first.month - 1) // 3), 1)
    return first, max(ends)


def phase_overview_svg(
    rows: list[NetworkFigures],
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    horizon: tuple[dt.date, dt.date] | None = None,
    tooltips: bool = True,
    chart_id: str = "dash-phases",
    names: bool = True,
) -> SafeString:
    """One row per network: the plan as an outline (thin, above), what happened filled
    (below, with the phase number); the chosen period shaded; a line at `as_of`.

    `horizon` (first, last day) gives charts of parts of the rows one time axis (the PDF
    draws one chart per page); `tooltips=False` leaves out the bars' hover titles, which
    a printed chart cannot show; `chart_id` prefixes the ids of its title and description
    (unique per chart in one document); `names=False` leaves out the networks' names (the
    PDF writes them beside the chart as text: WeasyPrint lays out and draws SVG text letter
    by letter)."""
    if not rows:
        return mark_safe("")  # noqa: S308 - empty
    first, last = horizon or _horizon(rows, start, as_of)
    days = max(1, (last - first).days)

    def x(day: dt.date) -> float:
        day = min(max(day, first), last)
        return LABEL_WIDTH + (RIGHT - LABEL_WIDTH) * (day - first).days / days

    height = TOP + ROW * len(rows) + AXIS
    # Translated once per chart, not per bar (a chart may have a thousand bars).
    planned_text = _("%(number)s. %(phase)s, gepland vanaf %(date)s")
    actual_text = _("%(number)s. %(phase)s, werkelijk vanaf %(date)s")
    labels = {phase: str(phase.label) for phase in PHASE_ORDER}
    day = short_day_formatter()
    parts: list[str] = [
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
            _f(x(start)),
            TOP - 6,
            _f(max(1.0, x(min(end, last)) - x(start))),
            ROW * len(rows) + 6,
            PERIOD_FILL,
        )
    ]
    outlines: list[str] = []
    fills: dict[str, list[str]] = {}
    digits: dict[str, list[str]] = {}
    # The bars are written as plain strings (numbers formatted here, every text escaped):
    # format_html per bar made this chart a fifth of a 200-network dashboard.
    for index, row in enumerate(rows):
        top = TOP + index * ROW
        if names:
            parts.append(
                f'<text x="4" y="{top + 17}" font-size="12" fill="{INK}">'
                f"{escape(chart_label(row.name))}"
                + (f"<title>{escape(row.name)}</title></text>" if tooltips else "</text>")
            )
        for span in row.timeline.spans:
            number = PHASE_ORDER.index(span.phase) + 1
            words = {"number": number, "phase": labels[span.phase]}
            if span.planned_start is not None:
                stop = (span.planned_end + dt.timedelta(days=1)) if span.planned_end else last
                left, right = x(span.planned_start), x(stop)
                if right > left:
                    if not tooltips:  # one path for every plan outline of the chart
                        outlines.append(f"M{left:.1f} {top + 1}h{right - left:.1f}v7H{left:.1f}z")
                    else:
                        title = escape(planned_text % {**words, "date": day(span.planned_start)})
                        parts.append(
                            f'<rect x="{left:.1f}" y="{top + 1}" width="{right - left:.1f}" '
                            f'height="7" fill="none" stroke="{INK}" stroke-width="1.2">'
                            f"<title>{title}</title></rect>"
                        )
            if span.actual_start is None or span.actual_start > as_of:
                continue
            stop = (span.actual_end + dt.timedelta(days=1)) if span.actual_end else as_of
            stop = min(stop, as_of + dt.timedelta(days=1))
            left, right = x(span.actual_start), x(stop)
            if right <= left:
                continue
            if not tooltips:  # one path per phase colour
                fills.setdefault(span.phase, []).append(
                    f"M{left:.1f} {top + 10}h{right - left:.1f}v14H{left:.1f}z"
                )
            else:
                title = escape(actual_text % {**words, "date": day(span.actual_start)})
                parts.append(
                    f'<rect x="{left:.1f}" y="{top + 10}" width="{right - left:.1f}" '
                    f'height="14" fill="{FILLS[span.phase]}" stroke="{INK}" stroke-width="0.6">'
                    f"<title>{title}</title></rect>"
                )
            if right - left >= 12:
                colour = "#ffffff" if span.phase in LIGHT_TEXT else INK
                outline = (
                    None
                    if tooltips
                    else digit_outline(str(number), x=(left + right) / 2, y=top + 21)
                )
                if outline is not None:  # printed: the numbers of a colour are one path
                    digits.setdefault(colour, []).append(outline)
                    continue
                parts.append(
                    f'<text x="{(left + right) / 2:.1f}" y="{top + 21}" font-size="12" '
                    f'font-weight="700" text-anchor="middle" fill="{colour}">{number}</text>'
                )
    # Without hover titles the bars are a few paths, drawn under the numbers: WeasyPrint
    # draws every SVG element on its own (a printed chart of 200 networks had 2,000 rects).
    bars = [
        f'<path d="{"".join(fills[phase])}" fill="{FILLS[phase]}" stroke="{INK}" '
        'stroke-width="0.6"></path>'
        for phase in PHASE_ORDER
        if phase in fills
    ]
    if outlines:
        bars.append(
            f'<path d="{"".join(outlines)}" fill="none" stroke="{INK}" stroke-width="1.2"></path>'
        )
    parts[1:1] = bars
    parts.extend(
        f'<path d="{"".join(data)}" stroke="{colour}" {DIGIT_STROKE}></path>'
        for colour, data in digits.items()
    )
    axis_y = TOP + ROW * len(rows)
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"></line>',
            LABEL_WIDTH,
            RIGHT,
            axis_y,
            axis_y,
            MUTED,
        )
    )
    step = 3 if days <= 3 * 366 else 12
    tick = dt.date(first.year, first.month, 1)
    if step == 12 and tick.month != 1:
        tick = dt.date(tick.year + 1, 1, 1)  # yearly ticks on 1 January
    while tick <= last:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"></line>'
                '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>',
                _f(x(tick)),
                _f(x(tick)),
                axis_y,
                axis_y + 5,
                MUTED,
                _f(x(tick)),
                axis_y + 18,
                MUTED,
                date_format(tick, "M Y" if step == 3 else "Y"),
            )
        )
        tick = add_months(tick, step)
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"></line>'
            '<text x="{}" y="{}" font-size="12" font-weight="700" text-anchor="middle" '
            'fill="{}">{}</text>',
            _f(x(as_of)),
            _f(x(as_of)),
            TOP - 8,
            axis_y,
            TODAY,
            _f(x(as_of)),
            TOP - 12,
            TODAY,
            date_format(as_of, "j M Y"),
        )
    )
    desc = _(
        "Per vangnetwerk twee balken: de dunne omlijnde balk is het plan, de gevulde balk met "
        "het fasenummer is wat er echt gebeurde tot %(date)s. De gekleurde achtergrond is "
        "de gekozen periode."
    ) % {"date": date_format(as_of, "j F Y")}
    return format_html(
        '<svg class="dash-chart dash-phases" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        _("Fasen van alle vangnetwerken: plan en werkelijkheid"),
        chart_id,
        desc,
        mark_safe("".join(parts)),  # noqa: S308 - built only from format_html pieces
    )


def phase_chart_parts(
    rows: list[NetworkFigures],
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    per_chart: int,
    names: bool = True,
) -> list[SafeString]:
    """The phase chart in parts of `per_chart` networks on one time axis, without hover
    titles: a printed page holds one part (a single chart of 200 networks is taller than a
    page and was cut off there). Part n's title and description have the ids
    `dash-phases-n-title` and `dash-phases-n-desc`: ids are unique in the document."""
    if not rows:
        return []
    horizon = _horizon(rows, start, as_of)
    return [
        phase_overview_svg(
            rows[index : index + per_chart],
            start=start,
            end=end,
            as_of=as_of,
            horizon=horizon,
            tooltips=False,
            chart_id=f"dash-phases-{number}",
            names=names,
        )
        for number, index in enumerate(range(0, len(rows), per_chart), start=1)
    ]


def meter_svg(value: float, target: float, *, width: int = 90) -> SafeString:
    """A small bar: `value` against `target` (a tick). Decoration only: the number is
    written next to it, so the SVG is hidden from screen readers."""
    if target <= 0:
        return mark_safe("")  # noqa: S308 - empty
    scale = max(value, target) * 1.1
    filled = width * min(value, scale) / scale
    tick = width * target / scale
    colour = "#1e6b30" if value >= target else "#0b5f6b"
    # Numbers and constants only, no text: a plain string (two meters per table row).
    return mark_safe(  # noqa: S308 - numbers and constants only
        f'<svg class="dash-meter" viewBox="0 0 {width} 12" width="{width}" height="12" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f'<rect x="0" y="2" width="{width}" height="8" fill="#f3f5f7" stroke="#c9d1d9"></rect>'
        f'<rect x="0" y="2" width="{filled:.1f}" height="8" fill="{colour}"></rect>'
        f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="0" y2="12" stroke="{INK}" '
        'stroke-width="2"></line></svg>'
    )
