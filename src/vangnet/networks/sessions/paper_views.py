"""The paper attendance list of a session as a PDF (docs/session-screen.md, *Papier*).

Thin: ask core.permissions for the network (404 outside the user's scope, 403 without
Cap.RECORD_SESSIONS), read the list, write one audit record (the names leave Vangnet on
paper), render. Taking a filled-in list over is the session screen itself, opened with
`?van=papier` (views.session_record).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.networks.sessions.paper import paper_filename, paper_list, paper_pdf
from vangnet.networks.sessions.selectors import session_get


@require_GET
def session_paper(request: MemberRequest, network_id: int, session_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    session = session_get(network=network, session_id=session_id)
    paper = paper_list(session=session)
    audit_record(
        actor=request.user,
        action="export",
        obj=session,
        detail=f"papieren lijst, {len(paper.names)} namen",
        request=request,
    )
    response = HttpResponse(
        paper_pdf(paper, made_on=timezone.localdate()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{paper_filename(session)}"'
    response["Cache-Control"] = "private, no-store"
    return response
