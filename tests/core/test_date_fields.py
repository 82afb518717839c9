"""Dates as written in the Netherlands: every form's date field accepts dd-mm-jjjj (in
Dutch and in English) besides the ISO date a date picker sends, and an unreadable date is
explained as dd-mm-jjjj with an example, never with an ISO date."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from vangnet.core.forms import SafeTextForm
from vangnet.networks.sessions.forms import OneOffSessionForm


class PeriodForm(SafeTextForm):
    day = forms.DateField()
    moment = forms.DateTimeField(required=False)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("typed", ["14-03-2025", "2025-03-14", "14/03/2025", "14.03.2025"])
def test_dutch_and_iso_dates_are_read_in_every_language(language, typed):
    with translation.override(language):
        form = PeriodForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2025, 3, 14)


def test_an_unreadable_date_is_explained_as_dd_mm_jjjj():
    with translation.override("nl"):
        form = PeriodForm({"day": "14 maart"})
        assert not form.is_valid()
        message = form.errors["day"][0]
    assert "dd-mm-jjjj" in message and "14-03-2025" in message
    assert "2025-03-14" not in message


@pytest.mark.django_db
def test_a_real_form_gets_the_same(network):
    with translation.override("nl"):
        form = OneOffSessionForm({"date": "31-02-2025", "title": "Lunch"}, network=network)
        assert not form.is_valid()
        assert "dd-mm-jjjj" in form.errors["date"][0]
        form = OneOffSessionForm({"date": "28-02-2025", "title": "Lunch"}, network=network)
        assert form.is_valid(), form.errors
