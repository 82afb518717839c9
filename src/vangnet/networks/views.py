"""Network pages. Thin: parse input, call a selector or service, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vangnet.core.permissions import Cap, network_for, require_cap, visible_networks


def network_list(request: HttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_NETWORK)
    networks = visible_networks(request.user).select_related(
        "location", "lead_worker", "backup_worker"
    )
    return render(request, "networks/network_list.html", {"networks": networks})


def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id)
    return render(request, "networks/network_detail.html", {"network": network})
