"""What the home page shows a signed-in user."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vangnet.core.permissions import Cap, has_cap, visible_networks
from vangnet.participants.followup_selectors import open_followups_for_user

if TYPE_CHECKING:
    from vangnet.organisations.models import User


def week_status(*, networks: list[Any], today: dt.date) -> None:
    """Set `network.week_session` on each network: this ISO week's latest filled-in session
    (with who saved it), or None while the week is still to be filled in. One query."""
    import datetime as dt

    from vangnet.networks.models import Session

    monday = today - dt.timedelta(days=today.weekday())
    latest: dict[int, Any] = {}
    for session in (
        Session.objects.filter(
            network__in=[n.pk for n in networks],
            recorded=True,
            date__gte=monday,
            date__lte=monday + dt.timedelta(days=6),
        )
        .select_related("updated_by")
        .order_by("date", "id")
    ):
        latest[session.network_id] = session
    for network in networks:
        network.week_session = latest.get(network.pk)


def home_overview(*, user: User) -> dict[str, Any]:
    from django.utils import timezone

    networks = list(visible_networks(user).select_related("location"))
    week_status(networks=networks, today=timezone.localdate())
    return {
        "networks": networks,
        "can_view_networks": has_cap(user, Cap.VIEW_NETWORK),
        "can_record": has_cap(user, Cap.RECORD_SESSIONS),
        "followups": open_followups_for_user(user=user)
        if has_cap(user, Cap.MANAGE_FOLLOWUP)
        else [],
    }


def evaluation_links(*, user: User) -> dict[str, Any]:
    """The evaluation pages this user may open, organisation-wide and per network (the
    evaluation overview; each page checks its own permission again)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from vangnet.organisations.models import ORGANISATION_WIDE_ROLES

    links: list[tuple[str, str, str]] = []  # (url, label, explanation)

    def add(cap: Cap, url_name: str, label: str, explanation: str) -> None:
        if has_cap(user, cap):
            links.append((reverse(url_name), label, explanation))

    add(
        Cap.CONDUCT_INTERVIEWS,
        "interviews:mine",
        _("Mijn evaluatiegesprekken"),
        _("De gesprekken die je houdt: vragenlijst, verslag en member check."),
    )
    add(
        Cap.CODE_THEMES,
        "interviews:coding_list",
        _("Verslagen coderen"),
        _("Stukken uit goedgekeurde verslagen koppelen aan thema's."),
    )
    add(
        Cap.VIEW_EVALUATION,
        "interviews:theme_report",
        _("Thematisch verslag"),
        _("Per thema: in hoeveel verslagen het terugkomt, met citaten zonder namen."),
    )
    if user.role in ORGANISATION_WIDE_ROLES:
        add(
            Cap.VIEW_EVALUATION,
            "questionnaires:organisation_outcomes",
            _("Uitkomsten"),
            _("Elke vraag met een cijfer nu en een jaar geleden, per vangnetwerk en samen."),
        )
    add(
        Cap.VIEW_EVALUATION,
        "network_evaluation:coherence_all",
        _("Model van samenhang"),
        _("Per vangnetwerk: bouwstenen, subdoelen en hoofddoel met wat er te zien is."),
    )
    add(
        Cap.PROCESS_EVALUATION,
        "learning:overview",
        _("Leren van evaluaties"),
        _("Wat de netwerkevaluaties samen leren: thema's, citaten zonder namen, een synthese."),
    )
    add(
        Cap.MANAGE_QUESTIONNAIRES,
        "questionnaires:template_list",
        _("Vragenlijsten"),
        _("Vragenlijsten maken, bekijken en aanpassen, ook korte lijsten voor de werkers."),
    )
    add(
        Cap.MANAGE_QUESTIONNAIRES,
        "interviews:rounds",
        _("Gespreksrondes"),
        _("Per ronde van evaluatiegesprekken kiezen welke vragenlijst ze gebruiken."),
    )
    add(
        Cap.MANAGE_QUESTIONNAIRES,
        "interviews:themes",
        _("Thema's"),
        _("De lijst met thema's voor het thematisch verslag."),
    )
    networks = []
    if has_cap(user, Cap.VIEW_EVALUATION):
        networks = list(visible_networks(user).order_by("name").only("pk", "name"))
    return {
        "links": links,
        "networks": networks,
        "can_plan": has_cap(user, Cap.PLAN_EVALUATIONS),
    }
