"""Finding 14.3 "control characters" and 14.5 "fullwidth and zero-width formula starts",
"right-to-left override accepted": one definition of unsafe text (core.text), applied by
every form and serializer of the project and by every export cell."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from rest_framework import serializers

import vangnet
from vangnet.core.forms import SafeTextMixin
from vangnet.core.serializers import SafeTextSerializer
from vangnet.core.text import (
    UNSAFE_MESSAGE,
    safe_cell,
    strip_unsafe_characters,
    validate_safe_text,
)

UNSAFE = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\u202e", "\u202d", "\u2066", "\u2069", "\ud800"]


def _all_project_modules():
    for info in pkgutil.walk_packages(vangnet.__path__, "vangnet."):
        name = info.name
        if ".migrations" in name or name in {"vangnet.wsgi", "vangnet.settings"}:
            continue
        importlib.import_module(name)


def _subclasses(base):
    seen, todo = set(), [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [cls for cls in seen if cls.__module__.startswith("vangnet.")]


@pytest.mark.parametrize("char", UNSAFE)
def test_control_characters_are_rejected_with_a_dutch_message(char):
    with pytest.raises(ValidationError) as info:
        validate_safe_text(f"Jan{char}ne")
    assert info.value.messages == [str(UNSAFE_MESSAGE)]
    with pytest.raises(ValidationError):
        validate_safe_text(["koken", f"wandelen{char}"])


@pytest.mark.parametrize(
    "text", ["Janneke", "Zoë Ünal-Çelik", "regel 1\nregel 2\r\n\tdrie", "🙂 samen", "שלום", ""]
)
def test_ordinary_text_passes(text):
    validate_safe_text(text)
    assert strip_unsafe_characters(text) == text


def test_strip_unsafe_characters_removes_every_kind():
    assert strip_unsafe_characters("".join(UNSAFE).join(["A", "B"])) == "AB"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),  # fullwidth equals
        ("\uff0b31 6", "'\uff0b31 6"),  # fullwidth plus
        ("\uff0d2", "'\uff0d2"),  # fullwidth minus
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),  # fullwidth at
        ("\ufe66cmd", "'\ufe66cmd"),  # small equals
        ("\u200b=1+1", "'\u200b=1+1"),  # zero-width space before "="
        ("\ufeff\u200d+1", "'\ufeff\u200d+1"),
        (" =1+1", "' =1+1"),
        ("\r=1", "'\r=1"),
        ("Jan\x1bne", "Janne"),  # a control character an XLSX cannot hold
        ("\x1b=1+1", "'=1+1"),
        ("Jan = Piet", "Jan = Piet"),
        (3, 3),
        (None, None),
    ],
)
def test_fullwidth_and_zero_width_formula_starts_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_every_form_in_the_project_refuses_unsafe_text():
    """New forms must inherit SafeTextForm / SafeTextModelForm (core.forms)."""
    _all_project_modules()
    found = _subclasses(forms.BaseForm)
    assert len(found) > 50
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in found
        if not issubclass(cls, SafeTextMixin)
    ]
    assert missing == []


def test_every_serializer_in_the_project_refuses_unsafe_text():
    """New API serializers must inherit core.serializers.SafeTextSerializer."""
    _all_project_modules()
    found = _subclasses(serializers.BaseSerializer)
    assert len(found) > 20
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in found
        if not issubclass(cls, SafeTextSerializer) and cls is not SafeTextSerializer
    ]
    assert missing == []


def test_safe_text_mixin_guards_every_text_field_but_passwords():
    from vangnet.core.forms import SafeTextForm

    class Example(SafeTextForm):
        name = forms.CharField()
        mail = forms.EmailField(required=False)
        secret = forms.CharField(widget=forms.PasswordInput, required=False)

    form = Example(data={"name": "A\x00", "mail": "a\x1b@example.org", "secret": "x\x1by"})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "mail"}


def test_safe_text_serializer_guards_nested_lists():
    class Example(SafeTextSerializer):
        names = serializers.ListField(child=serializers.CharField())
        note = serializers.CharField()

    serializer = Example(data={"names": ["Ans", "B\x1bert"], "note": "ok\u202e"})
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"names", "note"}
