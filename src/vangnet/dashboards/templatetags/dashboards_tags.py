"""Small formatting helpers of the dashboard templates."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from vangnet.dashboards.charts import meter_svg

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share (0..1) as a whole percentage; a dash when there is nothing to divide."""
    if value is None:
        return "—"
    return f"{round(value * 100)}%"


@register.filter
def one_decimal(value) -> str:
    if value is None:
        return "—"
    return number_format(round(float(value), 1), decimal_pos=1)


@register.filter
def hours(value) -> str:
    """Hours without trailing zeros: 204, 4,5."""
    number = round(float(value), 1)
    return number_format(number, decimal_pos=0 if number == int(number) else 1)


@register.simple_tag
def meter(value, target):
    return meter_svg(float(value), float(target))
