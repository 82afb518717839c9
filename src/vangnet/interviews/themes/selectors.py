"""Reads of the thematic coding: the organisation's code list, the passages coded on a report
version, and the thematic report across networks (pseudonymised quotes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from vangnet.core.permissions import pk_or_404
from vangnet.interviews.member_check import AGREED_STATUSES
from vangnet.interviews.models import (
    CodedPassage,
    Interview,
    InterviewReport,
    ReportVersion,
    Theme,
)
from vangnet.interviews.pseudonym import pseudonymise

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation


def version_passages(*, version: ReportVersion) -> list[CodedPassage]:
    return list(
        version.passages.select_related("coder").prefetch_related("themes").order_by("start", "id")
    )


def passage_of(*, interview: Interview, passage_id: int | str | None) -> CodedPassage | None:
    try:
        pk = pk_or_404(passage_id)
    except Http404:
        return None
    return CodedPassage.objects.filter(pk=pk, version__report__interview=interview).first()


def organisation_themes(
    *, organisation: Organisation, active_only: bool = False
) -> QuerySet[Theme]:
    qs = Theme.objects.filter(organisation=organisation)
    if active_only:
        qs = qs.filter(active=True)
    return qs.order_by("position", "name", "id")


def theme_for(user: Member, theme_id: int | str) -> Theme:
    pk = pk_or_404(theme_id)
    try:
        return Theme.objects.get(pk=pk, organisation_id=user.organisation_id)
    except Theme.DoesNotExist as exc:
        raise Http404 from exc


# -- thematic report ----------------------------------------------------------------------


@dataclass
class ThemeRow:
    theme: Theme
    report_count: int = 0
    passages: list[str] = field(default_factory=list)

    @property
    def subgoals(self) -> tuple[str, ...]:
        """The method's sub-goals (letters a-i) the theme speaks to."""
        return self.theme.subgoal_letters


def network_names(networks: Iterable[Any]) -> dict[int, list[str]]:
    """Every participant name per network (full name and first word), for pseudonymising."""
    from vangnet.participants.models import Participant

    names: dict[int, list[str]] = {}
    rows = Participant.objects.filter(network__in=list(networks)).values_list(
        "network_id", "display_name"
    )
    for network_id, name in rows:
        bucket = names.setdefault(network_id, [])
        bucket.append(name)
        first = name.split()[0] if name.split() else ""
        if first and first != name and len(first) > 1:
            bucket.append(first)
    return names


def _agreed_passages(networks: Iterable[Network | int]) -> QuerySet[CodedPassage]:
    """Passages coded on the latest version of an agreed report (older versions' passages
    stay on record but do not count)."""
    return (
        CodedPassage.objects.filter(
            version__report__interview__network__in=list(networks),
            version__report__status__in=list(AGREED_STATUSES),
        )
        .select_related("version__report__interview")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "id")))
        .order_by("version__report__interview__planned_at", "version_id", "start", "id")
    )


def agreed_report_count(*, networks: Iterable[Network | int]) -> int:
    """How many interviews of these networks have a report the participant agreed with."""
    return InterviewReport.objects.filter(
        interview__network__in=list(networks), status__in=list(AGREED_STATUSES)
    ).count()


def theme_report(*, networks: Iterable[Network]) -> list[ThemeRow]:
    """Per theme of the networks' organisation(s): how many agreed reports mention it and the
    quoted passages, pseudonymised (every participant name of the network becomes
    "[deelnemer]"; who said it is never shown). Themes without passages are listed with 0
    when they are active."""
    networks = list(networks)
    if not networks:
        return []
    organisation_ids = {n.organisation_id for n in networks}
    names = network_names(networks)
    latest: dict[int, int] = {}
    for report_id, version_id in (
        ReportVersion.objects.filter(
            report__interview__network__in=networks, report__status__in=list(AGREED_STATUSES)
        )
        .order_by("report_id", "number")
        .values_list("report_id", "id")
    ):
        latest[report_id] = version_id
    rows: dict[int, ThemeRow] = {}
    reports: dict[int, set[int]] = {}
    for theme in Theme.objects.filter(organisation_id__in=organisation_ids).order_by(
        "position", "name", "id"
    ):
        if theme.active:
            rows[theme.pk] = ThemeRow(theme=theme)
    for passage in _agreed_passages(networks):
        report_id = passage.version.report_id
        if latest.get(report_id) != passage.version_id:
            continue
        network_id = passage.version.report.interview.network_id
        quote = pseudonymise(passage.quote, names.get(network_id, []))
        for theme in passage.themes.all():
            row = rows.get(theme.pk)
            if row is None:  # a theme switched off after coding
                row = rows[theme.pk] = ThemeRow(theme=theme)
            reports.setdefault(theme.pk, set()).add(report_id)
            if quote:  # an erased participant's passage still counts, without its text
                row.passages.append(quote)
    for theme_id, row in rows.items():
        row.report_count = len(reports.get(theme_id, ()))
    return sorted(rows.values(), key=lambda r: (r.theme.position, r.theme.name, r.theme.pk))
