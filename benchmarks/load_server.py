"""The server side of the load test (benchmarks/load.py): who the simulated users are and
which pages they open, the shared cache, gunicorn with the production settings, and the
memory of its workers."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_organisation_sessions():
    """The dataset's first organisation (by its first network): its id, its networks (with
    their lead worker) and, per network that has sessions, its latest session's id. Read
    through Django, set up by the caller."""
    from vangnet.networks.models import Network, Session

    organisation_id = Network.objects.order_by("pk").values_list("organisation_id", flat=True)[0]
    networks = list(
        Network.objects.filter(organisation_id=organisation_id).select_related("lead_worker")
    )
    latest: dict[int, int] = {}
    for network_id, session_id in (
        Session.objects.filter(network__in=networks)
        .order_by("network_id", "-date")
        .values_list("network_id", "pk")
    ):
        latest.setdefault(network_id, session_id)
    return organisation_id, networks, latest


def lead_screens(networks, latest: dict[int, int]) -> dict[str, list[str]]:
    """Per lead worker's username, the session screens (latest session) of their networks."""
    from django.urls import reverse

    screens: dict[str, list[str]] = {}
    for network in networks:
        if network.pk in latest:
            path = reverse("networks:session_record", args=[network.pk, latest[network.pk]])
            screens.setdefault(network.lead_worker.username, []).append(path)
    return screens


def plan(database_url: str, workers: int, coordinators: int):
    """Usernames and paths from the dataset (read through Django in this process)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse

    from vangnet.organisations.models import Role
    from vangnet.organisations.models import User as Account

    organisation_id, networks, latest = first_organisation_sessions()
    screens_by_worker = lead_screens(networks, latest)
    coordinator = Account.objects.filter(
        organisation_id=organisation_id, role=Role.COORDINATOR
    ).first()
    try:
        organisation_page = reverse("dashboards:organisation")
    except NoReverseMatch:
        organisation_page = reverse("networks:list")
    worker_names = sorted(screens_by_worker)
    simulated = [worker_names[i % len(worker_names)] for i in range(workers)]
    network_pages = [reverse("networks:detail", args=[n.pk]) for n in networks[:50]]
    return {
        "workers": [(name, screens_by_worker[name]) for name in simulated],
        "coordinators": [coordinator.username] * coordinators,
        "organisation_page": organisation_page,
        "network_pages": network_pages,
    }


def shared_cache(wanted: str) -> str:
    """The Redis address to use ("" for each worker's own memory), emptied for a cold start."""
    if wanted == "local":
        return ""
    url = "redis://127.0.0.1:6379/15" if wanted == "auto" else wanted
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
        client.flushdb()
    except Exception:  # noqa: BLE001 - no Redis here: say so in the report
        if wanted != "auto":
            raise
        return ""
    return url


def server_env(database_url: str, cache_url: str, port: int = 0) -> dict[str, str]:
    """The environment of the production settings the load test's processes run with."""
    return dict(
        os.environ,
        VANGNET_CACHE_URL=cache_url,
        DATABASE_URL=database_url,
        VANGNET_MODE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        VANGNET_ENFORCE_2FA="0",
        # The 50 simulated users all sign in from 127.0.0.1; a real server sees 50
        # addresses, and the 10 coordinators share one account: the sign-in limits
        # (core.ratelimit) would answer 429.
        VANGNET_RATE_LIMITS="login=off,login_account=off",
    )


# The periodic work that prepares the day's figures (jobs.periodic): today's forecast rates
# and with them every network's forecast and routes. The rest of the night (retention,
# clean-ups) would change a bench dataset for good: retention alone anonymises some 7,000
# people of the generated five years at once, which a deployment does a few at a time.
NIGHT = ("forecast-rates",)


def night_work(database_url: str, cache_url: str) -> dict:
    """The night's preparation of the day as a deployment's background worker does it
    (`vangnet run-periodic forecast-rates`), against the same database and cache as the
    server: its seconds and what it reported."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "vangnet"), "run-periodic", *NIGHT],
        env=server_env(database_url, cache_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "reported": done.stdout.strip().splitlines(),
    }


def start_gunicorn(
    database_url: str,
    port: int,
    gunicorn_workers: int,
    static_root: str,
    cache_url: str,
    profile_dir: str = "",
):
    env = dict(
        server_env(database_url, cache_url, port),
        STATIC_ROOT=static_root,
        VANGNET_BENCH_PROFILE_DIR=profile_dir,
    )
    # benchmarks/gunicorn_profile.py: per-request CPU and a profile per worker (--profile-dir)
    profiling = ["-c", str(Path(__file__).with_name("gunicorn_profile.py"))] if profile_dir else []
    subprocess.run(
        [str(BIN / "vangnet"), "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "vangnet.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(gunicorn_workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
            *profiling,
        ],
        env=env,
    )
    for _ in range(100):
        try:
            probe = httpx.get(
                f"http://127.0.0.1:{port}/healthz",
                headers={"X-Forwarded-Proto": "https"},
                timeout=1,
            )
            if probe.status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def worker_rss_mb(master_pid: int) -> list[float]:
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{master_pid}\n" in text:
            rss = re.search(r"VmRSS:\s+(\d+) kB", text)
            if rss:
                sizes.append(round(int(rss.group(1)) / 1024, 1))
    return sorted(sizes)
