"""The base serializer of the API: text input refuses control characters.

Every serializer of the project inherits `SafeTextSerializer`, so a text field that accepts
input (a name, a contribution) applies `core.text.validate_safe_text`, also inside lists.
A test walks all serializer classes.
"""

from __future__ import annotations

from rest_framework import serializers

from vangnet.core.text import validate_safe_text


def _guard(field: serializers.Field) -> None:
    if isinstance(field, serializers.CharField):
        if validate_safe_text not in field.validators:
            field.validators.append(validate_safe_text)
    child = getattr(field, "child", None)
    if isinstance(child, serializers.Field):
        _guard(child)


class SafeTextSerializer(serializers.Serializer):
    # Fields that only echo back stored state for comparison (never stored).
    safe_text_exempt: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if name not in self.safe_text_exempt:
                _guard(field)
        return fields
