"""The network maps in an access export (inzage): the same for a participant and for a
network-support client.

The people on a map are third parties: their phone number and e-mail address are shown
only when they agreed that the worker may contact them (Consent.YES), as on every other
page (docs/support.md). Without that consent the export says the details are hidden.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from vangnet.support.models import Consent, NetworkMap


def _person(alter) -> dict[str, Any]:
    shown = alter.consent == Consent.YES
    return {
        "name": alter.name,
        "relation": alter.get_kind_display(),
        "closeness": alter.closeness,
        "support_types": list(alter.support_types),
        "in_support_group": alter.in_support_group,
        "phone": alter.phone if shown else "",
        "email": alter.email if shown else "",
        "contact_details_hidden": not shown and bool(alter.phone or alter.email),
        "consent": alter.get_consent_display(),
        "removed_on": alter.removed_at.date().isoformat() if alter.removed_at else None,
        "consent_history": [
            {
                "consent": change.get_consent_display(),
                "changed_at": change.changed_at.isoformat(timespec="minutes"),
                "by_self": change.by_person,
            }
            for change in alter.consent_changes.all()
        ],
        "contacts": [
            {
                "date": contact.date.isoformat(),
                "method": contact.get_method_display(),
                "note": contact.note,
            }
            for contact in alter.contacts.all()
        ],
    }


def network_map_waves(maps: QuerySet[NetworkMap]) -> list[dict[str, Any]]:
    """Every wave of the given maps, oldest first, with the people, their consent history,
    the contact log and the network conversations."""
    maps = maps.prefetch_related(
        "alters__consent_changes", "alters__contacts", "conversations"
    ).order_by("wave_date", "pk")
    return [
        {
            "date": network_map.wave_date.isoformat(),
            "people": [_person(alter) for alter in network_map.alters.all()],
            "conversations": [
                {
                    "date": conversation.date.isoformat(),
                    "others": conversation.others,
                    "agreements": conversation.agreements,
                }
                for conversation in network_map.conversations.all()
            ],
        }
        for network_map in maps
    ]
