"""Navigation entries for the signed-in user, built from the permission matrix."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vangnet.core.permissions import Cap, has_cap

# The capabilities that open the evaluation overview (any one of them).
EVALUATION_CAPS = (
    Cap.CONDUCT_INTERVIEWS,
    Cap.CODE_THEMES,
    Cap.VIEW_EVALUATION,
    Cap.MANAGE_QUESTIONNAIRES,
)

# (url name, label, capability, a tuple of capabilities (any of them), or None for every
# signed-in user)
NAVIGATION = [
    ("home", _("Overzicht"), None),
    ("networks:list", _("Vangnetwerken"), Cap.VIEW_NETWORK),
    ("participants:followups", _("Nabellen"), Cap.MANAGE_FOLLOWUP),
    ("support:client_list", _("Netwerkondersteuning"), Cap.VIEW_PARTICIPANTS),
    ("dashboards:organisation", _("Dashboard"), Cap.VIEW_DASHBOARD),
    ("reports:municipality", _("Rapportage gemeente"), Cap.VIEW_MUNICIPALITY_REPORT),
    ("benchmark:index", _("Benchmark"), Cap.VIEW_BENCHMARK),
    ("evaluation_overview", _("Evaluatie"), EVALUATION_CAPS),
    ("exports:index", _("Exporteren"), (Cap.EXPORT_DATA, Cap.RESEARCH_EXPORT)),
    ("finance:overview", _("Geld"), Cap.KEEP_ACCOUNTS),
    ("practice:index", _("Praktijkgemeenschap"), Cap.COMMUNITY_OF_PRACTICE),
    ("library:index", _("Bibliotheek"), Cap.READ_LIBRARY),
    ("participants:partners", _("Partners"), Cap.MANAGE_PARTNERS),
    ("stakeholders:index", _("Partijen"), Cap.MANAGE_STAKEHOLDERS),
    ("organisations:manage", _("Beheer"), Cap.MANAGE_ORGANISATION),
    ("audit:list", _("Audit"), Cap.VIEW_AUDIT),
]


def has_any_cap(user, caps) -> bool:
    """Does the user have this capability, or any of a tuple of them (None: everyone)?"""
    if caps is None:
        return True
    if isinstance(caps, tuple):
        return any(has_cap(user, cap) for cap in caps)
    return has_cap(user, caps)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for url_name, label, cap in NAVIGATION:
        if not has_any_cap(user, cap):
            continue
        # The networks entry stays current on every page of a network.
        active = current == url_name or (
            url_name == "networks:list" and current.startswith("networks:")
        )
        items.append({"url": reverse(url_name), "label": label, "active": active})
    return {"navigation": items}
