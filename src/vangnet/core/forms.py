"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
        _dutch_dates(self.fields)


class SafeTextForm(SafeTextMixin, forms.Form):
    """The base of every plain form."""


class SafeTextModelForm(SafeTextMixin, forms.ModelForm):
    """The base of every model form."""


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
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


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and shows the ISO date, people type dd-mm-jjjj."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required: bool = True, **kwargs) -> forms.DateField:
    """A date with the picker and a plain Dutch "fill in" message; SafeTextMixin adds the
    Dutch formats and the "invalid" message with an example (below)."""
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"required": _("Vul een datum in.")},
        **kwargs,
    )


# Dates as people in the Netherlands write them: dd-mm-jjjj is accepted in every language
# (a text field, or a browser without a date picker, sends what was typed), besides the
# ISO date a date picker sends; an unreadable date is explained with an example, never
# with an ISO date (docs/phone-first.md, "Words").
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d-%m-%y", "%d/%m/%Y", "%d.%m.%Y"]
DATE_INVALID = _("Vul een geldige datum in als dd-mm-jjjj, bijvoorbeeld 14-03-2025.")


def _dutch_dates(fields) -> None:
    for field in fields.values():
        if type(field) is not forms.DateField:  # not DateTimeField or SplitDateTimeField
            continue
        field.input_formats = list(
            dict.fromkeys([*field.input_formats, *DATE_FORMATS])  # the form's own first
        )
        if field.error_messages.get("invalid") == forms.DateField.default_error_messages["invalid"]:
            field.error_messages = {**field.error_messages, "invalid": DATE_INVALID}
