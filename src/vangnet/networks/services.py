"""Writes for networks and phase transitions (activities: activities/services.py).

Every function validates and raises ValidationError (a dict per field, Dutch messages); a
failed call changes nothing (transaction.atomic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.core.permissions import Cap, has_cap
from vangnet.networks.models import (
    Network,
    Phase,
    PhaseTransition,
)
from vangnet.networks.phases import derive_phases, network_months, newly_out_of_order
from vangnet.organisations.models import Location, Organisation, Role, User

PHASE_MONTHS_MIN, PHASE_MONTHS_MAX = 1, 36
TARGET_MIN, TARGET_MAX = 1, 500
NAME_MAX_LENGTH = 200
REASON_MAX_LENGTH = 500

NETWORK_FIELDS = (
    "name neighbourhood location start_date lead_worker backup_worker target_core_size "
    "exploration_months build_up_months deepening_months"
).split()


def format_day(value: dt.date) -> str:
    return date_format(value, "j F Y")


# --------------------------------------------------------------------------- networks


def _check_manager(actor: User, organisation: Organisation) -> None:
    if not has_cap(actor, Cap.MANAGE_NETWORK) or actor.organisation_id != organisation.pk:
        raise PermissionDenied


def _validate_network(
    *, organisation: Organisation, data: dict[str, Any], network: Network | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    name = (data.get("name") or "").strip()
    data["name"] = name
    data["neighbourhood"] = (data.get("neighbourhood") or "").strip()
    if not name:
        add("name", _("Geef het vangnetwerk een naam."))
    elif len(name) > NAME_MAX_LENGTH:
        add("name", _("De naam mag hoogstens 200 tekens hebben."))
    else:
        clash = Network.objects.filter(organisation=organisation, name__iexact=name)
        if network is not None:
            clash = clash.exclude(pk=network.pk)
        if clash.exists():
            add("name", _("Er is al een vangnetwerk met deze naam."))
    if len(data["neighbourhood"]) > 120:
        add("neighbourhood", _("De wijk mag hoogstens 120 tekens hebben."))
    location: Location | None = data.get("location")
    if location is not None and location.organisation_id != organisation.pk:
        add("location", _("Kies een locatie van je eigen organisatie."))
    if data.get("start_date") is None:
        add("start_date", _("Vul de startdatum in."))
    lead: User | None = data.get("lead_worker")
    backup: User | None = data.get("backup_worker")
    if lead is None:
        add("lead_worker", _("Kies de sociaal werker."))
    elif (
        lead.organisation_id != organisation.pk
        or lead.role != Role.SOCIAL_WORKER
        or not lead.is_active
    ):
        add("lead_worker", _("Kies een sociaal werker van je eigen organisatie."))
    if backup is not None:
        if (
            backup.organisation_id != organisation.pk
            or backup.role not in (Role.BACKUP_WORKER, Role.SOCIAL_WORKER)
            or not backup.is_active
        ):
            add(
                "backup_worker",
                _("Kies als achterwacht een achterwacht of sociaal werker van je organisatie."),
            )
        elif lead is not None and backup.pk == lead.pk:
            add("backup_worker", _("De achterwacht moet iemand anders zijn dan de sociaal werker."))
    target = data.get("target_core_size")
    if target is None or not TARGET_MIN <= target <= TARGET_MAX:
        add("target_core_size", _("Vul een doel tussen 1 en 500 in."))
    for key in ("exploration_months", "build_up_months", "deepening_months"):
        value = data.get(key)
        if value is None or not PHASE_MONTHS_MIN <= value <= PHASE_MONTHS_MAX:
            add(key, _("Vul een aantal maanden tussen 1 en 36 in."))
    if not errors and network is not None:
        message = _transitions_problem(
            start_date=data["start_date"],
            months={
                Phase.EXPLORATION: data["exploration_months"],
                Phase.BUILD_UP: data["build_up_months"],
                Phase.DEEPENING: data["deepening_months"],
            },
            transitions=_recorded(network),
            before=(network.start_date, network_months(network)),
        )
        if message:
            add("start_date", message)
    return errors


@transaction.atomic
def network_create(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    start_date: dt.date,
    lead_worker: User,
    backup_worker: User | None = None,
    location: Location | None = None,
    neighbourhood: str = "",
    target_core_size: int = 15,
    exploration_months: int = 3,
    build_up_months: int = 9,
    deepening_months: int = 6,
) -> Network:
    """Create a network. Only a coordinator or organisation admin of `organisation`."""
    _check_manager(actor, organisation)
    data = {
        "name": name,
        "neighbourhood": neighbourhood,
        "location": location,
        "start_date": start_date,
        "lead_worker": lead_worker,
        "backup_worker": backup_worker,
        "target_core_size": target_core_size,
        "exploration_months": exploration_months,
        "build_up_months": build_up_months,
        "deepening_months": deepening_months,
    }
    errors = _validate_network(organisation=organisation, data=data, network=None)
    if errors:
        raise ValidationError(errors)
    return Network.objects.create(organisation=organisation, **data)


@transaction.atomic
def network_update(*, network: Network, actor: User, **changes: Any) -> Network:
    """Change a network's fields (any of NETWORK_FIELDS). The start date and phase lengths
    may not move recorded phase transitions out of order."""
    unknown = set(changes) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown network fields: {sorted(unknown)}")
    _check_manager(actor, network.organisation)
    locked = Network.objects.select_for_update().get(pk=network.pk)
    data = {key: getattr(locked, key) for key in NETWORK_FIELDS}
    data.update(changes)
    errors = _validate_network(organisation=network.organisation, data=data, network=locked)
    if errors:
        raise ValidationError(errors)
    for key in NETWORK_FIELDS:
        setattr(network, key, data[key])
    network.save(update_fields=NETWORK_FIELDS)
    return network


# --------------------------------------------------------------------------- phases


def _recorded(network: Network) -> list[PhaseTransition]:
    return list(PhaseTransition.objects.filter(network=network).order_by("id"))


def _transitions_problem(
    *,
    start_date: dt.date,
    months: Mapping[Phase, int] | Mapping[str, int],
    transitions: Sequence[Any],
    new: Any = None,
    before: Any = None,
) -> str | None:
    """A Dutch message if adding `new`, or changing the network's (start_date, months) from
    `before`, puts a recorded transition out of phase order."""
    old_start, old_months = before or (start_date, months)
    found = newly_out_of_order(
        before=derive_phases(
            start_date=old_start, on=old_start, transitions=transitions, months=old_months
        ),
        after=derive_phases(
            start_date=start_date,
            on=start_date,
            transitions=[*transitions, *([new] if new is not None else [])],
            months=months,
        ),
        phase=new.phase if new is not None else None,
    )
    if found is None:
        return None
    bad, previous = found
    return _(
        "De fase %(phase)s kan niet beginnen op %(date)s: de fase %(previous)s begint pas "
        "op %(previous_date)s. Leg eerst de overgang naar %(previous)s vast, of kies een "
        "latere datum."
    ) % {
        "phase": Phase(bad.phase).label,
        "date": format_day(bad.date),
        "previous": previous.phase.label,
        "previous_date": format_day(previous.actual_start) if previous.actual_start else "",
    }


@transaction.atomic
def phase_transition_record(
    *,
    network: Network,
    phase: str,
    date: dt.date,
    reason: str,
    actor: User,
    today: dt.date | None = None,
) -> PhaseTransition:
    """Record that `network` moved into `phase` on `date`, with a reason.

    Refused: exploration (it starts on the start date), a date in the future, a date not
    after the previous phase's start, and continuation before the network is in evaluation.
    A second transition to the same phase corrects the first (the newest counts).
    """
    _check_manager(actor, network.organisation)
    today = today or timezone.localdate()
    locked = Network.objects.select_for_update().get(pk=network.pk)
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if phase not in Phase.values:
        errors["phase"] = [_("Kies een fase.")]
    elif phase == Phase.EXPLORATION:
        errors["phase"] = [
            _("De verkenning begint op de startdatum. Pas daarvoor de startdatum aan.")
        ]
    if date is None:
        errors["date"] = [_("Vul de datum in.")]
    elif date > today:
        errors["date"] = [_("Leg een overgang vast als hij begonnen is: kies vandaag of eerder.")]
    if not reason:
        errors["reason"] = [_("Schrijf kort op waarom de fase verandert.")]
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [_("De reden mag hoogstens 500 tekens hebben.")]
    if errors:
        raise ValidationError(errors)
    recorded = _recorded(locked)
    months = network_months(locked)
    if phase == Phase.CONTINUATION:
        now = derive_phases(
            start_date=locked.start_date, on=today, transitions=recorded, months=months
        )
        if now.current not in (Phase.EVALUATION, Phase.CONTINUATION):
            raise ValidationError(
                {
                    "phase": [
                        _(
                            "Een vangnetwerk wordt pas een voorziening na de evaluatie. "
                            "Leg eerst de overgang naar de evaluatie vast."
                        )
                    ]
                }
            )
    new = PhaseTransition(network=locked, phase=phase, date=date, reason=reason)
    message = _transitions_problem(
        start_date=locked.start_date, months=months, transitions=recorded, new=new
    )
    if message:
        raise ValidationError({"date": [message]})
    new.recorded_by = actor
    new.save()
    return new
