"""The benchmark pages: the bands beside the viewer's own networks, and taking part (the
organisation's administrator). Thin: capability, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.benchmark.charts import bands_svg, value_text
from vangnet.benchmark.forms import ChooseForm, ParticipationForm
from vangnet.benchmark.metrics import METRIC_KEYS, METRICS, PERCENTILES
from vangnet.benchmark.selectors import (
    benchmark_view,
    metric_titles,
    participation_of,
    phase_choices,
)
from vangnet.benchmark.services import participation_save, participation_withdraw
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.typing import MemberRequest


def sees_without_taking_part(user) -> bool:
    """A viewer without networks of their own (a knowledge institute) sees the benchmark as
    it is; an organisation's coordinator only while the organisation takes part."""
    return not has_cap(user, Cap.VIEW_NETWORK)


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_BENCHMARK)
    form = ChooseForm(request.GET or None, today=timezone.localdate())
    year, quarter, phase = form.chosen()
    own = None if sees_without_taking_part(request.user) else request.user.organisation
    view = benchmark_view(organisation=own, year=year, quarter=quarter, phase=phase)
    shown = view.own_participates or own is None
    phases = dict(phase_choices())
    chart = None
    if shown:
        chart = bands_svg(
            chart_id="benchmark",
            title=_("Benchmark %(quarter)s, %(phase)s")
            % {"quarter": f"K{quarter} {year}", "phase": phases[phase]},
            desc=_(
                "Per onderdeel: licht de middelste 80%% van de netwerken, donker de middelste "
                "50%%, een streep bij de mediaan; rode stippen zijn je eigen netwerken."
            ),
            bands=view.bands,
        )
    table = [
        {
            "band": band,
            "percentiles": [value_text(band.spec, band.percentiles.get(p)) for p in PERCENTILES],
        }
        for band in view.bands
    ]
    titles = metric_titles()
    own_table = [
        {
            "name": network.name,
            "phase": phases.get(network.phase, network.phase),
            "values": [value_text(METRICS[key], network.values.get(key)) for key in METRIC_KEYS],
        }
        for network in view.own_networks
    ]
    return render(
        request,
        "benchmark/index.html",
        {
            "form": form,
            "view": view,
            "shown": shown,
            "chart": chart,
            "table": table,
            "percentiles": PERCENTILES,
            "metric_titles": [titles[key] for key in METRIC_KEYS],
            "own_table": own_table,
            "phase_label": phases[phase],
        },
    )


@require_http_methods(["GET", "POST"])
def participation(request: MemberRequest) -> HttpResponse:
    """The administrator takes part, chooses to be named, or withdraws."""
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    current = participation_of(request.user.organisation)
    form = ParticipationForm(
        request.POST or None, initial={"named": current.named if current else False}
    )
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                participation_withdraw(user=request.user)
                messages.success(request, _("Je organisatie doet niet meer mee aan de benchmark."))
                return redirect("benchmark:participation")
            if form.is_valid():
                participation_save(user=request.user, named=form.cleaned_data["named"])
                messages.success(request, _("Je organisatie doet mee aan de benchmark."))
                return redirect("benchmark:participation")
        except ValidationError as error:
            add_service_errors(form, error)
        status = 400
    return render(
        request,
        "benchmark/participation.html",
        {"form": form, "participation": current},
        status=status,
    )
