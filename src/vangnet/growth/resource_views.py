"""The resource library of the community of practice: handbook chapters, articles, training
material and videos, as files kept here or links that open on their own site."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.confirm import confirm_delete
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.growth import selectors, services
from vangnet.growth.files import MP4, SUFFIX, WEBM, resource_storage
from vangnet.growth.forms import ResourceForm, SearchForm

LIMIT = 100


@require_GET
def resources(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    form = SearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["soort"]
    items = selectors.resources(organisation=request.user.organisation, query=query, kind=kind)
    return render(
        request,
        "growth/resources.html",
        {
            "form": form,
            "items": list(items[:LIMIT]),
            "limit": LIMIT,
            "searching": bool(query or kind),
            "can_edit_all": selectors.coaches_all(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _resource_form(request: MemberRequest, resource: Any = None) -> HttpResponse:
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.resource_save(
                    actor=request.user,
                    title=data["title"],
                    kind=data["kind"],
                    description=data["description"],
                    link=data["link"],
                    upload=data["file"] or None,
                    remove_file=data["remove_file"],
                    resource=resource,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De bron is opgeslagen."))
                return redirect("growth:resources")
        status = 400
    else:
        initial = {}
        if resource is not None:
            initial = {
                "title": resource.title,
                "kind": resource.kind,
                "description": resource.description,
                "link": resource.link,
            }
        form = ResourceForm(initial=initial)
        status = 200
    return render(
        request,
        "growth/resource_form.html",
        {"form": form, "resource": resource},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def resource_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    return _resource_form(request)


def _editable(request: MemberRequest, resource_id: int) -> Any:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    resource = selectors.resource_for(user=request.user, resource_id=resource_id)
    if not services.may_edit_resource(request.user, resource):
        raise PermissionDenied
    return resource


@require_http_methods(["GET", "POST"])
def resource_edit(request: MemberRequest, resource_id: int) -> HttpResponse:
    return _resource_form(request, _editable(request, resource_id))


@require_http_methods(["GET", "POST"])
def resource_delete(request: MemberRequest, resource_id: int) -> HttpResponse:
    resource = _editable(request, resource_id)
    return confirm_delete(
        request,
        question=_("Wil je de bron “%(title)s” verwijderen?") % {"title": resource.title},
        back=reverse("growth:resource_edit", args=[resource.pk]),
        delete=lambda: services.resource_delete(
            resource=resource, actor=request.user, request=request
        ),
        done=_("De bron is verwijderd."),
        to="growth:resources",
    )


@require_GET
def resource_file(request: MemberRequest, resource_id: int) -> FileResponse:
    """The file, only after the permission check; a video plays in the page's own player,
    anything else is downloaded."""
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    resource = selectors.resource_for(user=request.user, resource_id=resource_id)
    if not resource.file or not resource_storage.exists(resource.file.name):
        raise Http404
    inline = resource.file_type in (MP4, WEBM)
    response = FileResponse(
        resource_storage.open(resource.file.name, "rb"),
        content_type=resource.file_type,
        as_attachment=not inline,
        filename=f"bron-{resource.pk}.{SUFFIX[resource.file_type]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
