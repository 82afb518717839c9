"""Ask before deleting: one page for every "really delete?" question."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def confirm_delete(
    request: HttpRequest,
    *,
    question: str,
    back: str,
    delete: Callable[[], None],
    done: str,
    to: str,
) -> HttpResponse:
    """Ask first; a POST with the confirmation deletes, without it shows the question (400).
    A `ValidationError` from `delete` (it may not be deleted) is shown on the same page."""
    refused = ""
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            delete()
        except ValidationError as error:
            refused = " ".join(error.messages)
        else:
            messages.success(request, done)
            return redirect(to)
    return render(
        request,
        "core/confirm_delete.html",
        {"question": question, "back": back, "refused": refused},
        status=400 if request.method == "POST" else 200,
    )
