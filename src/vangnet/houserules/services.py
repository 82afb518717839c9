"""House rules writes: a new version agreed with the group."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.houserules.models import HouseRules

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import User

MAX_RULES = 30
MAX_RULE_LENGTH = 200


LIST_MARK = re.compile(r"^(?:[-*\u2022]|\d{1,2}[.)])\s*")


def clean_rules(text: str) -> list[str]:
    """The rules, one per line, without empty lines and list marks ("-", "*", "1.")."""
    rules = []
    for line in (text or "").splitlines():
        rule = LIST_MARK.sub("", " ".join(line.split()))
        if rule:
            rules.append(rule)
    return rules


@transaction.atomic
def house_rules_record(
    *,
    network: Network,
    text: str,
    agreed_on: dt.date,
    actor: User,
    today: dt.date,
    request: HttpRequest | None = None,
) -> HouseRules:
    """Record the house rules as the group agreed them: a new version (the first is 1)."""
    errors: dict[str, str] = {}
    rules = clean_rules(text)
    if not rules:
        errors["text"] = _("Schrijf minstens één huisregel.")
    elif len(rules) > MAX_RULES:
        errors["text"] = _("Gebruik hoogstens 30 regels.")
    elif any(len(rule) > MAX_RULE_LENGTH for rule in rules):
        errors["text"] = _("Een regel is hoogstens 200 tekens.")
    else:
        try:
            validate_safe_text("\n".join(rules))
        except ValidationError as exc:
            errors["text"] = exc.messages[0]
    if agreed_on > today:
        errors["agreed_on"] = _("De datum ligt in de toekomst.")
    elif agreed_on.year < 2000:
        errors["agreed_on"] = _("Kies een datum vanaf 2000.")
    if errors:
        raise ValidationError(errors)
    # Lock the network's versions so two saves at once get numbers 1 and 2, not 1 twice.
    current = (
        HouseRules.objects.select_for_update().filter(network=network).order_by("-version").first()
    )
    if current and current.rules == rules and current.agreed_on == agreed_on:
        raise ValidationError({"text": _("Er is niets veranderd aan de huisregels.")})
    row = HouseRules.objects.create(
        network=network,
        version=(current.version + 1) if current else 1,
        text="\n".join(rules),
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="create",
        obj=row,
        detail=f"huisregels versie {row.version}",
        request=request,
        organisation=network.organisation,
    )
    return row
