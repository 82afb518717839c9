"""The demo data generator: one organisation, its users and two networks with a history.

Call `demo_generate(seed=..., today=...)`; `vangnet demo-data` is the command-line face.
The same seed and the same `today` give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from tqdm import tqdm

from vangnet.audit.services import audit_record
from vangnet.demo import content
from vangnet.demo.history import HistoryBuilder
from vangnet.demo.model import ModelParams
from vangnet.finance.demo import finance_demo
from vangnet.growth.demo import growth_demo
from vangnet.houserules.demo import houserules_demo
from vangnet.interviews.demo import interviews_demo
from vangnet.learning.demo import learning_demo
from vangnet.library.demo import library_demo
from vangnet.logbook.demo import balance_demo
from vangnet.neighbourhood.demo import neighbourhood_demo
from vangnet.network_evaluation.demo import network_evaluation_demo
from vangnet.networks.models import Network
from vangnet.organisations.models import Location, Organisation, Role, User
from vangnet.participants.models import (
    FollowUpStatus,
    FollowUpTask,
    Participant,
    ReferralPartner,
)
from vangnet.practice.demo import practice_demo
from vangnet.questionnaires.demo import questionnaires_demo
from vangnet.stakeholders.demo import stakeholders_demo
from vangnet.support.demo import support_demo_ties
from vangnet.support.demo_maps import support_demo_maps
from vangnet.volunteers.demo import volunteers_demo

DEFAULT_SEED = 2026


class DemoDataError(Exception):
    """The demo data cannot be generated here (production, or a name is taken)."""


@dataclass
class DemoSummary:
    organisation: Organisation
    counts: dict[str, int] = field(default_factory=dict)
    story: list[str] = field(default_factory=list)


def demo_organisation() -> Organisation | None:
    return Organisation.objects.filter(name=content.ORGANISATION_NAME).first()


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, username, what this login shows) for every demo user."""
    hints = {
        "sociaalwerker": "Lunchgroep De Buurtkamer: bijeenkomst van deze week invullen",
        "sociaalwerker2": "Creaclub en Speelgoedpunt",
        "achterwacht": "achterwacht van beide netwerken",
        "coordinator": "dashboard, evaluatie en rapportages van alle netwerken",
        "evaluator": "vandaag een evaluatiegesprek houden, member check, verslagen coderen",
        "gemeente": "de anonieme rapportage voor de gemeente",
        "beheerder": "gebruikers, locaties en audit",
        "onderzoeker": "kennisinstituut: de benchmark en de gedeelde bibliotheek",
        "vrijwilliger": "Ton, vrijwilliger bij de Creaclub: alleen de bijeenkomst invullen",
    }
    labels = dict(Role.choices)
    return [
        (str(labels[role]), username, hints[username])
        for username, role, _first, _last in content.DEMO_USERS
    ]


def refuse_in_production() -> None:
    if getattr(settings, "PRODUCTION", False):
        raise DemoDataError(
            "Demodata maken kan niet in productie: de demo heeft een bekend wachtwoord."
        )


@transaction.atomic
def demo_reset() -> bool:
    """Remove the demo organisation with everything in it. True if there was one."""
    refuse_in_production()
    organisation = demo_organisation()
    if organisation is None:
        return False
    Participant.objects.filter(organisation=organisation).delete()
    Network.objects.filter(organisation=organisation).delete()
    User.objects.filter(organisation=organisation).delete()
    organisation.delete()
    return True


