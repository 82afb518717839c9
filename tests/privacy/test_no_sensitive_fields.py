"""Data minimisation: no model of the project has a field for diagnoses, problems,
indications, citizen service numbers or dates of birth (docs/privacy.md, section 1)."""

import re

from django.apps import apps

FORBIDDEN = re.compile(r"diagnos|problem|indicat|bsn|birth|geboorte|medical|medisch", re.I)


def test_no_field_for_sensitive_categories():
    found = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("vangnet.")
        for field in model._meta.get_fields()
        if FORBIDDEN.search(field.name)
    ]
    assert found == []
