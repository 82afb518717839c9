"""Pages: the self-service password reset, the user's e-mail preferences and the
organisation's reminder rules. Thin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.ratelimit import rate_limit
from vangnet.core.typing import MemberRequest
from vangnet.notifications import selectors, services
from vangnet.notifications.forms import (
    PasswordResetRequestForm,
    PreferencesForm,
    ReminderSettingsForm,
)


@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST":
        # Per client address, and per typed address: the same for known and unknown ones.
        limited = rate_limit(request, scope="password_reset")
        if limited is None and form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            limited = rate_limit(request, scope="password_reset", ident=f"mail:{email}")
        if limited is not None:
            return limited
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            email=form.cleaned_data["email"],
            base_url="" if settings.VANGNET_BASE_URL_SET else request.build_absolute_uri("/"),
        )
        return redirect("password_reset_done")
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/password_reset_form.html", {"form": form}, status=status)


@login_not_required
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_done.html")


@method_decorator(login_not_required, name="dispatch")
class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        type(form.user).objects.filter(pk=form.user.pk).update(must_change_password=False)
        return response


@method_decorator(login_not_required, name="dispatch")
class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices = selectors.reminder_choices(user)
    prefs = selectors.preferences_for(user)
    initial = {
        "on_kinds": [kind for kind, _label in choices if kind not in prefs.off_kinds],
        "weekly_digest": prefs.weekly_digest,
        "language": prefs.language,
    }
    form = PreferencesForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            on = set(form.cleaned_data["on_kinds"])
            try:
                services.preferences_save(
                    user=user,
                    off_kinds=[kind for kind, _label in choices if kind not in on],
                    weekly_digest=form.cleaned_data["weekly_digest"],
                    language=form.cleaned_data["language"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je keuzes voor e-mail zijn opgeslagen."))
                return redirect("notifications:preferences")
        return render(
            request,
            "notifications/preferences.html",
            {"form": form, "choices": choices},
            status=400,
        )
    context = {
        "form": form,
        "choices": choices,
        "can_rules": has_cap(user, Cap.MANAGE_REMINDERS),
    }
    return render(request, "notifications/preferences.html", context)


@require_http_methods(["GET", "POST"])
def reminder_settings(request: MemberRequest) -> HttpResponse:
    """The organisation's reminder rules, for the coordinator and the organisation admin."""
    require_cap(request.user, Cap.MANAGE_REMINDERS)
    organisation = request.user.organisation
    current = selectors.reminder_settings_for(organisation)
    initial = {name: getattr(current, name) for name in ReminderSettingsForm.base_fields}
    form = ReminderSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reminder_settings_save(
                    organisation=organisation, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De herinneringsregels zijn opgeslagen."))
                return redirect("notifications:reminder_settings")
        return render(request, "notifications/reminder_settings.html", {"form": form}, status=400)
    return render(request, "notifications/reminder_settings.html", {"form": form})
