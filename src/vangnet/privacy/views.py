"""Privacy pages: a participant's data export and erasure (data-subject rights), consent
records, and the organisation's security settings with two-factor reset."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, participant_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.exports.document_services import document_job_request
from vangnet.exports.models import ExportKind
from vangnet.myspace.consent_selectors import worker_purposes
from vangnet.organisations import selectors as org_selectors
from vangnet.privacy import services
from vangnet.privacy.forms import ConsentForm, EraseForm, SecuritySettingsForm
from vangnet.privacy.models import ConsentRecord, ErasureRecord
from vangnet.privacy.scrub import REDACTED, name_mentions
from vangnet.privacy.selectors import data_subject_for, person_export_data


def person_export(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = data_subject_for(request.user, participant_id)
    data = person_export_data(participant=participant)
    audit_record(
        actor=request.user, action="export", obj=participant, detail="html", request=request
    )
    return render(
        request,
        "privacy/person_export.html",
        {"participant": participant, "data": data, "now": timezone.localtime()},
    )


def person_export_json(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = data_subject_for(request.user, participant_id)
    data = person_export_data(participant=participant)
    audit_record(
        actor=request.user, action="export", obj=participant, detail="json", request=request
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="deelnemer-{participant.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def person_export_pdf(request: MemberRequest, participant_id: int) -> HttpResponse:
    """POST starts the PDF of the export as an export job (the worker makes it, the
    exports' progress page shows it and offers the file); GET goes back to the page."""
    participant = data_subject_for(request.user, participant_id)
    back = reverse("privacy:export", args=[participant.pk])
    if request.method == "GET":
        return redirect(back)
    job = document_job_request(
        user=request.user,
        kind=ExportKind.PERSON_EXPORT,
        params={"participant_id": participant.pk},
        back=back,
    )
    return redirect("exports:job", job_id=job.pk)


# The kinds of text `scrub.name_mentions` reports, as the erase page names them.
MENTION_LABELS = {
    "logboek": gettext_lazy("het logboek"),
    "bijeenkomsten": gettext_lazy("notities bij bijeenkomsten en fasen"),
    "bijdragen": gettext_lazy("zelf getypte bijdragen bij bijeenkomsten"),
    "activiteiten": gettext_lazy("activiteiten en hun taken"),
    "deelnemers": gettext_lazy("notities bij andere deelnemers"),
    "nabellen": gettext_lazy("uitkomsten van nabellen"),
    "steun": gettext_lazy("notities bij steun"),
    "netwerkkaarten": gettext_lazy("netwerkkaarten en netwerkgesprekken"),
    "evaluatie": gettext_lazy("de evaluatie van het vangnetwerk"),
    "gesprekken": gettext_lazy("evaluatiegesprekken en vragenlijsten"),
    "praktijkgemeenschap": gettext_lazy("de praktijkgemeenschap"),
    "geld": gettext_lazy("omschrijvingen van uitgaven en inkomsten"),
    "huisregels": gettext_lazy("de huisregels"),
    "partijen": gettext_lazy("overleggen en afspraken met partijen"),
    "voor de buurt": gettext_lazy("wat activiteiten voor de buurt opleverden"),
}


def person_erase(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = data_subject_for(request.user, participant_id)
    already = ErasureRecord.objects.filter(participant=participant).exists()
    form = EraseForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.person_erase(participant=participant, actor=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De gegevens van deze deelnemer zijn verwijderd."))
            return redirect("privacy:erase", participant_id=participant.pk)
    # The page shows the person's name: a read of personal data.
    audit_record(
        actor=request.user, action="view", obj=participant, detail="erase", request=request
    )
    mentions = [] if already else sorted(name_mentions(participant=participant).items())
    return render(
        request,
        "privacy/person_erase.html",
        {
            "participant": participant,
            "form": form,
            "already": already,
            "mentions": [(MENTION_LABELS.get(kind, kind), count) for kind, count in mentions],
            "redacted": REDACTED,
        },
        status=400 if request.method == "POST" and not already else 200,
    )


def consents(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST":
        withdraw = request.POST.get("withdraw")
        if withdraw is not None:
            consent = _consent_of(participant, withdraw)
            try:
                services.consent_withdraw(consent=consent, actor=request.user, request=request)
                messages.success(request, _("De toestemming is ingetrokken."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("privacy:consents", participant_id=participant.pk)
        if form.is_valid():
            try:
                services.consent_record(
                    participant=participant,
                    actor=request.user,
                    request=request,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De toestemming is opgeslagen."))
                return redirect("privacy:consents", participant_id=participant.pk)
    audit_record(
        actor=request.user, action="view", obj=participant, detail="consents", request=request
    )
    records = ConsentRecord.objects.filter(participant=participant).select_related("recorded_by")
    purposes = worker_purposes(participant=participant)
    return render(
        request,
        "privacy/consents.html",
        {"participant": participant, "form": form, "records": records, "purposes": purposes},
        status=400 if request.method == "POST" else 200,
    )


def _consent_of(participant, consent_id) -> ConsentRecord:
    try:
        return ConsentRecord.objects.get(participant=participant, pk=int(consent_id))
    except (ValueError, TypeError, OverflowError, ConsentRecord.DoesNotExist) as exc:
        raise Http404 from exc


def security_settings(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    row = services.security_settings_for(organisation=organisation)
    form = SecuritySettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.security_settings_update(
            organisation=organisation,
            require_two_factor_for_all=form.cleaned_data["require_two_factor_for_all"],
            uses_photos=form.cleaned_data["uses_photos"],
            actor=request.user,
            request=request,
        )
        messages.success(request, _("De beveiligingsinstellingen zijn opgeslagen."))
        return redirect("privacy:security_settings")
    users = list(org_selectors.organisation_users(organisation=organisation))
    with_device = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    return render(
        request,
        "privacy/security_settings.html",
        {"form": form, "accounts": [(u, u.pk in with_device) for u in users]},
    )


@require_POST
def twofactor_reset(request: MemberRequest, user_id: int) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    account = (
        org_selectors.organisation_users(organisation=request.user.organisation)
        .filter(pk=user_id)
        .first()
    )
    if account is None:
        raise Http404
    services.twofactor_reset(user=account, actor=request.user, request=request)
    messages.success(
        request,
        _(
            "Tweestapsverificatie van %(name)s is gewist. Bij de volgende keer inloggen stelt "
            "deze persoon het opnieuw in."
        )
        % {"name": account},
    )
    return redirect("privacy:security_settings")
