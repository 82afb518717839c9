"""The paper attendance list (papieren lijst): a printable A4 PDF per session, and what the
"overnemen van papier" flow needs (docs/session-screen.md, section *Papier*).

The list holds the people the session screen lists first (the coming rows: steady and
active participants, and anyone already marked at this session), in the screen's order, so
taking a filled-in paper over on the screen is reading it top to bottom. Nothing of
another network can appear: the rows come from `selectors.session_screen`, which reads
only the session's own network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from vangnet.networks.sessions.selectors import session_screen

if TYPE_CHECKING:
    from vangnet.networks.models import Session

# Rows left empty for newcomers; more when the list is short, so a page is filled.
NEWCOMER_ROWS = 6
MIN_ROWS = 18
# The line a taken-over paper list adds to the session's note (the worker sees and may edit it).
PAPER_NOTE = gettext_noop("Overgenomen van de papieren lijst.")


@dataclass
class PaperList:
    session: Session
    names: list[str]
    tasks: list[str]
    reasons: list[str]
    activities: list[str]
    empty_rows: int
    absent: dict[str, str] = field(default_factory=dict)  # name -> reason, announced ahead


def paper_list(*, session: Session) -> PaperList:
    """What the paper list of a session shows (the screen's reads: a fixed number of
    queries). Absences announced ahead are printed, so nobody ticks them present."""
    screen = session_screen(session=session)
    stored_absent = dict(screen.stored.absent)
    rows = [row for row in screen.rows if row.is_coming]
    names = [row.participant.display_name for row in rows]
    absent = {
        row.participant.display_name: stored_absent[row.participant.pk]
        for row in rows
        if row.participant.pk in stored_absent
    }
    return PaperList(
        session=session,
        names=names,
        tasks=screen.tasks,
        reasons=screen.reasons,
        activities=[activity.name for activity in session.activities.all()],
        empty_rows=max(NEWCOMER_ROWS, MIN_ROWS - len(names)),
        absent=absent,
    )


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The PDF loads nothing: no fonts, images or stylesheets from anywhere."""
    raise ValueError(f"not loaded: {url[:60]}")


def paper_html(paper: PaperList, *, made_on: dt.date) -> str:
    session = paper.session
    return render_to_string(
        "networks/session_paper.html",
        {
            "paper": paper,
            "session": session,
            "network": session.network,
            "rows": [(name, paper.absent.get(name)) for name in paper.names],
            "empty_rows": range(paper.empty_rows),
            "made_on": made_on,
            "page_label": _("Pagina"),
            "of_label": pgettext("pagina x van y", "van"),
        },
    )


def paper_document(paper: PaperList, *, made_on: dt.date) -> Any:
    """The laid-out WeasyPrint document (tests read its pages and text)."""
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    html = paper_html(paper, made_on=made_on)
    return HTML(string=html, url_fetcher=_refuse_fetch).render()


def paper_pdf(paper: PaperList, *, made_on: dt.date) -> bytes:
    data: bytes = paper_document(paper, made_on=made_on).write_pdf()
    return data


def paper_filename(session: Session) -> str:
    return f"aanwezigheidslijst-{session.network_id}-{session.date.isoformat()}.pdf"


def note_with_paper_line(note: str) -> str:
    """The note a taken-over paper list starts with: the stored note and, once, the line
    that says the marks come from paper."""
    line = _(PAPER_NOTE)
    if line in note:
        return note
    return f"{note.rstrip()}\n{line}" if note.strip() else line
