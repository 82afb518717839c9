"""Reads on a real PostgreSQL streaming replica (issue 21, item 5).

Starts its own primary and a replica made from it with `pg_basebackup` (streaming
replication, loopback, own ports, in a temporary folder), migrates the primary, and runs
tests/core/replica_probe.py against both in its own process: the dashboard reads from the
replica, a user who just wrote reads from the primary, a job waits for the replica to catch
up or reads from the primary, and the replication lag it saw is printed.

Runs in the PostgreSQL suite (DATABASE_URL is PostgreSQL), where the server binaries are
installed; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ports import free_port

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    return found[-1].parent if found else None


class Cluster:
    """Runs PostgreSQL's programs as the postgres user when we are root (the server refuses
    to run as root), else as ourselves."""

    def __init__(self, bin_dir: Path, base: Path) -> None:
        self.bin_dir = bin_dir
        self.base = base
        self.as_postgres = os.geteuid() == 0

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603

    def start(self, data: Path, port: int, *extra: str) -> None:
        options = " ".join(
            [
                f"-p {port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.base}",
                "-c fsync=off",
                "-c full_page_writes=off",
                *extra,
            ]
        )
        self.run("pg_ctl", "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start")

    def stop(self, data: Path) -> None:
        if (data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")


@pytest.fixture(scope="module")
def clusters() -> Iterator[tuple[str, str]]:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL suite (DATABASE_URL=postgres://...)")
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (pg_basebackup) are not installed")
    base = Path(tempfile.mkdtemp(prefix="vangnet-replica-"))
    cluster = Cluster(bin_dir, base)
    if cluster.as_postgres:
        postgres = pwd.getpwnam("postgres")
        os.chown(base, postgres.pw_uid, postgres.pw_gid)
    primary, replica = base / "primary", base / "replica"
    primary_port, replica_port = free_port(), free_port()
    try:
        # initdb's pg_hba.conf trusts local connections, replication included.
        cluster.run("initdb", "-D", str(primary), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        cluster.start(primary, primary_port, "-c wal_level=replica", "-c max_wal_senders=4")
        cluster.run(
            "pg_basebackup",
            "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
            "-D", str(replica), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        cluster.start(replica, replica_port, "-c hot_standby=on")
        cluster.run(
            "createdb", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres", "vangnet"
        )
        yield (
            f"postgres://postgres@127.0.0.1:{primary_port}/vangnet",
            f"postgres://postgres@127.0.0.1:{replica_port}/vangnet",
        )
    finally:
        for data in (replica, primary):
            try:
                cluster.stop(data)
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(base, ignore_errors=True)


def _env(primary: str, replica: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DATABASE_URL=primary,
        DATABASE_REPLICA_URL=replica,
        DJANGO_SETTINGS_MODULE="vangnet.settings",
        DB_CONN_MAX_AGE="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def test_reports_read_from_a_streaming_replica_and_writers_read_their_writes(clusters):
    primary, replica = clusters
    env = _env(primary, replica)
    vangnet = Path(sys.executable).parent / "vangnet"
    subprocess.run([str(vangnet), "migrate", "-v", "0"], env=env, check=True, timeout=600)  # noqa: S603
    probe = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "core" / "replica_probe.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    print(f"replication lag seen: {seen['lag_ms']} ms")

    assert seen["caught_up"] and seen["first_on_replica"]
    # Replay paused: the replica really is what the reads used.
    assert seen["second_on_primary"]
    assert not seen["second_on_replica_while_paused"]
    assert not seen["caught_up_while_paused"]
    # A job does not read a replica that is behind: it reads from the primary.
    assert not seen["job_uses_replica_while_paused"] and seen["job_sees_second"]
    # A user who just wrote reads from the primary.
    assert not seen["pinned_uses_replica"] and seen["pinned_sees_second"]
    assert seen["dashboard_status"] == 200
    assert seen["dashboard_queries_on_replica"] > 0
    assert seen["queries_on_replica_after_write"] == 0
    assert seen["second_on_replica_after_resume"]
