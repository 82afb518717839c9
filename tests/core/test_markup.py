"""html_format gives exactly what Django's format_html gives (core/markup.py)."""

import datetime as dt

import pytest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from vangnet.core.markup import html_format, html_join

AWKWARD = [
    "Anna",
    "<script>alert('x')</script>",
    'Jan "de Boer" & zoon',
    "Ré's café",
    "",
    mark_safe("<b>veilig</b>"),  # noqa: S308 - a safe string on purpose
    SafeString(' tabindex="0"'),
    gettext_lazy("Vaste deelnemer"),
    0,
    -17,
    12.5,
    1e-7,
    True,
    None,
    dt.date(2026, 12, 3),
]


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_positional_and_named_arguments_are_escaped_as_format_html_does(value):
    template = '<g class="{}" data-name="{name}">{}</g>'
    expected = format_html(template, value, value, name=value)
    got = html_format(template, value, value, name=value)
    assert got == expected
    assert isinstance(got, SafeString)


def test_a_subclass_of_str_is_escaped_too():
    class Name(str):
        pass

    assert html_format("{}", Name("<i>")) == format_html("{}", Name("<i>")) == "&lt;i&gt;"


def test_html_join_gives_what_format_html_join_gives():
    rows = [(value, index) for index, value in enumerate(AWKWARD)]
    template = '<text x="{1}">{0}</text>'
    assert html_join("\n", template, rows) == format_html_join("\n", template, rows)
    assert html_join(mark_safe("<br>"), template, []) == format_html_join("<br>", template, [])  # noqa: S308
