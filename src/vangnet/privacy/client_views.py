"""Data-subject rights of a network-support client: their data as a page or JSON, and
erasure (vangnet.privacy.client_rights)."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.typing import MemberRequest
from vangnet.myspace.consent_selectors import worker_purposes
from vangnet.privacy.client_rights import client_erase, client_export_data, client_subject_for
from vangnet.privacy.forms import EraseForm
from vangnet.privacy.models import ConsentRecord
from vangnet.support.map_selectors import client_for


@require_GET
def client_export(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_subject_for(request.user, client_id)
    data = client_export_data(client=client)
    audit_record(actor=request.user, action="export", obj=client, detail="html", request=request)
    return render(
        request,
        "privacy/client_export.html",
        {"client": client, "data": data, "now": timezone.localtime()},
    )


@require_GET
def client_export_json(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_subject_for(request.user, client_id)
    data = client_export_data(client=client)
    audit_record(actor=request.user, action="export", obj=client, detail="json", request=request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def client_erase_page(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_subject_for(request.user, client_id)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client_erase(client=client, actor=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De gegevens van deze cliënt zijn verwijderd."))
            return redirect("support:client_list")
    audit_record(actor=request.user, action="view", obj=client, detail="erase", request=request)
    return render(
        request,
        "privacy/client_erase.html",
        {"client": client, "form": form, "maps": client.network_maps.count()},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def client_consents(request: MemberRequest, client_id: int) -> HttpResponse:
    """The client's consent per purpose, as the client gave or withdrew it (in Mijn Vangnet
    or through the worker): what holds now and the records, for the client's own worker
    and backup worker. Read only: the client decides (`/mijn/toestemming/`)."""
    client = client_for(request.user, client_id)
    audit_record(actor=request.user, action="view", obj=client, detail="consents", request=request)
    records = ConsentRecord.objects.filter(client=client).select_related("recorded_by")
    return render(
        request,
        "privacy/client_consents.html",
        {"client": client, "records": records, "purposes": worker_purposes(client=client)},
    )
