"""`make demo` starts the web server and a worker together, and Ctrl+C stops both.

The serving part of the demo target (`make demo-serve`, which `make demo` runs after
loading the demo data) runs here for real: under a pseudo-terminal, as someone types it,
on an empty migrated SQLite file (the demo data are not needed to serve). Ctrl+C is typed
into the terminal (the terminal sends SIGINT to its foreground process group); afterwards
no process of that terminal's session is left, the worker included."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.polling import wait_for
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
VANGNET = str(Path(sys.executable).with_name("vangnet"))

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or shutil.which("make") is None,
    reason="needs Linux /proc and GNU make",
)


def session_processes(sid: int) -> dict[int, str]:
    """The live processes of session `sid`: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


def test_make_demo_serves_with_a_worker_and_ctrl_c_stops_both(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }
    subprocess.run([VANGNET, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
    port = free_port()
    make = shutil.which("make") or "make"
    command = [make, "-s", "demo-serve", f"DEMO_ADDRESS=127.0.0.1:{port}", f"VANGNET={VANGNET}"]
    pid, terminal = pty.fork()  # the child: a new session with the pty as its terminal
    if pid == 0:  # pragma: no cover (the child process)
        os.chdir(ROOT)
        os.execve(make, command, env)  # noqa: S606
    output = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz"), "the web server")
        running = wait_for(
            lambda: (
                (p := session_processes(pid))
                and any("worker --worker-id demo-worker" in c for c in p.values())
                and p
            ),
            "the worker",
        )
        assert any("runserver" in c for c in running.values()), running
        os.write(terminal, b"\x03")  # Ctrl+C: SIGINT to the terminal's foreground group
        wait_for(lambda: os.waitpid(pid, os.WNOHANG)[0] == pid, "make to end")
        left = wait_for(lambda: not session_processes(pid) or None, "every process to end")
        assert left
        assert not answers(f"http://127.0.0.1:{port}/healthz")
        assert "Vangnet draait op" in output.decode(errors="replace")
    finally:
        for other in session_processes(pid):
            os.kill(other, signal.SIGKILL)
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        os.close(terminal)
