"""Navigation entries for the signed-in user, built from the permission matrix.

The menu depends only on the user's capabilities (their role's, `ROLE_CAPABILITIES`), the
language, the script prefix and the page's section, so it is built once per combination
of those and kept for the life of the process (`core.layout` writes its markup once per
menu the same way); every key holds the capabilities themselves, so a menu can never be
served to a viewer with other capabilities. Settings changes (tests) empty the cache.
"""

from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vangnet.core.permissions import ROLE_CAPABILITIES, Cap, has_cap

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


class Navigation(tuple):
    """The menu's entries (dicts of url, label, active), with the key they were built for."""

    key: tuple

    def __new__(cls, items, key: tuple) -> "Navigation":
        built = super().__new__(cls, items)
        built.key = key
        return built


_MENUS: dict[tuple, Navigation] = {}
_NO_MENU = Navigation((), key=("anonymous",))


def capabilities_of(user) -> frozenset:
    """Every capability the user holds (what `has_cap` answers from)."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return frozenset()
    return ROLE_CAPABILITIES.get(user.role, frozenset())


def _active_entry(current: str) -> str | None:
    """The menu entry the page belongs to (the networks entry stays current on every page
    of a network), or None."""
    for url_name, _label, _cap in NAVIGATION:
        if current == url_name or (url_name == "networks:list" and current.startswith("networks:")):
            return url_name
    return None


def navigation_build(user, current: str) -> list[dict]:
    """The menu from scratch (what the cache keeps; the tests compare the two)."""
    items = []
    for url_name, label, cap in NAVIGATION:
        if not has_any_cap(user, cap):
            continue
        # The networks entry stays current on every page of a network.
        active = current == url_name or (
            url_name == "networks:list" and current.startswith("networks:")
        )
        items.append({"url": reverse(url_name), "label": label, "active": active})
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": _NO_MENU}
    current = request.resolver_match.view_name if request.resolver_match else ""
    key = (
        capabilities_of(user),
        _active_entry(current),
        get_language(),
        get_script_prefix(),
        getattr(request, "urlconf", None),
    )
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) > 4096:  # bounded by roles x sections x languages; a safety net
            _MENUS.clear()
        menu = _MENUS[key] = Navigation(navigation_build(user, current), key=key)
    return {"navigation": menu}


def _forget_menus(**kwargs) -> None:
    _MENUS.clear()


setting_changed.connect(_forget_menus)