def _check_free() -> None:
    if demo_organisation() is not None:
        raise DemoDataError("De demo-organisatie bestaat al. Gebruik --reset.")
    usernames = [username for username, *_rest in content.DEMO_USERS]
    taken = list(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        raise DemoDataError(
            "Deze gebruikersnamen bestaan al buiten de demo: " + ", ".join(sorted(taken))
        )


def _refresh_followups(networks: list[Network], today: dt.date) -> None:
    """Let the participants app open the follow-up tasks that today's data calls for."""
    try:
        from vangnet.participants.followup_services import followups_refresh
    except ImportError:  # not built yet
        return
    for network in networks:
        followups_refresh(network=network, today=today)


@transaction.atomic
def _create_worker_hours(networks: list[Network], today: dt.date, rng: random.Random) -> int:
    """The lead workers' registered hours for every full week since the network started:
    mostly at or a little above the planning rule's norm for the network as it runs today,
    a few short weeks (holiday, illness), and a few weeks nobody filled in, so the pages show
    how complete the registration is and judge the plan on the registered weeks only."""
    from vangnet.planning.models import WorkerHours
    from vangnet.planning.selectors import network_facts, network_norm

    this_monday = today - dt.timedelta(days=today.weekday())
    rows = []
    for network in networks:
        norm = network_norm(
            network=network, facts=network_facts(network=network, today=today)
        ).hours_per_week
        monday = network.start_date - dt.timedelta(days=network.start_date.weekday())
        while monday < this_monday:
            recent = monday >= this_monday - dt.timedelta(weeks=2)
            draw = rng.random()
            if not recent and draw < 0.05:
                monday += dt.timedelta(weeks=1)
                continue  # not filled in: unknown, not zero
            if not recent and draw < 0.13:
                hours = Decimal(str(rng.choice([1.5, 2.5])))
            else:
                hours = norm + Decimal(str(rng.choice([0, 0.5, 0.5, 1, 1])))
            rows.append(
                WorkerHours(
                    network=network,
                    worker_id=network.lead_worker_id,
                    week_start=monday,
                    hours=hours,
                )
            )
            monday += dt.timedelta(weeks=1)
    WorkerHours.objects.bulk_create(rows)
    return len(rows)


def demo_generate(
    *,
    seed: int = DEFAULT_SEED,
    today: dt.date,
    params: ModelParams | None = None,
    progress: bool = True,
) -> DemoSummary:
    """Create the demo organisation, its users and two networks with about 18-20 months of
    weekly sessions up to last week. Refuses in production and when the demo exists."""
    refuse_in_production()
    _check_free()
    params = params or ModelParams()

    organisation = Organisation.objects.create(name=content.ORGANISATION_NAME)
    locations = [
        Location.objects.create(
            organisation=organisation, name=name, address=address, neighbourhood=area
        )
        for name, address, area in content.LOCATIONS
    ]
    validate_password(content.DEMO_PASSWORD)
    shared_hash = make_password(content.DEMO_PASSWORD)  # one slow argon2 hash for all
    users = {
        username: User.objects.create(
            organisation=organisation,
            username=username,
            role=role,
            first_name=first,
            last_name=last,
            password=shared_hash,
        )
        for username, role, first, last in content.DEMO_USERS
    }
    partners = [
        ReferralPartner.objects.create(organisation=organisation, name=name, kind=kind)
        for name, kind in content.REFERRAL_PARTNERS
    ]

    builders = [
        HistoryBuilder(
            spec=spec,
            index=index,
            organisation=organisation,
            locations=locations,
            users=users,
            partners=partners,
            rng=random.Random(f"{seed}:{index}"),  # one stream per network
            today=today,
        )
        for index, spec in enumerate(content.NETWORKS)
    ]
    summary = DemoSummary(organisation=organisation)
    counts = summary.counts
    with tqdm(
        total=sum(len(b.dates) for b in builders),
        desc="Demodata",
        unit="week",
        disable=not progress,
    ) as bar:
        for builder in builders:
            bar.set_postfix_str(builder.spec.name)
            builder.create_network()
            people = builder.simulate(params)
            participants = builder.create_participants(people)
            for key, value in builder.create_sessions(people, participants, bar.update).items():
                counts[key] = counts.get(key, 0) + value
            for key, value in builder.create_events(people, participants).items():
                counts[key] = counts.get(key, 0) + value
            # Support ties that grow more numerous and more reciprocal over the phases.
            counts["support_ties"] = counts.get("support_ties", 0) + support_demo_ties(
                network=builder.network, seed=f"{seed}:{builder.index}", today=today
            )
            counts["participants"] = counts.get("participants", 0) + len(participants)
            summary.story.append(builder.story())
    networks = [b.network for b in builders]
    counts["hours_weeks"] = _create_worker_hours(networks, today, random.Random(f"{seed}:hours"))
    counts["balance_reflections"] = balance_demo(networks=networks, seed=str(seed), today=today)
    counts["network_maps"] = sum(
        support_demo_maps(network=network, seed=f"{seed}:{index}", today=today)
        for index, network in enumerate(networks)
    )
    _refresh_followups(networks, today)
    # The evaluation cycle and the community of practice, each from its own app: interviews
    # first (they make the questionnaire template and the consents), then the other
    # participants' questionnaires, the network evaluation, the practice space.
    area: dict[str, Any] = {
        "organisation": organisation,
        "networks": networks,
        "users": users,
        "today": today,
    }
    counts.update(interviews_demo(**area, seed=str(seed)))
    counts.update(questionnaires_demo(**area, seed=str(seed)))
    counts.update(network_evaluation_demo(**area, seed=str(seed)))
    counts.update(practice_demo(**area, seed=str(seed)))
    counts.update(finance_demo(**area, seed=str(seed)))
    counts.update(houserules_demo(**area, seed=str(seed)))
    counts.update(neighbourhood_demo(**area, seed=str(seed)))
    counts.update(volunteers_demo(**area, seed=str(seed)))
    counts.update(growth_demo(**area, seed=str(seed)))
    counts.update(learning_demo(**area, seed=str(seed)))
    counts.update(stakeholders_demo(**area, seed=str(seed)))
    counts.update(library_demo(**area, seed=str(seed)))
    counts["networks"] = len(networks)
    counts["users"] = len(users)
    counts["open_followups"] = FollowUpTask.objects.filter(
        network__in=networks, status=FollowUpStatus.OPEN
    ).count()
    audit_record(
        actor=None,
        action="import",
        object_type="demo",
        detail=f"demodata gemaakt (seed {seed})",
        organisation=organisation,
    )
    return summary
