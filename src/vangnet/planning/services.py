"""Planning writes: the organisation's threshold and the workers' weekly hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.planning.models import PlanningSettings, WorkerHours

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User

MAX_HOURS = Decimal(80)


@transaction.atomic
def planning_settings_update(
    *, organisation: Organisation, second_worker_above: int
) -> PlanningSettings:
    """Set the number of participants above which a second social worker is needed."""
    if not 1 <= int(second_worker_above) <= 200:
        raise ValidationError(
            {"second_worker_above": _("Kies een aantal tussen 1 en 200 deelnemers.")}
        )
    row, _created = PlanningSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    row.second_worker_above = int(second_worker_above)
    row.save(update_fields=["second_worker_above"])
    return row


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def worker_hours_record(
    *, network: Network, worker: User, hours_by_week: dict[dt.date, Decimal | None], today: dt.date
) -> int:
    """Save a worker's hours on a network for several ISO weeks at once.

    `hours_by_week` maps a week's Monday to the hours (None or empty: remove that week's
    entry). Weeks after the current one are refused. Returns the number of weeks saved."""
    this_monday = _monday(today)
    saved = 0
    for week_start, hours in hours_by_week.items():
        monday = _monday(week_start)
        if monday > this_monday:
            raise ValidationError(_("Uren voor een week die nog moet komen kun je niet invullen."))
        if hours is None:
            WorkerHours.objects.filter(network=network, worker=worker, week_start=monday).delete()
            continue
        try:
            value = Decimal(hours)
        except (InvalidOperation, TypeError, ValueError) as exc:
            raise ValidationError(_("Vul een aantal uren in.")) from exc
        if not Decimal(0) <= value <= MAX_HOURS:
            raise ValidationError(_("Vul per week tussen 0 en 80 uur in."))
        WorkerHours.objects.update_or_create(
            network=network,
            worker=worker,
            week_start=monday,
            defaults={"hours": value.quantize(Decimal("0.01"))},
        )
        saved += 1
    return saved
