"""The installable, offline-capable session screen (docs/offline.md, docs/privacy.md).

- `/manifest.webmanifest`: the web app manifest (icons from static/, nothing from elsewhere).
- `/sw.js`: the service worker, served from the site root so its scope covers the session
  screens; it keeps only the screens `offline_status` lists (this week's and last week's
  sessions of the user's own networks) and the static files they need.
- `offline_status`: is this browser still signed in, a fresh CSRF token for sending, and
  (asked with `?screens=1`) which screens the phone may keep.
- `offline_sync`: sends one save that waited on the phone, through the merge-safe save;
  answers in JSON what was saved and what could not be saved, and why.
- `logout`: Django's logout with `Clear-Site-Data`, so the browser removes what it kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from vangnet.core.permissions import Cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.neighbourhood.screen import screen_form, section_errors, section_save
from vangnet.networks.sessions.forms import SessionRecordForm
from vangnet.networks.sessions.newcomers import pending_questions, resolve_newcomers
from vangnet.networks.sessions.offline_selectors import offline_networks, offline_screens
from vangnet.networks.sessions.offline_services import ERASED, session_sync_offline
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.networks.sessions.selectors import session_get, session_of_week

# What the service worker keeps besides the screens: the files a screen needs to show.
OFFLINE_STATIC = [
    "css/vangnet.css",
    "css/session.css",
    "css/offline.css",
    "js/vangnet.js",
    "js/session.js",
    "js/offline-store.js",
    "js/offline-reports.js",
    "js/offline.js",
    "vendor/htmx/htmx.min.js",
    "img/favicon.svg",
    "img/icon-192.png",
]
CLEAR_SITE_DATA = '"cache", "storage"'


def offline_context(request: HttpRequest) -> dict[str, bool]:
    """Whether pages register the service worker (settings.VANGNET_OFFLINE)."""
    return {"offline_enabled": settings.VANGNET_OFFLINE}


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": "Vangnet",
        "short_name": "Vangnet",
        "description": _("Vangnetwerken: bijeenkomsten, deelnemers en hun route."),
        "lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "start_url": "/",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5f6b",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    assets = [static(path) for path in OFFLINE_STATIC]
    context = {
        "assets_json": json.dumps(assets),
        "max_age_ms": settings.VANGNET_SESSION_ABSOLUTE_SECONDS * 1000,
        "status_url": reverse("networks:offline_status"),
        "login_path": reverse("login"),
        "offline_title": _("Je bent offline"),
        "offline_text": _(
            "Deze pagina is niet op dit apparaat bewaard. Alleen de bijeenkomsten van deze en "
            "vorige week van je eigen vangnetwerken werken zonder verbinding."
        ),
        "offline_list": _("Deze bijeenkomsten kun je nu openen:"),
        "offline_none": _(
            "Er is nog geen bijeenkomst bewaard. Open Vangnet een keer met verbinding."
        ),
        "language": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
    }
    body: str = render_to_string("networks/offline/sw.js", context)
    # The cache names change with the worker's text and the files it keeps, so a new
    # release replaces what the phone kept.
    digest = hashlib.sha256(body.encode())
    for path in OFFLINE_STATIC:
        found = finders.find(path)
        if isinstance(found, str):
            with open(found, "rb") as file:
                digest.update(file.read())
    version = digest.hexdigest()[:12]
    body = body.replace("__VERSION__", version)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def offline_status(request: HttpRequest) -> JsonResponse:
    """Signed in or not (the phone removes its stored screens when not), the user's id (a
    save that waited is only sent for the user who made it), a CSRF token to send with, and
    with ?screens=1 the screens this phone may keep."""
    user: Any = request.user
    if not user.is_authenticated or getattr(user, "organisation_id", None) is None:
        return JsonResponse({"signed_in": False})
    data: dict[str, Any] = {"signed_in": True, "user": user.pk, "csrf": get_token(request)}
    if request.GET.get("screens") == "1":
        today = timezone.localdate()
        networks = offline_networks(user=user)
        for network in networks:  # as opening "deze week" does: the schedule up to now
            sessions_generate_from_schedule(network=network, until=today)
            if session_of_week(network=network, today=today) is None:
                sunday = today + dt.timedelta(days=6 - today.weekday())
                sessions_generate_from_schedule(network=network, until=sunday)
        data["screens"] = [
            {
                "url": screen.url,
                "network": screen.network_id,
                "label": screen.label,
                "week": screen.week,
            }
            for screen in offline_screens(networks=networks, today=today)
        ]
    return JsonResponse(data)


def _gone(text: str, status: int) -> JsonResponse:
    return JsonResponse({"status": "gone", "problems": [text]}, status=status)


def _errors(form: SessionRecordForm) -> list[str]:
    return [str(message) for messages in form.errors.values() for message in messages]


@require_POST
def offline_sync(request: MemberRequest, network_id: int, session_id: int) -> JsonResponse:
    try:
        network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
        session = session_get(network=network, session_id=session_id)
    except Http404:
        return _gone(
            _(
                "Deze bijeenkomst is er niet meer (verwijderd), of je kunt hem niet meer "
                "openen. Wat je offline invulde, is daarom niet opgeslagen."
            ),
            404,
        )
    except PermissionDenied:
        return _gone(_("Je mag deze bijeenkomst niet meer invullen. Er is niets opgeslagen."), 403)
    form = SessionRecordForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"status": "invalid", "problems": _errors(form)}, status=400)
    buurt = screen_form(session=session, data=request.POST)
    if problems := section_errors(buurt):  # "voor de buurt": nothing saved then
        return JsonResponse({"status": "invalid", "problems": problems}, status=400)
    data = form.cleaned_data
    names = resolve_newcomers(
        session=session,
        names=data["newcomers"],
        answers=request.POST,
        actor=request.user,
        request=request,
    )
    marks = names.marks_with_chosen(data["marks"])
    try:
        with transaction.atomic():  # the attendance and "voor de buurt" together
            synced = session_sync_offline(
                session=session,
                marks=marks,
                note=data.get("note") or "",
                base_marks=data["base_marks"],
                base_note=data.get("base_note") or "",
                base_version=data["base_version"],
                newcomers=names.newcomers,
                recorded_by=request.user,
                request=request,
            )
            buurt_saved = section_save(
                form=buurt, session=session, actor=request.user, request=request
            )
    except ValidationError as exc:
        return JsonResponse({"status": "invalid", "problems": exc.messages}, status=400)
    result = synced.result
    messages = [
        ngettext(
            "Opgeslagen: %(count)d aanwezig.",
            "Opgeslagen: %(count)d aanwezig.",
            result.present_count,
        )
        % {"count": result.present_count}
    ]
    if buurt_saved:
        messages.append(_("Wat het opleverde voor de buurt is opgeslagen."))
    if result.merged:
        messages.append(
            _(
                "Iemand anders had deze bijeenkomst intussen ook opgeslagen. Jullie "
                "aanvullingen zijn samengevoegd."
            )
        )
    attention = []
    if result.note_conflict:
        attention.append(
            _(
                "De notitie was intussen door iemand anders veranderd. Beide teksten staan nu "
                "in de notitie. Kijk of dat klopt."
            )
        )
    why = {
        ERASED: _(
            "is intussen uit Vangnet gewist; wat je bij deze persoon invulde, is niet opgeslagen."
        ),
    }
    other = _(
        "hoort niet (meer) bij dit vangnetwerk; wat je bij deze persoon invulde, is niet "
        "opgeslagen."
    )
    left_out = [
        {"participant": pid, "reason": why.get(code, other)}
        for pid, code in sorted(synced.left_out.items())
    ]
    overlap_text = _(
        "is intussen ook door iemand anders veranderd. Kijk op de bijeenkomst of het klopt."
    )
    # A typed name like a known person's: asked in the report, as the screen would ask.
    questions = pending_questions(names.pending)
    needs_attention = attention or left_out or synced.overlap or questions
    return JsonResponse(
        {
            "status": "attention" if needs_attention else "saved",
            "version": result.session.version,
            "present": result.present_count,
            "merged": result.merged,
            "messages": messages,
            "attention": attention,
            "left_out": left_out,
            "overlap": [{"participant": pid, "reason": overlap_text} for pid in synced.overlap],
            "questions": questions,
        }
    )


class LogoutView(auth_views.LogoutView):
    """Sign out and tell the browser to remove what it kept of this site: the stored
    session screens, the service worker and its caches, and the queue of unsent saves
    (the page sends that queue first, docs/privacy.md)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
