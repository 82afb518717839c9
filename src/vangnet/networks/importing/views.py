"""The attendance import page: upload, check (optional), import. Thin: the work is done by
vangnet.networks.importing.checking, which the command line uses too."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for
from vangnet.networks.importing.checking import attendance_import_check
from vangnet.networks.importing.forms import AttendanceImportForm
from vangnet.networks.importing.names import choices_from_post
from vangnet.networks.importing.reading import COLUMNS, ImportRejected
from vangnet.networks.importing.writing import attendance_import

RESULT_KEY = "vangnet_import_result"
SHOW_ERRORS = 500


@require_http_methods(["GET", "POST"])
def attendance_import_view(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.IMPORT_ATTENDANCE)
    context = {"network": network, "columns": list(COLUMNS)}
    if request.method == "GET":
        results = request.session.pop(RESULT_KEY, {})
        context["result"] = results.get(str(network.pk)) if isinstance(results, dict) else None
        context["form"] = AttendanceImportForm()
        return render(request, "networks/import_form.html", context)

    form = AttendanceImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "networks/import_form.html", context)
    upload = form.cleaned_data["file"]
    create = form.cleaned_data["create_participants"]
    choices = choices_from_post(request.POST)
    if request.POST.get("action") == "import":
        try:
            result = attendance_import(
                network=network,
                source=upload,
                filename=upload.name,
                create_participants=create,
                actor=request.user,
                request=request,
                name_choices=choices,
            )
        except ImportRejected as exc:
            context["errors"] = exc.row_errors
            # Which names still need a choice: the check (reads only) says so.
            check = attendance_import_check(
                network=network,
                source=upload,
                filename=upload.name,
                create_participants=create,
                name_choices=choices,
            )
            context["questions"] = list(check.questions.values())
        else:
            request.session[RESULT_KEY] = {str(network.pk): result.as_dict()}
            messages.success(request, _("Het bestand is geïmporteerd."))
            return redirect("networks:import", network.pk)
    else:
        check = attendance_import_check(
            network=network,
            source=upload,
            filename=upload.name,
            create_participants=create,
            name_choices=choices,
        )
        context["errors"] = check.errors
        context["questions"] = list(check.questions.values())
        context["summary"] = check.summary
        context["new_names"] = sorted(check.new_names.values(), key=str.casefold)
    errors: Any = context.get("errors") or []
    context["shown_errors"] = errors[:SHOW_ERRORS]
    context["hidden_errors"] = max(0, len(errors) - SHOW_ERRORS)
    context["checked_name"] = upload.name
    context["create_participants"] = create
    questions: Any = context.get("questions") or []
    if questions:
        audit_record(
            actor=request.user,
            action="view",
            object_type="participants.participant",
            object_id=network.pk,
            detail=f"naamcontrole import: {len(questions)}",
            request=request,
        )
    return render(request, "networks/import_form.html", context)


@require_GET
def attendance_import_template(request: HttpRequest, network_id: int) -> HttpResponse:
    """An empty file with the header row, to fill in with a spreadsheet program."""
    network_for(request.user, network_id, Cap.IMPORT_ATTENDANCE)
    response = HttpResponse(
        "\ufeff" + ";".join(COLUMNS) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="aanwezigheid.csv"'
    return response
