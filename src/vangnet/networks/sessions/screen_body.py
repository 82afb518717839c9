"""The session screen's body, rendered once per version of what it shows (issue 21).

Everything of the session screen below the layout (the heading, who saved it last, the
people with their marks, contributions, usual tasks and announced absences, the note and
the form's hidden state) is HTML that only changes when a row it shows changes. A plain
opening of the screen (a GET without a query string, not right after a save) takes it from
Django's cache under a key made of:

- the network, the session and four data versions of the network, read in the same query
  as the network and the access check (`versions_with_network` with
  `core.permissions.network_for`, compiled once per role by core.network_query): the
  **fact version** (participants.fact_triggers:
  sessions, among them this session's row with its note, version and last saver, marks,
  participants, route events), the **page version** (participants.page_triggers: the
  network's and organisation's rows with the route rules and absence reasons, the
  activities with their tasks, the sessions' activities), and the data versions
  (participants.data_triggers) of kinds **person** (contributions) and **absences**
  (announced absences). Database triggers renew them in every statement that writes such
  a row, in the same transaction, whatever the writer;
- the user who saved the session last, as the screen names them (read with the session;
  no version covers a user's name);
- what the viewer may see: their role (capabilities come from the role alone,
  core.permissions), their organisation and whether they are the network's lead worker;
  never the user id;
- the language and today's date;
- `BODY_VERSION`: raise it when the body's template or what it shows changes.

The body is rendered without the request (no context processors) and with a marker in
place of the CSRF token, which every request fills in with its own. Rendered without the
cache, and never kept: a screen with a bound form (a save with errors, a newcomer's name
to confirm), the outcome right after a save (*Wat volgde*), a query string (taking a paper
list over) and a session for the neighbourhood (its section lists the organisation's
referral partners, which no version covers). Access (`network_for`, the session of that
network or 404) and the audit record of every view stay per request. Entries are stored
only when the request's transaction commits (fact_cache.store_after_commit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString

from vangnet.core.kept_body import with_token
from vangnet.core.network_query import shaped
from vangnet.networks.models import Network
from vangnet.networks.sessions.selectors import session_with_saver
from vangnet.participants import fact_cache
from vangnet.participants.models import NetworkDataVersion, NetworkPageVersion

BODY_VERSION = 1
SETTING = "VANGNET_SESSION_SCREEN_CACHE_SECONDS"
_TOKENS = (
    fact_cache.READ_WITH_NETWORK,
    "screen_page_token",
    "screen_person_token",
    "screen_absences_token",
)


def _data_token(kind: str) -> Subquery:
    rows = NetworkDataVersion.objects.filter(network_id=OuterRef("pk"), kind=kind)
    return Subquery(rows.values("token")[:1])


def versions_with_network() -> dict[str, Any]:
    """The annotation that reads the four versions in the query that reads the network
    (`network_for(annotate=...)`); the fact version as `fact_cache.version_with_network`
    names it, so `fact_cache.keep_version_read_with_network` keeps it for this read. Marked
    with its maker (`core.network_query.shaped`), so `network_for` compiles that query once
    per role."""
    return shaped(_versions)


def _versions() -> dict[str, Any]:
    return {
        **fact_cache.version_with_network(),
        "screen_page_token": Subquery(
            NetworkPageVersion.objects.filter(network_id=OuterRef("pk")).values("token")[:1]
        ),
        "screen_person_token": _data_token("person"),
        "screen_absences_token": _data_token("absences"),
    }


def _tokens(network: Network) -> tuple[Any, ...] | None:
    """The four versions read with the network, or None when they were not read."""
    if not all(hasattr(network, name) for name in _TOKENS):
        return None
    return tuple(getattr(network, name) for name in _TOKENS)


def viewer(user: Any, network: Network) -> tuple[str, int | None, bool]:
    """What of the viewer may change the body: role, organisation, being the lead worker."""
    return (
        str(user.role),
        getattr(user, "organisation_id", None),
        user.pk == network.lead_worker_id,
    )


@dataclass(frozen=True)
class SessionHead:
    """Of the session, what the key needs: its id and who saved it last (id and the name
    fields the screen shows them by, `User.__str__`)."""

    pk: int
    saver: tuple[Any, ...]


def session_head(*, network: Network, session_id: int | str) -> SessionHead:
    """The session of `network` for the key, in one query compiled once; 404 for another
    network's session (as `selectors.session_get`)."""
    found = session_with_saver(network=network, session_id=session_id)
    saver = found.updated_by
    if saver is None:
        return SessionHead(pk=found.pk, saver=(None, None, None, None))
    return SessionHead(
        pk=found.pk, saver=(saver.pk, saver.first_name, saver.last_name, saver.username)
    )


def body_key(*, network: Network, session: SessionHead, user: Any, today: dt.date) -> str:
    return fact_cache.cache_key(
        "session-screen-body",
        BODY_VERSION,
        network.pk,
        session.pk,
        _tokens(network),
        session.saver,
        viewer(user, network),
        translation.get_language(),
        today.isoformat(),
    )


def screen_body(
    *,
    request: HttpRequest,
    network: Network,
    session: SessionHead,
    today: dt.date,
    render: Callable[[], tuple[str, bool]],
) -> SafeString:
    """The body's HTML with this request's CSRF token: from the cache, else `render()`,
    which gives the HTML (with `CSRF` for the token) and whether it may be kept."""
    seconds = fact_cache.cache_seconds(SETTING)
    if seconds <= 0 or request.GET or _tokens(network) is None:
        return with_token(request, render()[0])
    key = body_key(network=network, session=session, user=request.user, today=today)
    html = cache.get(key)
    if html is None:
        html, keep = render()
        if keep:
            fact_cache.store_after_commit({key: html}, seconds)
    return with_token(request, html)
