"""The participant page's body, rendered once per version of what it shows (issue 21).

Everything of the participant page below the layout (profile, route with its chart,
contributions, *Zelf aangepast*, attendance and announced absences, follow-up tasks,
contact, notes, the route forms) is HTML that only changes when a row it shows changes. It
is kept in Django's cache under a key made of:

- the participant, its network and five data versions of that network, read in the same
  query as the participant and the access check (`participant_for_page`): the **fact
  version** (participants.fact_triggers: sessions, marks, participants, route events), the
  **page version** (participants.page_triggers: the network's and organisation's rows,
  follow-up tasks, questionnaire responses), and the data versions (participants.
  data_triggers) of kinds **person** (contributions, consents per kind and per person on
  the network map, requests for erasure, invitations), **absences** (announced absences)
  and **evaluation** (the participant's answers to a report's member check). Database
  triggers renew them in every statement that writes such a row, in the same
  transaction, whatever the writer;
- the two rows loaded with the participant that no version of its network covers: its
  referral partner and the participant who invited it (name as shown);
- what the viewer may see: their role (capabilities come from the role alone,
  core.permissions), their organisation and whether they are the network's lead worker
  (the links to access and erasure); never the user id;
- the language and today's date (the route, the forms' initial dates);
- `BODY_VERSION`: raise it when the body's template or what it shows changes.

The body is rendered without the request (no context processors) and with a marker in
place of the CSRF token, which every request fills in with its own. A page with bound
route forms (input with errors) or a query string is rendered without the cache. Access
(`participant_for_page`) and the audit record of every view stay per request. Entries are
stored only when the request's transaction commits (fact_cache.store_after_commit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString

from vangnet.core.kept_body import with_token
from vangnet.core.permissions import Cap, has_cap, participant_for, pk_or_404
from vangnet.participants import fact_cache, page_query
from vangnet.participants.models import Participant

BODY_VERSION = 1
SETTING = "VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS"
_TOKENS = page_query.TOKENS


def participant_for_page(*, user: Any, participant_id: object) -> Participant:
    """The participant for its page, as `core.permissions.participant_for` with
    VIEW_PARTICIPANTS (403 or 404 likewise), with its relations and the data versions of
    its network in the same query (participants.page_query, compiled once per process). The
    fact version is kept for this read (fact_cache.fact_version_of)."""
    pk = pk_or_404(participant_id)
    if not has_cap(user, Cap.VIEW_PARTICIPANTS):
        return participant_for(user, pk, Cap.VIEW_PARTICIPANTS)  # raises 403 or 404
    participant = page_query.page_participant(user=user, pk=pk)
    if participant is None:
        raise Http404
    setattr(
        participant.network, fact_cache.READ_ONLY_VERSION, getattr(participant, _TOKENS[0]) or 0
    )
    return participant


def _tokens(participant: Participant) -> tuple[Any, ...] | None:
    """The five versions read with the participant, or None when they were not read."""
    if not all(hasattr(participant, name) for name in _TOKENS):
        return None
    return tuple(getattr(participant, name) for name in _TOKENS)


def viewer(user: Any, participant: Participant) -> tuple[str, int | None, bool]:
    """What of the viewer changes the body: role, organisation, being the lead worker."""
    lead = participant.network.lead_worker_id
    return (str(user.role), getattr(user, "organisation_id", None), user.pk == lead)


def body_key(*, participant: Participant, user: Any, today: dt.date) -> str:
    partner = participant.referral_partner
    inviter = participant.invited_by
    return fact_cache.cache_key(
        "participant-page",
        BODY_VERSION,
        participant.pk,
        participant.network_id,
        _tokens(participant),
        (partner.pk, partner.name) if partner is not None else None,
        (inviter.pk, inviter.display_name) if inviter is not None else None,
        viewer(user, participant),
        translation.get_language(),
        today.isoformat(),
    )


def page_body(
    *,
    request: HttpRequest,
    participant: Participant,
    today: dt.date,
    render: Callable[[], str],
    cacheable: bool = True,
) -> SafeString:
    """The body's HTML with this request's CSRF token: from the cache, else `render()`
    (which writes `CSRF` for the token; kept for next time)."""
    seconds = fact_cache.cache_seconds(SETTING)
    if seconds <= 0 or not cacheable or request.GET or _tokens(participant) is None:
        html = render()
    else:
        key = body_key(participant=participant, user=request.user, today=today)
        found = cache.get(key)
        if found is None:
            html = render()
            fact_cache.store_after_commit({key: html}, seconds)
        else:
            html = found
    return with_token(request, html)
