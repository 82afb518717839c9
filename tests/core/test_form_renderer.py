"""The fast form renderer (core/form_renderer.py) writes every plain widget exactly as
Django's widget templates do: awkward values, attributes, choices, Dutch and English."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from vangnet.core.form_renderer import FastWidgetRenderer

AWKWARD = [
    None,
    "",
    "plain",
    "a \"quoted\" <b>&amp;</b> 'x'",
    mark_safe("<i>safe</i>"),  # noqa: S308 - the test of a safe value
    0,
    1234567,
    True,
    False,
    12.5,
    dt.date(2026, 12, 3),
    gettext_lazy("Zoek een naam"),
]

WIDGETS = [
    forms.TextInput,
    forms.HiddenInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.PasswordInput,
    forms.URLInput,
    forms.SearchInput,
    forms.CheckboxInput,
    forms.Textarea,
    forms.DateInput,
]

CHOICES = [
    ("", gettext_lazy("Alle soorten")),
    ("a", "Één & twee"),
    (3, 'drie "3"'),
    ("Groep <x>", [("g1", "in de groep"), ("g2", mark_safe("<b>vet</b>"))]),  # noqa: S308
    ("n", 1000),
]


def both(widget, name, value):
    fast = widget.render(name, value, renderer=FastWidgetRenderer())
    slow = widget.render(name, value, renderer=DjangoTemplates())
    return str(fast), str(slow)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("widget_class", WIDGETS)
def test_inputs_and_textareas_are_the_templates_markup(language, widget_class):
    with translation.override(language):
        for value in AWKWARD:
            for attrs in (
                {},
                {"placeholder": value, "required": True, "disabled": False, "data-x": 0},
                {"class": 'a "b"', "maxlength": 120, "aria-label": gettext_lazy("Opslaan")},
            ):
                if value is None and attrs.get("placeholder", 1) is None:
                    continue
                fast, slow = both(widget_class(attrs=attrs), "field-<1>", value)
                assert fast == slow, (widget_class, value, attrs)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("multiple", [False, True])
def test_selects_are_the_templates_markup(language, multiple):
    widget_class = forms.SelectMultiple if multiple else forms.Select
    with translation.override(language):
        for value in ["", "a", "3", 3, None, ["a", "g2"], "n"]:
            for attrs in ({}, {"id": "id_x", "data-sociogram-kind": True, "hidden": False}):
                widget = widget_class(attrs=attrs, choices=CHOICES)
                fast, slow = both(widget, "kind", value)
                assert fast == slow, (value, attrs)


def test_a_form_renders_the_same_through_the_settings_renderer(settings):
    class Form(forms.Form):
        name = forms.CharField(max_length=20, help_text="x")
        when = forms.DateField()
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
        note = forms.CharField(widget=forms.Textarea, required=False)
        ok = forms.BooleanField(required=False)
        hidden = forms.CharField(widget=forms.HiddenInput, initial='<"x">')

    data = {"name": "<Ria>", "when": "2026-13-01", "kind": "b", "note": "a\nb", "ok": "on"}
    fast = Form(data, renderer=FastWidgetRenderer()).as_div()
    slow = Form(data, renderer=DjangoTemplates()).as_div()
    assert fast == slow
    assert settings.FORM_RENDERER == "vangnet.core.form_renderer.FastWidgetRenderer"
