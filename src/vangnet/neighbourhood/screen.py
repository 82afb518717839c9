"""The session screen's section "Voor de buurt": the form for a session, and its save in
the session save's transaction (`networks.sessions.views`, `offline_views`). The only
names the session screen imports from this app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vangnet.neighbourhood.forms import NeighbourhoodOutputForm
from vangnet.neighbourhood.selectors import is_for_neighbourhood, session_output
from vangnet.neighbourhood.services import output_record
from vangnet.networks.models import Session


def screen_form(*, session: Session, data: Any = None) -> NeighbourhoodOutputForm | None:
    """The section's form, or None for a session that is not for the neighbourhood (then
    the screen shows nothing and it costs no query: the activities are prefetched)."""
    from vangnet.participants.models import ReferralPartner

    if not is_for_neighbourhood(session):
        return None
    stored = session_output(session=session)
    partners = ReferralPartner.objects.filter(
        organisation_id=session.network.organisation_id
    ).values_list("pk", "name")
    return NeighbourhoodOutputForm(data, partners=list(partners), stored=stored)


def section_errors(form: NeighbourhoodOutputForm | None) -> list[str]:
    """The section's errors when it was posted and is not valid (else nothing)."""
    if form is None or not form.present or form.is_valid():
        return []
    return form.error_texts()


def section_save(
    *,
    form: NeighbourhoodOutputForm | None,
    session: Session,
    actor: Any,
    request: HttpRequest | None = None,
) -> bool:
    """Save the section when it was posted, valid and changed; True when it was saved."""
    if form is None or not form.present or not form.is_valid() or not form.changed:
        return False
    output_record(session=session, data=form.cleaned_data["output"], actor=actor, request=request)
    return True
