"""Follow-up of dropouts (*nabellen*): the tasks made when a steady participant stays away
(the rule in `followup_rule`, the candidates from `followup_selectors`) and closing them with
what was done. Every write is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.participants.data_versions import FACTS, network_data_versions
from vangnet.participants.fact_cache import cache_key, cache_seconds, store_after_commit
from vangnet.participants.followup_rule import candidate_threshold, followup_due
from vangnet.participants.followup_selectors import (
    absences_since_last_visit,
    candidate_facts,
    followup_candidates,
)
from vangnet.participants.models import FollowUpStatus, FollowUpTask, Participant, RouteStage
from vangnet.participants.selectors import route_rules

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import User


def followups_refresh(*, network: Network, today: dt.date) -> int:
    """Create a follow-up task for every steady participant who missed the last N recorded
    sessions in a row without announcing it (N = organisation.followup_after_missed_sessions),
    or announced their absence M times in a row (M = followup_after_announced_absences).

    Idempotent: no task is made when one is open for the participant, or when a task was
    already made (and perhaps closed) for the same absence, i.e. with the same last visit.
    Returns the number of tasks created. The reads run outside a transaction (on
    PostgreSQL's read committed one gave them no common snapshot either; a read that saw a
    task made in between only makes nothing); the tasks and their audit records are
    written in one."""
    organisation = network.organisation
    missed_needed = max(1, int(organisation.followup_after_missed_sessions))
    announced_needed = max(0, int(organisation.followup_after_announced_absences))
    threshold = candidate_threshold(missed_needed=missed_needed, announced_needed=announced_needed)
    # The network's tasks are read with the candidates' facts (one query): an open one, or
    # one made for the same absence (the same last visit), means nothing new is due for
    # that person.
    facts = candidate_facts(network=network, today=today, missed_needed=threshold)
    tasks = facts.tasks

    def settled(participant_id: int, last_visit: dt.date | None) -> bool:
        return any(
            status == FollowUpStatus.OPEN or (last_visit is not None and seen == last_visit)
            for status, seen in tasks.get(participant_id, ())
        )

    people = followup_candidates(
        network=network, today=today, missed_needed=threshold, settled=settled, facts=facts
    )
    steady = [
        p
        for p in people
        if p.route.current == RouteStage.STEADY and not settled(p.pk, p.route.last_visit)
    ]
    # Announced absences (afgemeld) are not missed sessions: participants.followup_rule.
    absences = absences_since_last_visit(network=network, people=steady, today=today)
    due = {
        p.pk: p
        for p in steady
        if followup_due(
            absences=absences[p.pk],
            missed_needed=missed_needed,
            announced_needed=announced_needed,
        )
    }
    if not due:
        return 0
    with transaction.atomic():
        return _tasks_create(network=network, due=due, today=today)


# What a network's refresh reads besides the day and the organisation's rules: its facts
# (sessions, marks, participants, route events), its tasks ("evaluation") and its announced
# absences, each kept by the database's triggers (participants.data_triggers).
REFRESH_KINDS = (FACTS, "evaluation", "absences")


def followups_refresh_networks(*, networks: Iterable[Network], today: dt.date) -> int:
    """`followups_refresh` for each of `networks` whose data changed since its last refresh
    on `today` (one query for all their data versions): the refresh is idempotent, so with
    the same facts, tasks, absences, rules and day it would make nothing new. A refresh that
    makes tasks renews the network's "evaluation" version itself, so the next call looks
    again and finds nothing. Returns the number of tasks created."""
    networks = list(networks)
    seconds = cache_seconds("VANGNET_ROUTE_CACHE_SECONDS")
    if seconds <= 0:
        return sum(followups_refresh(network=network, today=today) for network in networks)
    versions = network_data_versions(
        network_ids=[network.pk for network in networks], kinds=REFRESH_KINDS
    )
    keys = {
        network.pk: cache_key(
            "followups:refreshed",
            network.pk,
            versions[network.pk],
            today,
            _refresh_rules(network),
        )
        for network in networks
    }
    done = cache.get_many(list(keys.values()))
    created = 0
    for network in networks:
        if keys[network.pk] not in done:
            created += followups_refresh(network=network, today=today)
    store_after_commit({key: True for key in keys.values() if key not in done}, seconds)
    return created


def _refresh_rules(network: Network) -> tuple[object, ...]:
    organisation = network.organisation
    return (
        organisation.followup_after_missed_sessions,
        organisation.followup_after_announced_absences,
        route_rules(organisation).normalised(),
    )


def _tasks_create(*, network: Network, due: dict[int, Participant], today: dt.date) -> int:
    FollowUpTask.objects.bulk_create(
        [
            FollowUpTask(
                participant=person,
                network=network,
                assigned_to_id=network.lead_worker_id,
                created_on=today,
                missed_sessions=person.route.missed_in_a_row,
                last_seen_on=person.route.last_visit,
            )
            for person in due.values()
        ],
        ignore_conflicts=True,  # one made at the same moment by another request stays
    )
    created = list(
        FollowUpTask.objects.filter(
            participant_id__in=list(due), status=FollowUpStatus.OPEN, created_on=today
        )
    )
    for task in created:
        audit_record(actor=None, action="create", obj=task, organisation=network.organisation)
    return len(created)


@transaction.atomic
def followup_close(
    *, task: FollowUpTask, outcome: str, actor: User, request: HttpRequest | None = None
) -> FollowUpTask:
    """Close a follow-up task, recording what was done (required)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Schrijf op wat je hebt gedaan.")})
    if len(outcome) > 2000:
        raise ValidationError({"outcome": _("Houd dit korter dan 2000 tekens.")})
    current = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if current.status != FollowUpStatus.OPEN:
        raise ValidationError(_("Deze taak is al afgerond."), code="closed")
    current.status = FollowUpStatus.DONE
    current.outcome = outcome
    current.closed_on = timezone.localdate()
    current.closed_by = signed_in(actor)
    current.save(update_fields=["status", "outcome", "closed_on", "closed_by"])
    audit_record(actor=actor, action="update", obj=current, request=request)
    return current
