"""A real `vangnet worker` process killed with SIGKILL in the middle of a task: the next
worker retries the task and completes it, or (no attempts left) marks it failed with a
message. Never left "running". Runs on its own SQLite file, whatever DATABASE_URL says."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.polling import DEADLINE, wait_for

ROOT = Path(__file__).resolve().parents[2]
VANGNET = str(Path(sys.executable).with_name("vangnet"))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'jobs.sqlite3'}",
        "PYTHONPATH": str(ROOT),
        "VANGNET_WORKER_HEARTBEAT_SECONDS": "1",
        "VANGNET_WORKER_STALE_SECONDS": "2",
        "DEBUG": "0",
    }
    subprocess.run([VANGNET, "migrate", "-v", "0"], env=env, check=True, cwd=folder)  # noqa: S603
    return folder, env


def enqueue(folder: Path, env: dict, name: str) -> str:
    code = f"from tests.jobs.tasks import hold; print(hold.enqueue({str(folder)!r}, {name!r}).id)"
    out = subprocess.run(  # noqa: S603
        [VANGNET, "shell", "-c", code], env=env, check=True, cwd=folder, capture_output=True
    )
    return out.stdout.decode().strip().splitlines()[-1]


def task_row(folder: Path, task_id: str) -> tuple[str, str, str, str]:
    with sqlite3.connect(folder / "jobs.sqlite3") as db:
        return db.execute(
            "SELECT status, worker_ids, exception_class_path, traceback "
            "FROM django_tasks_database_dbtaskresult WHERE replace(id, '-', '') = ?",
            (task_id.replace("-", ""),),
        ).fetchone()


def start_worker(folder: Path, env: dict, worker_id: str, attempts: int):
    return subprocess.Popen(  # noqa: S603
        [VANGNET, "worker", "--worker-id", worker_id, "--interval", "0.1", "--no-scheduler"],
        env={**env, "VANGNET_JOB_MAX_ATTEMPTS": str(attempts)},
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill(process) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=DEADLINE)


def test_a_killed_workers_task_is_retried_and_completes(world):
    folder, env = world
    task_id = enqueue(folder, env, "first")
    first = start_worker(folder, env, "worker-a", attempts=2)
    try:
        wait_for(lambda: (folder / "first.started").exists(), "the first attempt")
    finally:
        kill(first)
    assert task_row(folder, task_id)[0] == "RUNNING"  # as the dead worker left it
    (folder / "first.release").touch()
    second = start_worker(folder, env, "worker-b", attempts=2)
    try:
        status = wait_for(
            lambda: (
                task_row(folder, task_id)[0] in ("SUCCESSFUL", "FAILED")
                and task_row(folder, task_id)
            ),
            "the retried task to finish",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=DEADLINE)
    assert status[0] == "SUCCESSFUL"
    assert status[1] == '["worker-a", "worker-b"]'
    assert (folder / "first.started").read_text() == "xx"  # run twice: once killed, once done
    with sqlite3.connect(folder / "jobs.sqlite3") as db:  # b stopped cleanly and said goodbye
        alive = db.execute("SELECT worker_id FROM jobs_workerheartbeat").fetchall()
    assert alive == [("worker-a",)]


def test_without_attempts_left_the_task_is_failed_with_a_message(world):
    folder, env = world
    task_id = enqueue(folder, env, "second")
    first = start_worker(folder, env, "worker-c", attempts=1)
    try:
        wait_for(lambda: (folder / "second.started").exists(), "the first attempt")
    finally:
        kill(first)
    second = start_worker(folder, env, "worker-d", attempts=1)
    try:
        status = wait_for(
            lambda: task_row(folder, task_id)[0] != "RUNNING" and task_row(folder, task_id),
            "the abandoned task to be failed",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=DEADLINE)
    assert status[0] == "FAILED"
    assert status[2] == "vangnet.jobs.WorkerLost"
    assert status[3].startswith("De verwerker stopte onverwacht")
    assert (folder / "second.started").read_text() == "x"  # not run again
