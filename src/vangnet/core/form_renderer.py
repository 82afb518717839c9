"""The form renderer: Django's own (`DjangoTemplates`), with the plain widgets written in
Python.

Django renders every widget through its template engine: an input is three templates
(`text.html` including `input.html` including `attrs.html`), a select one more per option.
The session screen has nine widgets and the sociogram's filter five; together they took
about a sixth of those pages' template time. The widgets below produce the same markup as
Django's templates in `django/forms/templates/django/forms/widgets/` (Django 5.2), with the
same escaping and localisation of values; anything unusual (another option template, a
value of another kind) falls back to the templates. tests/core/test_form_renderer.py
compares the two on awkward values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString

_WIDGETS = "django/forms/widgets/"
# Values written as they are (after localisation and escaping); bools and others are not.
_PLAIN = {str, SafeString, int}
# Widget templates that are `{% include "django/forms/widgets/input.html" %}` and no more.
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "input checkbox color date datetime email file hidden number password search tel "
        "text time url"
    ).split()
}


class _Unusual(Exception):
    """A value the fast path does not write exactly as the template would: use it."""


def _variable(value: Any) -> str:
    """`{{ value }}` as the template engine writes it (localised, escaped unless safe)."""
    if isinstance(value, Promise):  # a lazy translation: its text
        value = str(value)
    elif type(value) not in _PLAIN:  # dates, floats, objects: as the template does
        raise _Unusual
    value = localize(value)
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the filter keeps a safe value safe."""
    if isinstance(value, tuple):
        raise _Unusual
    text = "%s" % value  # noqa: UP031 - as the stringformat filter does
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_variable(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_variable(widget["type"])}" name="{_variable(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    text = _variable(value) if value else ""
    return (
        f'<textarea name="{_variable(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
    )


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_variable(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_variable(group_name)}">')
        for option in group_choices:
            if option["template_name"] != f"{_WIDGETS}select_option.html":
                raise _Unusual
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_variable(option['label'])}</option>\n"  # the included file's last line
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_FAST: dict[str, Callable[[dict[str, Any]], str]] = dict.fromkeys(_INPUTS, _input)
_FAST[f"{_WIDGETS}textarea.html"] = _textarea
_FAST[f"{_WIDGETS}select.html"] = _select


class FastWidgetRenderer(DjangoTemplates):
    """Django's renderer; the plain widgets without the template engine."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = _FAST.get(template_name)
        if fast is not None and request is None:
            try:
                return fast(context["widget"])
            except (_Unusual, KeyError, TypeError):  # not as expected: the templates
                pass
        return super().render(template_name, context, request=request)
