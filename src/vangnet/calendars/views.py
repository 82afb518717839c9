"""The calendar page (make, renew or revoke the secret address) and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.calendars import services
from vangnet.calendars.feed import calendar_for
from vangnet.calendars.models import CalendarFeed
from vangnet.core.typing import MemberRequest
from vangnet.notifications.mail import language_for


@require_http_methods(["GET", "POST"])
def page(request: MemberRequest) -> HttpResponse:
    new_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token = services.feed_create(user=request.user, request=request)
            new_url = request.build_absolute_uri(reverse("calendars:feed", args=[token]))
        elif action == "revoke":
            services.feed_revoke(user=request.user, request=request)
            messages.success(request, _("De agendalink werkt niet meer."))
            return redirect("calendars:page")
        else:
            messages.error(request, _("Kies wat je wilt doen."))
            return redirect("calendars:page")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "calendars/page.html", {"feed": feed, "new_url": new_url})


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=services.token_hash(token), user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    CalendarFeed.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    body = calendar_for(user=found.user, language=language_for(found.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="vangnet.ics"'
    return response
