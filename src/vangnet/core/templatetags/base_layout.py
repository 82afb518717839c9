"""The base layout's fixed parts, written once per language and menu (core/layout.py)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from vangnet.core.layout import END, START, TOP, layout_messages, layout_part

register = template.Library()


@register.simple_tag(takes_context=True, name="layout_start")
def layout_start(context: Any) -> SafeString:
    return layout_part(START, context)


@register.simple_tag(takes_context=True, name="layout_top")
def layout_top(context: Any) -> SafeString:
    return layout_part(TOP, context)


@register.simple_tag(takes_context=True, name="layout_messages")
def messages_block(context: Any) -> SafeString:
    return layout_messages(context)


@register.simple_tag(takes_context=True, name="layout_end")
def layout_end(context: Any) -> SafeString:
    return layout_part(END, context)
