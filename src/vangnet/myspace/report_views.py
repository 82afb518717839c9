"""The participant reads their interview report and answers it (the member check, from
their side): on their own phone, or on the worker's device in tablet mode."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from vangnet.audit.services import audit_record
from vangnet.core.permissions import pk_or_404
from vangnet.interviews.models import InterviewReport
from vangnet.interviews.report_services import report_answer_by_participant
from vangnet.myspace.forms import ReportAnswerForm
from vangnet.myspace.selectors import own_reports
from vangnet.organisations.models import User
from vangnet.participants.models import Participant

THANKS = {
    "agree": gettext_lazy("Dank je. Je zei: dit klopt."),
    "corrections": gettext_lazy("Dank je. Je begeleider past het verslag aan."),
    "decline": gettext_lazy("Dank je. Je zei: dit klopt niet."),
}


def report_page(
    request: HttpRequest,
    *,
    participant: Participant,
    device_user: User | None,
    context: Mapping[str, object],
) -> HttpResponse:
    form = ReportAnswerForm(request.POST or None)
    if request.method == "POST":
        report = InterviewReport.objects.filter(
            pk=pk_or_404(request.POST.get("report")), interview__participant=participant
        ).first()
        if report is None:
            raise Http404
        if form.is_valid():
            answer = form.cleaned_data["answer"]
            try:
                report_answer_by_participant(
                    report=report,
                    participant=participant,
                    answer=answer,
                    note=form.cleaned_data["note"],
                    device_user=device_user,
                    request=request,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, str(THANKS[answer]))
                return redirect(request.path)
    reports = own_reports(participant=participant)
    audit_record(
        actor=device_user,
        action="view",
        obj=participant,
        detail="mijn vangnet verslag door deelnemer zelf",
        request=request,
        organisation=participant.organisation,
    )
    status = 400 if request.method == "POST" else 200
    page = {**context, "reports": reports, "form": form}
    return render(request, "myspace/reports.html", page, status=status)
