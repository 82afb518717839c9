"""Navigation entries for the signed-in user, built from the permission matrix."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vangnet.core.permissions import Cap, has_cap

# (url name, label, capability or None for every signed-in user)
NAVIGATION = [
    ("home", _("Overzicht"), None),
    ("networks:list", _("Vangnetwerken"), Cap.VIEW_NETWORK),
    ("participants:followups", _("Nabellen"), Cap.MANAGE_FOLLOWUP),
    ("participants:partners", _("Partners"), Cap.MANAGE_PARTNERS),
    ("support:client_list", _("Netwerkondersteuning"), Cap.VIEW_PARTICIPANTS),
    ("organisations:manage", _("Beheer"), Cap.MANAGE_ORGANISATION),
    ("audit:list", _("Audit"), Cap.VIEW_AUDIT),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for url_name, label, cap in NAVIGATION:
        if cap is not None and not has_cap(user, cap):
            continue
        # The networks entry stays current on every page of a network.
        active = current == url_name or (
            url_name == "networks:list" and current.startswith("networks:")
        )
        items.append({"url": reverse(url_name), "label": label, "active": active})
    return {"navigation": items}
