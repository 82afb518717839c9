"""Output of the money endpoints (no people: an entry names what was bought,
the group's own contribution is one amount)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from vangnet.core.serializers import SafeTextSerializer
from vangnet.finance.services import EARLIEST_YEAR


def euro(**kwargs: Any) -> serializers.DecimalField:
    """Euro and cents, as a string ("120.40"): never a float."""
    return serializers.DecimalField(
        max_digits=11, decimal_places=2, coerce_to_string=True, **kwargs
    )


class YearQuerySerializer(SafeTextSerializer):
    """Query parameter `year` (default: this year)."""

    year = serializers.IntegerField(required=False, help_text="Calendar year, e.g. 2026.")

    def validate_year(self, value: int) -> int:
        last = timezone.localdate().year + 1
        if not EARLIEST_YEAR <= value <= last:
            raise serializers.ValidationError(
                _("Kies een jaar tussen %(first)s en %(last)s.")
                % {"first": EARLIEST_YEAR, "last": last}
            )
        return value

    def chosen_year(self) -> int:
        return self.validated_data.get("year") or timezone.localdate().year


class CategoryTotalSerializer(SafeTextSerializer):
    kind = serializers.ChoiceField(choices=["expense", "income"])
    category = serializers.CharField()
    total = euro()


class BalanceSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    network_name = serializers.CharField()
    year = serializers.IntegerField()
    budget = euro(allow_null=True, help_text="The activity budget of the year; null: none set.")
    income = euro(help_text="Own contribution, grants, gifts, sales.")
    own_contribution = euro(
        help_text="The group's own contribution (eigen bijdrage), part of income."
    )
    expenses = euro()
    available = euro(help_text="Budget plus income.")
    remaining = euro()
    used_percent = serializers.IntegerField(allow_null=True)
    warning_percent = serializers.IntegerField()
    warning = serializers.BooleanField(help_text="At or above the warning share, not over.")
    over = serializers.BooleanField(help_text="More spent than available.")


class MoneyEntrySerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=["expense", "income"])
    category = serializers.CharField()
    category_label = serializers.CharField()
    activity_id = serializers.IntegerField(allow_null=True)
    activity_name = serializers.CharField(allow_blank=True)
    amount = euro()
    description = serializers.CharField()
    has_receipt = serializers.BooleanField()
    receipt_type = serializers.CharField(allow_blank=True)
    receipt_size = serializers.IntegerField()


class NetworkMoneySerializer(SafeTextSerializer):
    balance = BalanceSerializer()
    categories = CategoryTotalSerializer(many=True)
    entries = MoneyEntrySerializer(many=True)
