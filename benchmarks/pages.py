"""Server-side timings and query counts of the hot pages on one dataset.

Run by benchmarks/run.py in its own process with DATABASE_URL pointing at the dataset:

    DATABASE_URL=postgres://... python benchmarks/pages.py --dataset large --out f.json

Each page is requested in-process through the whole middleware stack (Django's test client,
no socket), `--reps` times after a warm-up; the framework floor is the bare `healthz` view
requested the same way in the same run, so every page also gets a ratio to that floor.
Query counts come from one extra request per page. A page whose URL does not exist in this
version is listed as missing, not silently left out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")


SLOW_MS = 1000.0
FORM = "application/x-www-form-urlencoded"
SLOW_REPS = 5


@dataclass
class PageResult:
    name: str
    url: str
    method: str
    status: int
    reps: int
    median_ms: float
    p95_ms: float
    queries: int
    ratio_to_floor: float = 0.0
    note: str = ""


@dataclass
class PagesReport:
    dataset: str
    database: str
    floor: PageResult | None = None
    pages: list[PageResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    objects: dict[str, int] = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure(client, name: str, url: str, reps: int, *, make_post=None) -> PageResult:
    """Time `reps` requests (after 3 warm-ups), then count the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request(index: int, timed: list[float] | None = None):
        # A POST's payload (from a fresh GET of the form) is prepared outside the timing.
        payload = make_post(index) if make_post is not None else None
        started = time.perf_counter()
        if payload is None:
            response = client.get(url)
        else:  # form-encoded, as a browser submits the form (the test client's default
            # multipart encoding costs the server more to parse)
            response = client.post(url, urlencode(payload, doseq=True), content_type=FORM)
        if timed is not None:
            timed.append((time.perf_counter() - started) * 1000)
        return response

    warm: list[float] = []
    for index in range(3):
        request(index, warm)
    if min(warm) > SLOW_MS:  # a slow page (a large PDF): fewer repetitions
        reps = min(reps, SLOW_REPS)
    samples: list[float] = []
    status = 0
    for index in range(reps):
        status = request(index + 3, samples).status_code
    payload = make_post(reps + 3) if make_post is not None else None
    with CaptureQueriesContext(connection) as queries:
        if payload is None:
            client.get(url)
        else:
            client.post(url, urlencode(payload, doseq=True), content_type=FORM)
    return PageResult(
        name=name,
        url=url,
        method="POST" if make_post else "GET",
        status=status,
        reps=reps,
        median_ms=round(statistics.median(samples), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        queries=len(queries),
    )


def pick_objects():
    """The dataset's busiest network, its latest session, a participant, and users."""
    from django.db.models import Count

    from vangnet.networks.models import Network, Session
    from vangnet.organisations.models import Role, User
    from vangnet.participants.models import Participant

    network = Network.objects.annotate(n=Count("sessions")).order_by("-n", "pk").first()
    if network is None:
        raise SystemExit("The dataset is empty: generate it first (benchmarks/run.py).")
    session = Session.objects.filter(network=network).order_by("-date").first()
    participant = (
        Participant.objects.filter(network=network)
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .first()
    )
    organisation = network.organisation
    coordinator = User.objects.filter(organisation=organisation, role=Role.COORDINATOR).first()
    municipality = User.objects.filter(organisation=organisation, role=Role.MUNICIPALITY).first()
    if municipality is None:  # the scale datasets have no municipality viewer: add one
        municipality = User.objects.create(
            organisation=organisation,
            username=f"bench-gemeente-{organisation.pk}",
            role=Role.MUNICIPALITY,
        )
    return {
        "network": network,
        "session": session,
        "participant": participant,
        "worker": network.lead_worker,
        "coordinator": coordinator,
        "municipality": municipality,
        "organisation": organisation,
    }


def page_plan(objects) -> list[tuple[str, str, str, dict]]:
    """(name, user key, url name, url kwargs) of the hot pages."""
    network, session = objects["network"], objects["session"]
    participant = objects["participant"]
    return [
        (
            "session screen (open)",
            "worker",
            "networks:session_record",
            {"network_id": network.pk, "session_id": session.pk},
        ),
        ("participant page", "worker", "participants:detail", {"participant_id": participant.pk}),
        ("network page", "worker", "networks:detail", {"network_id": network.pk}),
        (
            "network page (coordinator)",
            "coordinator",
            "networks:detail",
            {"network_id": network.pk},
        ),
        ("sociogram", "worker", "support:sociogram", {"network_id": network.pk}),
        (
            "network plan + forecast",
            "coordinator",
            "planning:network_plan",
            {"network_id": network.pk},
        ),
        ("organisation dashboard", "coordinator", "dashboards:organisation", {}),
        ("municipality report", "municipality", "reports:municipality", {}),
        ("annual report", "worker", "reports:annual", {"network_id": network.pk}),
        ("API: network routes", "worker", "api:route_list", {"network_id": network.pk}),
        ("API: organisation figures", "coordinator", "api:organisation_figures", {}),
    ]


def run(dataset: str, reps: int) -> PagesReport:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from vangnet.core.startup import prepare_worker

    prepare_worker()  # as the WSGI entry point does in every gunicorn worker
    # Not django.test's setup_test_environment(): it makes every template render send a
    # signal and the client copy each context, which production does not do (2-3 ms a page).
    settings.ALLOWED_HOSTS = ["*"]
    objects = pick_objects()
    report = PagesReport(dataset=dataset, database=settings.DATABASES["default"]["ENGINE"])
    report.objects = {
        key: value.pk for key, value in objects.items() if hasattr(value, "pk") and value
    }
    clients = {}
    for key in ("worker", "coordinator", "municipality"):
        client = Client()
        client.force_login(objects[key])
        clients[key] = client

    report.floor = measure(clients["worker"], "framework floor (healthz)", "/healthz", reps)
    floor = report.floor.median_ms or 1.0
    for name, user_key, url_name, kwargs in page_plan(objects):
        try:
            url = reverse(url_name, kwargs=kwargs)
        except NoReverseMatch:
            report.missing.append(f"{name} ({url_name})")
            continue
        result = measure(clients[user_key], name, url, reps)
        result.ratio_to_floor = round(result.median_ms / floor, 1)
        report.pages.append(result)

    # The session save: the screen posted back with one participant toggled each time.
    from forms import toggled_payload

    screen_url = reverse(
        "networks:session_record",
        kwargs={"network_id": objects["network"].pk, "session_id": objects["session"].pk},
    )
    worker = clients["worker"]

    def make_post(index: int):
        html = worker.get(screen_url).content.decode()
        return toggled_payload(html, index)

    save = measure(worker, "session screen (save)", screen_url, reps, make_post=make_post)
    save.ratio_to_floor = round(save.median_ms / floor, 1)
    save.note = "one participant toggled per save; 302 = saved"
    report.pages.append(save)
    report.pages.extend(pdf_job_results(clients["coordinator"], reps, floor))
    network_id = objects["network"].pk
    report.pages.extend(
        pdf_job_results(clients["municipality"], reps, floor, "municipality report PDF")
    )
    report.pages.extend(
        pdf_job_results(
            clients["coordinator"], reps, floor, "network plan PDF", {"network_id": network_id}
        )
    )
    return report


PDF_URLS = {
    "organisation report PDF": "dashboards:report_pdf",
    "municipality report PDF": "reports:municipality_pdf",
    "network plan PDF": "planning:network_plan_pdf",
}


def pdf_job_results(
    client, reps: int, floor: float, label: str = "organisation report PDF", kwargs=None
) -> list[PageResult]:
    """The PDFs are export jobs: asking for one is a request (the job queued), making it is
    the worker's work, timed here by running the job inside the request
    (VANGNET_EXPORTS_SYNC). The jobs and tasks made are removed afterwards."""
    from django.conf import settings
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from vangnet.exports.models import ExportJob

    url = reverse(PDF_URLS[label], kwargs=kwargs or {})
    results = []
    for name, sync, note in (
        (f"{label}: ask", False, "the job queued; 302 = to its progress page"),
        (f"{label}: the job", True, "figures + layout, as the worker does it"),
    ):
        settings.VANGNET_EXPORTS_SYNC = sync
        result = measure(client, name, url, reps, make_post=lambda index: {})
        result.ratio_to_floor = round(result.median_ms / floor, 1)
        result.note = note
        results.append(result)
    settings.VANGNET_EXPORTS_SYNC = False
    ExportJob.objects.filter(file_format="pdf").delete()
    DBTaskResult.objects.filter(task_path="vangnet.exports.tasks.export_job_task").delete()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    report = run(args.dataset, args.reps)
    Path(args.out).write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
