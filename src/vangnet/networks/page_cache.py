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
- `BODY_VERSION`: raise it when the body's templates or a section change what they show.

The body is kept in two entries (issue 21, goal 4): its segments that read a fact table
(follow-ups, figures, support and planning, the neighbourhood's output by session date) under
the fact and page versions, and the others (the phase, money and house rules, the other
apps' sections, activities) under the page version alone (`SEGMENTS`; a segment of the page
part reads no fact table: tests/networks/test_network_page_parts.py). A save on the session
screen renews the fact version only, so the next look renders the fact part again and reads
the page part back.

A request with a query string (the planning section's `uitnodigingen`) is rendered without
the cache. The fact part also says whether it lists open follow-up tasks, so the view writes
its audit record on every read, cached or not. Entries are stored only when the request's
transaction commits (fact_cache.store_after_commit). The header (name, place, workers)
and the links are rendered on every request from the network's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
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

BODY_VERSION = 2
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


FACTS_PART, PAGE_PART = "facts", "page"
# The body's templates in the order of the page, each with the part it is kept in.
SEGMENTS: tuple[tuple[str, str], ...] = (
    (FACTS_PART, "networks/body/followups.html"),
    (PAGE_PART, "networks/body/phase.html"),
    (FACTS_PART, "networks/body/figures.html"),
    (PAGE_PART, "networks/body/money_rules.html"),
    (FACTS_PART, "networks/body/neighbourhood.html"),
    (PAGE_PART, "networks/body/sections.html"),
)
PARTS = (FACTS_PART, PAGE_PART)
# A part: the HTML of its segments in page order, and whether it lists open follow-ups.
Part = tuple[tuple[str, ...], bool]


def part_key(part: str, *, network: Network, user: Any, today: dt.date) -> str:
    """The fact part's key holds both versions (its segments read page tables too: the
    follow-up tasks, the worker hours), the page part's the page version alone."""
    fact_token, page_token = _tokens(network)
    return fact_cache.cache_key(
        f"network-page-{part}",
        BODY_VERSION,
        network.pk,
        fact_token if part == FACTS_PART else "-",
        page_token,
        viewer(user, network),
        translation.get_language(),
        today.isoformat(),
    )


def assemble(parts: Mapping[str, Part]) -> tuple[SafeString, bool]:
    """The body from its two parts: their segments interleaved in the order of `SEGMENTS`."""
    taken = {part: iter(parts[part][0]) for part in PARTS}
    html = "".join(next(taken[part]) for part, _template in SEGMENTS)
    return mark_safe(html), bool(parts[FACTS_PART][1])  # noqa: S308 - rendered by templates


def page_body(
    *,
    request: HttpRequest,
    network: Network,
    today: dt.date,
    render: Callable[[frozenset[str]], dict[str, Part]],
) -> tuple[SafeString, bool]:
    """The body's HTML and whether it lists open follow-up tasks: each part from the cache,
    else from `render(the parts missing)` (kept for next time)."""
    seconds = fact_cache.cache_seconds(SETTING)
    if seconds <= 0 or request.GET or None in _tokens(network):
        return assemble(render(frozenset(PARTS)))
    keys = {part: part_key(part, network=network, user=request.user, today=today) for part in PARTS}
    cached = cache.get_many(list(keys.values()))
    parts: dict[str, Part] = {part: cached[key] for part, key in keys.items() if key in cached}
    missing = frozenset(PARTS) - set(parts)
    if missing:
        rendered = render(missing)
        fact_cache.store_after_commit({keys[part]: rendered[part] for part in missing}, seconds)
        parts.update(rendered)
    return assemble(parts)
