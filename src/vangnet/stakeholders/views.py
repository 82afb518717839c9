"""The coordinator's pages for the parties around the networks: the list, a party, the
meetings with their agreements, the agreements overview (overdue first) and the export."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.confirm import confirm_delete
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap, visible_networks
from vangnet.core.typing import MemberRequest
from vangnet.exports.writers import xlsx_bytes
from vangnet.stakeholders import selectors, services
from vangnet.stakeholders.export import stakeholder_tables
from vangnet.stakeholders.forms import AgreementForm, AgreementRowForm, MeetingForm, PartyForm
from vangnet.stakeholders.models import AgreementStatus, StakeholderMeeting

CAP = Cap.MANAGE_STAKEHOLDERS
NEW_AGREEMENT_ROWS = 3
ROW_ERROR = re.compile(r"^agreement-(\d+)-(\w+)$")


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, CAP)
    today = timezone.localdate()
    return render(
        request,
        "stakeholders/index.html",
        {
            "parties": selectors.parties(user=request.user),
            "meetings": selectors.meetings(user=request.user)[:5],
            "overdue": selectors.overdue_count(user=request.user, today=today),
        },
    )


@require_GET
def party_detail(request: MemberRequest, party_id: int) -> HttpResponse:
    require_cap(request.user, CAP)
    party = selectors.party_for(request.user, party_id)
    # The contact person is a professional's personal data: every view is audited.
    audit_record(actor=request.user, action="view", obj=party, request=request)
    today = timezone.localdate()
    return render(
        request,
        "stakeholders/party_detail.html",
        {
            "party": party,
            "meetings": selectors.meetings(user=request.user, party=party),
            "overview": selectors.agreements_overview(user=request.user, today=today, party=party),
        },
    )


@require_http_methods(["GET", "POST"])
def party_edit(request: MemberRequest, party_id: int = 0) -> HttpResponse:
    require_cap(request.user, CAP)
    party = selectors.party_for(request.user, party_id) if party_id else None
    networks = visible_networks(request.user).order_by("name")
    status = 200
    if request.method == "POST":
        form = PartyForm(request.POST, networks=networks)
        if form.is_valid():
            try:
                party = services.party_save(
                    organisation=request.user.organisation,
                    actor=request.user,
                    party=party,
                    request=request,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("stakeholders:party", party_id=party.pk)
        status = 400
    elif party is not None:
        initial = {
            name: getattr(party, name)
            for name in (
                "name",
                "kind",
                "in_project_group",
                "in_sounding_board",
                "contact_name",
                "contact_email",
                "interest",
                "active",
            )
        }
        initial["networks"] = list(party.networks.all())
        form = PartyForm(initial=initial, networks=networks)
    else:
        form = PartyForm(networks=networks)
    return render(
        request, "stakeholders/party_form.html", {"form": form, "party": party}, status=status
    )


@require_http_methods(["GET", "POST"])
def party_delete(request: MemberRequest, party_id: int) -> HttpResponse:
    require_cap(request.user, CAP)
    party = selectors.party_for(request.user, party_id)
    return confirm_delete(
        request,
        question=_("Wil je de partij %(name)s verwijderen?") % {"name": party.name},
        back=reverse("stakeholders:party", args=[party.pk]),
        delete=lambda: services.party_delete(party=party, actor=request.user, request=request),
        done=_("De partij is verwijderd."),
        to="stakeholders:index",
    )


@require_GET
def meeting_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, CAP)
    return render(
        request,
        "stakeholders/meeting_list.html",
        {"meetings": selectors.meetings(user=request.user)},
    )


@require_GET
def meeting_detail(request: MemberRequest, party_meeting_id: int) -> HttpResponse:
    require_cap(request.user, CAP)
    meeting = selectors.meeting_for(request.user, party_meeting_id)
    audit_record(actor=request.user, action="view", obj=meeting, request=request)
    today = timezone.localdate()
    agreements = selectors.meeting_agreements(meeting)
    for agreement in agreements:
        agreement.overdue = selectors.is_overdue(agreement, today)  # type: ignore[attr-defined]
    return render(
        request,
        "stakeholders/meeting_detail.html",
        {"meeting": meeting, "agreements": agreements},
    )


@require_http_methods(["GET", "POST"])
def meeting_delete(request: MemberRequest, party_meeting_id: int) -> HttpResponse:
    require_cap(request.user, CAP)
    meeting = selectors.meeting_for(request.user, party_meeting_id)
    count = meeting.agreements.count()
    question = _("Wil je het overleg van %(day)s over “%(subject)s” verwijderen?") % {
        "day": date_format(meeting.date, "j F Y"),
        "subject": meeting.subject,
    }
    if count:
        question += " " + ngettext(
            "De %(count)d afspraak van dit overleg gaat ook weg.",
            "De %(count)d afspraken van dit overleg gaan ook weg.",
            count,
        ) % {"count": count}
    return confirm_delete(
        request,
        question=question,
        back=reverse("stakeholders:meeting", args=[meeting.pk]),
        delete=lambda: services.meeting_delete(
            meeting=meeting, actor=request.user, request=request
        ),
        done=_("Het overleg is verwijderd."),
        to="stakeholders:meetings",
    )


def _row_forms(request: MemberRequest, parties) -> list[AgreementRowForm]:
    data = request.POST if request.method == "POST" else None
    return [
        AgreementRowForm(data, prefix=f"agreement-{number}", parties=parties)
        for number in range(NEW_AGREEMENT_ROWS)
    ]


def _meeting_initial(meeting: StakeholderMeeting | None) -> dict:
    if meeting is None:
        return {"date": timezone.localdate()}
    return {
        "date": meeting.date,
        "kind": meeting.kind,
        "subject": meeting.subject,
        "notes": meeting.notes,
        "parties": list(meeting.parties.all()),
        "networks": list(meeting.networks.all()),
    }


@require_http_methods(["GET", "POST"])
def meeting_edit(request: MemberRequest, party_meeting_id: int = 0) -> HttpResponse:
    """Record a meeting (or change one) with up to three new agreements on one page."""
    require_cap(request.user, CAP)
    meeting = selectors.meeting_for(request.user, party_meeting_id) if party_meeting_id else None
    parties = selectors.party_choices(user=request.user)
    networks = visible_networks(request.user).order_by("name")
    rows = _row_forms(request, parties)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, parties=parties, networks=networks)
        rows_valid = all([row.is_valid() for row in rows])
        if form.is_valid() and rows_valid:
            filled = [row for row in rows if row.cleaned_data.get("text")]
            try:
                meeting = services.meeting_save(
                    organisation=request.user.organisation,
                    actor=request.user,
                    meeting=meeting,
                    request=request,
                    agreements=[
                        services.NewAgreement(
                            text=row.cleaned_data["text"],
                            owner=row.cleaned_data.get("owner"),
                            due_date=row.cleaned_data.get("due_date"),
                        )
                        for row in filled
                    ],
                    **form.cleaned_data,
                )
            except ValidationError as error:
                _service_errors(form, filled, error)
            else:
                messages.success(request, _("Het overleg is opgeslagen."))
                return redirect("stakeholders:meeting", party_meeting_id=meeting.pk)
        status = 400
    else:
        form = MeetingForm(initial=_meeting_initial(meeting), parties=parties, networks=networks)
    return render(
        request,
        "stakeholders/meeting_form.html",
        {"form": form, "rows": rows, "meeting": meeting, "has_parties": parties.exists()},
        status=status,
    )


def _service_errors(
    form: MeetingForm, filled: list[AgreementRowForm], error: ValidationError
) -> None:
    """The service's messages on the meeting form or on the agreement row they are about."""
    general: dict[str, list[str]] = {}
    for key, texts in error.message_dict.items():
        match = ROW_ERROR.match(key)
        if match and int(match[1]) < len(filled):
            row = filled[int(match[1])]
            row.add_error(match[2] if match[2] in row.fields else None, texts)
        else:
            general[key] = texts
    if general:
        add_service_errors(form, ValidationError(general))


