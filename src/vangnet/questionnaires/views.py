"""Coordinator pages for questionnaire templates (MANAGE_QUESTIONNAIRES, own organisation).

Thin: parse, call a service, render. Every edit goes through the versioning services: when
the current version already has answers a new version is made and the page says so.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.forms import ItemForm, MoveForm, SectionForm, TemplateForm
from vangnet.questionnaires.template_services import parse_choices


def _org(request: MemberRequest):
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    return request.user.organisation


def _version_url(template) -> str:
    version = selectors.current_version(template=template)
    return reverse(
        "questionnaires:version_detail",
        kwargs={"questionnaire_id": template.pk, "version_number": version.number},
    )


def _after_edit(request: MemberRequest, template, before: int) -> HttpResponse:
    version = selectors.current_version(template=template)
    if version.number != before:
        messages.info(
            request,
            _(
                "Versie %(old)s is al ingevuld. Daarom is versie %(new)s gemaakt met je "
                "wijziging. Gegeven antwoorden blijven bij versie %(old)s."
            )
            % {"old": before, "new": version.number},
        )
    else:
        messages.success(request, _("Opgeslagen."))
    return redirect(_version_url(template))


def _not_current(request: MemberRequest, template, version) -> HttpResponse | None:
    """Only the newest version can change; an older one sends the user to the newest."""
    if version.pk != selectors.current_version(template=template).pk:
        messages.warning(
            request, _("Dit is een oude versie. Je kunt alleen de nieuwste versie veranderen.")
        )
        return redirect(_version_url(template))
    return None


@require_http_methods(["GET"])
def template_list(request: MemberRequest) -> HttpResponse:
    organisation = _org(request)
    templates = selectors.templates_for(organisation=organisation)
    has_default = templates.filter(key="evaluatiegesprek").exists()
    return render(
        request,
        "questionnaires/template_list.html",
        {"templates": templates, "has_default": has_default},
    )


@require_POST
def default_ensure(request: MemberRequest) -> HttpResponse:
    organisation = _org(request)
    template = services.default_template_ensure(organisation=organisation)
    messages.success(request, _("De standaardvragenlijst staat klaar."))
    return redirect(_version_url(template))


@require_http_methods(["GET", "POST"])
def template_create(request: MemberRequest) -> HttpResponse:
    organisation = _org(request)
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                key=form.cleaned_data["key"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vragenlijst is gemaakt. Voeg nu onderdelen toe."))
            return redirect(_version_url(template))
    status = 400 if form.errors else 200
    return render(request, "questionnaires/template_form.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def template_detail(request: MemberRequest, questionnaire_id: int) -> HttpResponse:
    organisation = _org(request)
    template = selectors.template_for(organisation=organisation, template_id=questionnaire_id)
    return redirect(_version_url(template))


@require_http_methods(["GET"])
def version_detail(request: MemberRequest, questionnaire_id: int, version_number: int):
    organisation = _org(request)
    template = selectors.template_for(organisation=organisation, template_id=questionnaire_id)
    version = selectors.version_for(template=template, number=version_number)
    versions = list(selectors.versions_of(template=template))
    current = versions[0] if versions else version
    response_count = next((v.response_count for v in versions if v.pk == version.pk), 0)
    return render(
        request,
        "questionnaires/version_detail.html",
        {
            "template": template,
            "version": version,
            "versions": versions,
            "is_current": version.pk == current.pk,
            "response_count": response_count,
            "sections": selectors.version_structure(version=version),
        },
    )


def _section_form_page(request, form, *, template, section=None, status=200):
    return render(
        request,
        "questionnaires/section_form.html",
        {"form": form, "template": template, "section": section},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def section_create(request: MemberRequest, questionnaire_id: int) -> HttpResponse:
    organisation = _org(request)
    template = selectors.template_for(organisation=organisation, template_id=questionnaire_id)
    form = SectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        before = selectors.current_version(template=template).number
        try:
            services.section_add(template=template, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_edit(request, template, before)
    return _section_form_page(request, form, template=template, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def section_edit(request: MemberRequest, qsection_id: int) -> HttpResponse:
    organisation = _org(request)
    section = selectors.section_for(organisation=organisation, section_id=qsection_id)
    template = section.version.template
    if (moved := _not_current(request, template, section.version)) is not None:
        return moved
    initial = {f: getattr(section, f) for f in ("title_nl", "title_en", "help_nl", "help_en")}
    form = SectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        before = section.version.number
        try:
            services.section_edit(section=section, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_edit(request, template, before)
    return _section_form_page(
        request, form, template=template, section=section, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def section_delete(request: MemberRequest, qsection_id: int) -> HttpResponse:
    organisation = _org(request)
    section = selectors.section_for(organisation=organisation, section_id=qsection_id)
    template = section.version.template
    if (moved := _not_current(request, template, section.version)) is not None:
        return moved
    if request.method == "POST":
        before = section.version.number
        services.section_remove(section=section, by=request.user)
        return _after_edit(request, template, before)
    return render(
        request,
        "questionnaires/confirm_delete.html",
        {"template": template, "what": section.title, "count": section.items.count()},
    )


def _item_data(form: ItemForm) -> dict:
    data = dict(form.cleaned_data)
    data["choices"] = parse_choices(data.get("choices") or "")
    return data


def _item_form_page(request, form, *, template, section, item=None, status=200):
    return render(
        request,
        "questionnaires/item_form.html",
        {"form": form, "template": template, "section": section, "item": item},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def item_create(request: MemberRequest, qsection_id: int) -> HttpResponse:
    organisation = _org(request)
    section = selectors.section_for(organisation=organisation, section_id=qsection_id)
    template = section.version.template
    if (moved := _not_current(request, template, section.version)) is not None:
        return moved
    form = ItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        before = section.version.number
        try:
            services.item_add(section=section, by=request.user, **_item_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_edit(request, template, before)
    return _item_form_page(
        request, form, template=template, section=section, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def item_edit(request: MemberRequest, qitem_id: int) -> HttpResponse:
    organisation = _org(request)
    item = selectors.item_for(organisation=organisation, item_id=qitem_id)
    template = item.section.version.template
    if (moved := _not_current(request, template, item.section.version)) is not None:
        return moved
    form = ItemForm(
        request.POST if request.method == "POST" else None, initial=ItemForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        before = item.section.version.number
        try:
            services.item_edit(item=item, by=request.user, **_item_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_edit(request, template, before)
    return _item_form_page(
        request,
        form,
        template=template,
        section=item.section,
        item=item,
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def item_delete(request: MemberRequest, qitem_id: int) -> HttpResponse:
    organisation = _org(request)
    item = selectors.item_for(organisation=organisation, item_id=qitem_id)
    template = item.section.version.template
    if (moved := _not_current(request, template, item.section.version)) is not None:
        return moved
    if request.method == "POST":
        before = item.section.version.number
        services.item_remove(item=item, by=request.user)
        return _after_edit(request, template, before)
    return render(
        request,
        "questionnaires/confirm_delete.html",
        {"template": template, "what": item.text, "count": 0},
    )


@require_POST
def item_move(request: MemberRequest, qitem_id: int) -> HttpResponse:
    organisation = _org(request)
    item = selectors.item_for(organisation=organisation, item_id=qitem_id)
    template = item.section.version.template
    if (moved := _not_current(request, template, item.section.version)) is not None:
        return moved
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies omhoog of omlaag."))
        return redirect(_version_url(template))
    before = item.section.version.number
    services.item_move(item=item, direction=form.cleaned_data["direction"], by=request.user)
    return _after_edit(request, template, before)


@require_POST
def section_move(request: MemberRequest, qsection_id: int) -> HttpResponse:
    organisation = _org(request)
    section = selectors.section_for(organisation=organisation, section_id=qsection_id)
    template = section.version.template
    if (moved := _not_current(request, template, section.version)) is not None:
        return moved
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies omhoog of omlaag."))
        return redirect(_version_url(template))
    before = section.version.number
    services.section_move(
        section=section, direction=form.cleaned_data["direction"], by=request.user
    )
    return _after_edit(request, template, before)
