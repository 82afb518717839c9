"""The session screen's body (networks/session_record_body.html), rendered without the
request: what the screen shows of a `SessionScreen` for a viewer, with the marks `state`.

Rendered without the context processors and with `core.kept_body.CSRF` for the CSRF token, so
nothing of the viewer enters it but what `screen_body.viewer` names (the role's
capabilities). The view adds the layout, the token and the audit record per request
(networks/sessions/views.py); `screen_body.screen_body` keeps the body of a plain opening.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import get_template
from django.utils.translation import gettext as _

from vangnet.core.kept_body import CSRF
from vangnet.core.permissions import Cap, has_cap
from vangnet.networks.sessions.forms import NO_REASON
from vangnet.networks.sessions.screen_rows import session_rows_html
from vangnet.networks.sessions.selectors import SessionScreen
from vangnet.networks.sessions.services import AttendanceMarks

BODY_TEMPLATE = "networks/session_record_body.html"


def absence_choices(reasons: list[str], chosen: str | None) -> list[dict]:
    """The options of a row's "afgemeld" menu: not announced, announced without a reason,
    the organisation's reasons (and a stored reason no longer on that list)."""
    choices = [
        {"value": "", "label": _("niet afgemeld"), "selected": chosen is None},
        {"value": NO_REASON, "label": _("afgemeld"), "selected": chosen == ""},
    ]
    texts = list(reasons)
    if chosen and chosen not in texts:
        texts.append(chosen)
    choices += [
        {
            "value": text,
            "label": _("afgemeld: %(reason)s") % {"reason": text},
            "selected": chosen == text,
        }
        for text in texts
    ]
    return choices


def screen_rows(screen: SessionScreen, state: AttendanceMarks) -> list[dict[str, Any]]:
    """The rows as `screen_rows.session_rows_html` writes them, with the marks `state`."""
    chosen: dict[int, set[str]] = {}
    for pid, task in state.contributions:
        chosen.setdefault(pid, set()).add(task)
    absent = dict(state.absent)
    # One menu per distinct choice: most rows share the "niet afgemeld" one.
    menus: dict[str | None, list[dict]] = {}
    rows = []
    for row in screen.rows:
        pid = row.participant.pk
        mine = chosen.get(pid, set())
        options = [{"text": task, "checked": task in mine} for task in row.options]
        options += [{"text": task, "checked": True} for task in sorted(mine - set(row.options))]
        rows.append(
            {
                "participant": row.participant,
                "is_new": row.is_new,
                "present": pid in state.present,
                "absent": pid in absent,
                "absent_by_self": pid in absent and pid in screen.self_announced,
                "absence_choices": menus.get(absent.get(pid))
                or menus.setdefault(
                    absent.get(pid), absence_choices(screen.reasons, absent.get(pid))
                ),
                "options": options,
                "is_coming": row.is_coming,
                "last_week": pid in screen.last_week,
                "initials": row.initials,
                "key": row.key,
                # The one-tap "+ koken": only when that task is a choice and not chosen yet.
                "usual": row.usual if row.usual and row.usual not in mine else None,
            }
        )
    return rows


def render_body(
    *,
    user: Any,
    screen: SessionScreen,
    form: Any,
    state: AttendanceMarks,
    outcome: Any = None,
    pending: Any = (),
    buurt: Any = None,
    paper: bool = False,
) -> tuple[str, bool]:
    """The body's HTML (with `CSRF` for the token) and whether it may be kept: not when it
    shows the section for the neighbourhood (its referral partners have no version)."""
    from vangnet.neighbourhood.screen import screen_form

    rows = screen_rows(screen, state)
    others = [row for row in rows if not row["is_coming"]]
    buurt_form = buurt if buurt is not None else screen_form(session=screen.session)
    context = {
        "network": screen.session.network,
        "session": screen.session,
        "screen": screen,
        "rows": rows,
        "letters": sorted({row["initials"][:1] for row in rows if row["initials"]}),
        "coming_rows_html": session_rows_html(row for row in rows if row["is_coming"]),
        "other_rows_html": session_rows_html(others),
        "other_count": len(others),
        # Open the folded list when someone in it is marked, so no mark is hidden.
        "others_open": any(row["present"] for row in others),
        "form": form,
        "present_count": len(state.present),
        "absent_count": len(dict(state.absent)),
        "can_prefill": bool(screen.last_week) and not state.present,
        "outcome": outcome,
        "pending": pending,
        # A network helper records the session, without follow-up details or ties.
        "can_followup": has_cap(user, Cap.MANAGE_FOLLOWUP),
        "can_record_ties": has_cap(user, Cap.EDIT_PARTICIPANTS),
        # "Voor de buurt" (neighbourhood app): None when the session is not for it.
        "buurt_form": buurt_form,
        "paper": paper,  # taking a paper list over (?van=papier)
        "csrf_token": CSRF,
    }
    return get_template(BODY_TEMPLATE).render(context), buurt_form is None
