"""The session screen (in progress)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from vangnet.core.permissions import Cap, network_for


def session_current(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    return redirect("networks:detail", network.pk)
