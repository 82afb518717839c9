"""Writes of the fidelity app: the organisation's weights (validated, audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.fidelity.models import FidelityWeights
from vangnet.fidelity.score import KEYS, WEIGHT_TOTAL

if TYPE_CHECKING:
    from vangnet.core.typing import Member


def weights_validate(values: Mapping[str, object]) -> dict[str, int]:
    """Whole numbers 0..100 for every component, together exactly 100."""
    clean: dict[str, int] = {}
    for key in KEYS:
        value = values.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ValidationError(
                _("Vul bij elk onderdeel een heel getal van 0 tot en met 100 in."), code="range"
            )
        clean[key] = value
    total = sum(clean.values())
    if total != WEIGHT_TOTAL:
        raise ValidationError(
            _("De gewichten moeten samen %(total)d zijn; nu is het %(sum)d.")
            % {"total": WEIGHT_TOTAL, "sum": total},
            code="total",
        )
    return clean


def weights_save(*, user: Member, values: Mapping[str, object]) -> FidelityWeights:
    """Store the weights of the user's organisation; one audit record with old and new."""
    clean = weights_validate(values)
    with transaction.atomic():
        weights, _created = FidelityWeights.objects.select_for_update().get_or_create(
            organisation_id=user.organisation_id
        )
        before = weights.as_dict()
        for key, value in clean.items():
            setattr(weights, key, value)
        weights.updated_by = user
        weights.save()
        changed = ", ".join(
            f"{key} {before[key]}->{value}" for key, value in clean.items() if before[key] != value
        )
        audit_record(
            actor=user,
            action="update",
            obj=weights,
            detail=f"fidelity weights: {changed or 'unchanged'}",
            organisation=user.organisation,
        )
    return weights
