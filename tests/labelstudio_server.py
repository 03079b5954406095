"""A real Label Studio server for the integration test: started on 127.0.0.1, always stopped.

The binary is ``$CLAIMCORPUS_LABEL_STUDIO`` (CI installs the pinned server in its own
venv and sets it), else ``label-studio`` on PATH. Without either the test skips and
says so; with the variable set, a missing binary or a server that does not come up
fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ENV = "CLAIMCORPUS_LABEL_STUDIO"
PINNED = "1.23.2"
USER, PASSWORD = "claimcorpus-test@example.com", "claimcorpus-test-password"
TOKEN = "claimcorpus0test0token0000000000000000000"  # legacy API token of the test user (enabled below)
START_TIMEOUT = 420  # seconds: the first start migrates a fresh database (about 1-2 minutes here)


def binary() -> tuple[str | None, str]:
    """The server's path, or ``None`` with the reason."""
    configured = os.environ.get(ENV)
    if configured:
        return configured, f"{ENV}={configured}"
    found = shutil.which("label-studio")
    return (found, "label-studio on PATH") if found else \
        (None, f"label-studio is not installed: set {ENV} to the label-studio binary of a venv with "
               f"label-studio=={PINNED} (.ci/run installs it in .label-studio-venv)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def request(self, method: str, path: str, body=None, raw: bool = False, timeout: float = 120):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: HTTP {exc.code}: {exc.read()[:2000]!r}") from exc
        return payload if raw else (json.loads(payload) if payload else None)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else "(no log)"


def start(exe: str, data_dir: Path) -> Server:
    """Start the server on a free loopback port with a fresh data dir and the test user's token."""
    port = free_port()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir), "LABEL_STUDIO_USERNAME": USER,
           "LABEL_STUDIO_PASSWORD": PASSWORD, "LABEL_STUDIO_USER_TOKEN": TOKEN,
           # 1.23 accepts a preset token only as a legacy API token, off by default for new organisations
           "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
           "LABEL_STUDIO_LATEST_VERSION_CHECK": "false", "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
           "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true"}
    log = data_dir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([exe, "start", "--no-browser", "--port", str(port), "--internal-host", "127.0.0.1"],
                                   cwd=data_dir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    return Server(f"http://127.0.0.1:{port}", process, log)


def wait_until_up(server: Server, timeout: float = START_TIMEOUT, began: float | None = None) -> float:
    """Seconds from ``began`` (default: now) until the API answers the test user's token; raises with
    the log when it does not within ``timeout``."""
    began = time.monotonic() if began is None else began
    while time.monotonic() - began < timeout:
        if server.process.poll() is not None:
            raise RuntimeError(f"label-studio exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            server.request("GET", "/api/current-user/whoami", timeout=5)
            return time.monotonic() - began
        except (OSError, AssertionError):
            time.sleep(1)
    raise RuntimeError(f"label-studio did not answer within {timeout} s:\n{server.log_tail()}")


def stop(server: Server) -> None:
    """Stop the server's process group (SIGTERM, then SIGKILL after 20 s)."""
    if server.process.poll() is not None:
        return
    pgid = os.getpgid(server.process.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        server.process.wait(timeout=20)


def snapshot(server: Server, project: int, options: dict) -> list:
    """A snapshot export (``POST /exports/`` with ``serialization_options``), downloaded as JSON."""
    made = server.request("POST", f"/api/projects/{project}/exports/", {"serialization_options": options})
    for _ in range(120):
        state = server.request("GET", f"/api/projects/{project}/exports/{made['id']}")
        if state["status"] == "completed":
            break
        assert state["status"] != "failed", state
        time.sleep(0.5)
    return json.loads(server.request("GET", f"/api/projects/{project}/exports/{made['id']}/download?exportType=JSON",
                                     raw=True))


#: The server started when the session's tests were collected (see conftest), with its data dir.
EARLY: dict = {}


def start_early() -> None:
    """Start the server before the tests run (a missing binary is reported by the test, not here)."""
    exe, _ = binary()
    if exe is None or not Path(exe).is_file() or EARLY:
        return
    data_dir = Path(tempfile.mkdtemp(prefix="claimcorpus-label-studio-"))
    EARLY.update(server=start(exe, data_dir), data_dir=data_dir, began=time.monotonic())


def take_early() -> tuple[Server, Path, float] | None:
    """The early server (the caller stops it), or ``None``."""
    if not EARLY:
        return None
    return EARLY["server"], EARLY["data_dir"], EARLY["began"]


def stop_early() -> None:
    if EARLY:
        stop(EARLY["server"])
        shutil.rmtree(EARLY.pop("data_dir"), ignore_errors=True)
        EARLY.clear()
