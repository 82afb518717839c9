"""Filling in a response on a page, the one flow every place that offers a questionnaire
uses (a worker's questionnaire, an evaluation interview): the form of the response's
version, "Klaar" completes and "Tussendoor opslaan" keeps a partial answer, the owning
app's service saves, and its Dutch errors land on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.core.forms import add_service_errors
from vangnet.questionnaires.forms import ResponseForm
from vangnet.questionnaires.models import Response

Save = Callable[[dict[str, Any], bool], object]  # (cleaned data, complete) -> anything


def response_form_submit(
    request: HttpRequest, *, response: Response, save: Save
) -> tuple[ResponseForm, bool]:
    """The response's form, bound on POST, and whether `save` stored it (then the caller
    redirects). A service's ValidationError becomes form errors; success is a message."""
    form = ResponseForm(
        version=response.version,
        response=response,
        data=request.POST if request.method == "POST" else None,
    )
    if request.method != "POST" or not form.is_valid():
        return form, False
    complete = "klaar" in request.POST
    try:
        save(form.cleaned_data, complete)
    except ValidationError as error:
        add_service_errors(form, error)
        return form, False
    messages.success(
        request, _("De vragenlijst is ingevuld.") if complete else _("De antwoorden zijn bewaard.")
    )
    return form, True