@require_http_methods(["GET", "POST"])
def agreement_edit(request: MemberRequest, party_agreement_id: int) -> HttpResponse:
    """Change an agreement or record its follow-up (done or dropped, and when)."""
    require_cap(request.user, CAP)
    agreement = selectors.agreement_for(request.user, party_agreement_id)
    parties = selectors.party_choices(user=request.user)
    status = 200
    if request.method == "POST":
        form = AgreementForm(request.POST, parties=parties)
        if form.is_valid():
            try:
                services.agreement_update(
                    agreement=agreement, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De afspraak is opgeslagen."))
                return redirect("stakeholders:agreements")
        status = 400
    else:
        form = AgreementForm(
            initial={
                "text": agreement.text,
                "owner": agreement.owner,
                "due_date": agreement.due_date,
                "status": agreement.status,
                "done_on": agreement.done_on,
            },
            parties=parties,
        )
    return render(
        request,
        "stakeholders/agreement_form.html",
        {"form": form, "agreement": agreement, "meeting": agreement.meeting},
        status=status,
    )


@require_GET
def agreements(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, CAP)
    overview = selectors.agreements_overview(user=request.user, today=timezone.localdate())
    return render(
        request,
        "stakeholders/agreements.html",
        {"overview": overview, "statuses": dict(AgreementStatus.choices)},
    )


@require_GET
def export(request: MemberRequest) -> HttpResponse:
    """The parties, meetings and agreements as one XLSX file (audited)."""
    require_cap(request.user, CAP)
    today = timezone.localdate()
    tables = stakeholder_tables(user=request.user, today=today)
    audit_record(
        actor=request.user,
        action="export",
        object_type="stakeholders",
        detail=f"partijen: {len(tables[0].rows)}, overleggen: {len(tables[1].rows)}",
        request=request,
    )
    response = HttpResponse(
        xlsx_bytes(tables),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="partijen-{today}.xlsx"'
    return response
