"""The network page's body, rendered once per version of what it shows (issue 21).

The network page is the most used page after the session screen; everything below its
header and links (follow-ups, phase, figures, charts, the sections of a dozen other apps,
activities) is HTML that only changes when a row it shows changes. That HTML is kept in
Django's cache under a key made of:

- the network and its two data versions, read in the same query as the network and the
  access check (`network_for_page`, compiled once per role by core.network_query): the
  **fact version** (participants.fact_cache: sessions,
  marks, participants, route events) and the **page version** (participants.page_triggers:
  every other table the page shows, the organisation's settings among them). Database
  triggers renew both in every statement that writes such a row, in the same transaction,
  whatever the writer;
- what the viewer may see: their role (capabilities come from the role alone,
  core.permissions) and whether they are the network's lead worker (the interviews
  section); never the user id, so a worker and a coordinator never share an entry, and two
  coordinators do;
- the language and today's date (phases, follow-ups, agreements overdue, the forecast);
- `BODY_VERSION`: raise it when the body's template or a section changes what it shows.

A request with a query string (the planning section's `uitnodigingen`) is rendered without
the cache. The entry also says whether it lists open follow-up tasks, so the view writes
its audit record on every read, cached or not. Entries are stored only when the request's
transaction commits (fact_cache.store_after_commit). The header (name, place, workers)
and the links are rendered on every request from the network's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from vangnet.core.network_query import visible_network
from vangnet.core.permissions import Cap, has_cap, pk_or_404
from vangnet.networks.models import Network
from vangnet.participants import fact_cache
from vangnet.participants.data_versions import FACTS, PAGE, token_subquery

BODY_VERSION = 1
SETTING = "VANGNET_NETWORK_PAGE_CACHE_SECONDS"
RELATED = ("location", "lead_worker", "backup_worker", "organisation")


def page_tokens() -> dict[str, Any]:
    """The fact and page versions, read in the query that reads the network."""
    return {
        "page_fact_token": token_subquery(FACTS, network=OuterRef("pk")),
        "page_view_token": token_subquery(PAGE, network=OuterRef("pk")),
    }


def network_for_page(*, user: Any, network_id: int | str) -> Network:
    """The network for its page, as `core.permissions.network_for` (404 when the user may
    not see it, 403 without VIEW_NETWORK), with its workers and both data versions in the
    same query, compiled once per role (core.network_query). The fact version is kept for
    this read (fact_cache.fact_version_of)."""
    pk = pk_or_404(network_id)
    network = visible_network(user, pk, related=RELATED, annotate=page_tokens)
    if network is None:
        raise Http404
    if not has_cap(user, Cap.VIEW_NETWORK):
        raise PermissionDenied
    setattr(network, fact_cache.READ_ONLY_VERSION, _tokens(network)[0] or 0)
    return network


def _tokens(network: Network) -> tuple[int | None, int | None]:
    """The fact and page versions read with the network (None: not read, or no row)."""
    return getattr(network, "page_fact_token", None), getattr(network, "page_view_token", None)


def viewer(user: Any, network: Network) -> tuple[str, bool]:
    """What of the viewer changes the body: the role and being the lead worker."""
    return (str(user.role), user.pk == network.lead_worker_id)


def body_key(*, network: Network, user: Any, today: dt.date) -> str:
    return fact_cache.cache_key(
        "network-page",
        BODY_VERSION,
        network.pk,
        *_tokens(network),
        viewer(user, network),
        translation.get_language(),
        today.isoformat(),
    )


def page_body(
    *,
    request: HttpRequest,
    network: Network,
    today: dt.date,
    render: Callable[[], tuple[str, bool]],
) -> tuple[SafeString, bool]:
    """The body's HTML and whether it lists open follow-up tasks: from the cache, else
    `render()` (kept for next time)."""
    seconds = fact_cache.cache_seconds(SETTING)
    if seconds <= 0 or request.GET or None in _tokens(network):
        html, followups = render()
        return mark_safe(html), followups  # noqa: S308 - rendered by the template engine
    key = body_key(network=network, user=request.user, today=today)
    found = cache.get(key)
    if found is None:
        found = render()
        fact_cache.store_after_commit({key: (str(found[0]), found[1])}, seconds)
    return mark_safe(found[0]), bool(found[1])  # noqa: S308 - rendered by the template engine
