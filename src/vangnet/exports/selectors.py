"""Reads for the exports pages: what a user may export and their own jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from vangnet.core.permissions import Cap, has_cap, visible_networks, visible_participants
from vangnet.exports.models import ExportJob
from vangnet.networks.models import Network

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.organisations.models import User

RECENT_JOBS = 20


@dataclass(frozen=True)
class NetworkOption:
    network: Network
    named: bool  # the export shows names (else pseudonyms)


@dataclass(frozen=True)
class ExportOptions:
    data: bool
    research: bool
    networks: list[NetworkOption]

    @property
    def any(self) -> bool:
        return self.data or self.research


def export_options(user: User) -> ExportOptions:
    """What this user may export: data exports of which networks (with or without names),
    and whether the research export. Two queries."""
    data = has_cap(user, Cap.EXPORT_DATA)
    networks: list[NetworkOption] = []
    if data:
        named = set(visible_participants(user).values_list("network_id", flat=True).distinct()) | (
            set(visible_networks(user).values_list("pk", flat=True))
            if has_cap(user, Cap.VIEW_PARTICIPANTS)
            else set()
        )
        networks = [
            NetworkOption(network=network, named=network.pk in named)
            for network in visible_networks(user).order_by("name")
        ]
    return ExportOptions(data=data, research=has_cap(user, Cap.RESEARCH_EXPORT), networks=networks)


def recent_jobs(user: User, *, limit: int = RECENT_JOBS) -> QuerySet[ExportJob]:
    """The user's own jobs, newest first, without the file contents."""
    return ExportJob.objects.filter(requested_by=user).defer("file")[:limit]


def job_for(user: Member, job_id: int | str, *, with_file: bool = False) -> ExportJob:
    """One job of this user; anyone else's answers 404 (only the requester sees it)."""
    jobs = ExportJob.objects.filter(requested_by=user, organisation_id=user.organisation_id)
    if not with_file:
        jobs = jobs.defer("file")
    try:
        return jobs.get(pk=int(job_id))
    except (TypeError, ValueError, ExportJob.DoesNotExist) as exc:
        raise Http404 from exc
