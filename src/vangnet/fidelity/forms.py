"""The form of the weights page: one whole number per component (the service validates the
total, so the page and any other caller share one rule)."""

from __future__ import annotations

from django import forms

from vangnet.core.forms import SafeTextForm
from vangnet.fidelity.score import KEYS, titles


class WeightsForm(SafeTextForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = titles()
        for key in KEYS:
            self.fields[key] = forms.IntegerField(
                label=names[key],
                min_value=0,
                max_value=100,
                error_messages={
                    "required": "Vul een gewicht in.",
                    "invalid": "Vul een heel getal in.",
                },
            )
