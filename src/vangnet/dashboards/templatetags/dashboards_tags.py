"""Small formatting helpers of the dashboard templates."""

from __future__ import annotations

from django import template
from django.utils.formats import get_format

from vangnet.dashboards.charts import meter_svg

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share (0..1) as a whole percentage; a dash when there is nothing to divide."""
    if value is None:
        return "—"
    return f"{round(value * 100)}%"


def _with_decimal_separator(text: str) -> str:
    """A number written with a point, in the language's notation (4.5 -> 4,5 in Dutch).
    number_format does the same with many more steps; a table has hundreds of numbers."""
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def one_decimal(value) -> str:
    if value is None:
        return "—"
    return _with_decimal_separator(f"{round(float(value), 1):.1f}")


@register.filter
def hours(value) -> str:
    """Hours without trailing zeros: 204, 4,5."""
    number = round(float(value), 1)
    if number == int(number):
        return str(int(number))
    return _with_decimal_separator(f"{number:.1f}")


@register.simple_tag
def meter(value, target):
    return meter_svg(float(value), float(target))
