"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError

from vangnet.core.text import validate_safe_text


def _guard_text_fields(fields, exempt=()) -> None:
    for name, field in fields.items():
        if not isinstance(field, forms.CharField) or name in exempt:
            continue
        if isinstance(field.widget, forms.PasswordInput):
            continue  # a password is hashed, never stored or shown as text
        if validate_safe_text not in field.validators:
            field.validators.append(validate_safe_text)


class SafeTextMixin:
    """Every text field of the form refuses control characters and bidirectional
    overrides (`core.text.validate_safe_text`). Every form of the project inherits this
    (through `SafeTextForm` or `SafeTextModelForm`); a test walks all form classes.

    `safe_text_exempt` names fields that only echo back stored state for comparison (the
    session screen's `base_*`): they are never stored, and text stored before this check
    existed must not make the form unusable."""

    safe_text_exempt: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard_text_fields(self.fields, self.safe_text_exempt)


class SafeTextForm(SafeTextMixin, forms.Form):
    """The base of every plain form."""


class SafeTextModelForm(SafeTextMixin, forms.ModelForm):
    """The base of every model form."""


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one of the
    form's fields, otherwise on top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses ids the database cannot hold: Django passes
    them to an `__in` lookup, where SQLite and PostgreSQL raise instead of matching nothing."""

    def _check_values(self, value):
        for pk in value or ():
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
