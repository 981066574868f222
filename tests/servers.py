"""Starting the real servers for the suites that talk to them (conversation, Teams, browser):
free loopback ports, a temporary database, the model `make train` made, logs in the test's
temporary directory, and everything stopped again afterwards. Nothing here trains a model."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    """Until `url` answers 200; fails with the end of the server's log if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early; last log lines:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"no answer from {url} after {timeout} s; log:\n{log.read_text()[-3000:]}")


def current_model(suite: str) -> Path:
    """The model for the current data (scripts/model_name.sh); the suite fails clearly without it."""
    name = subprocess.run(["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    model = ROOT / "models" / f"{name}.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` (make test does it) before the {suite} tests")
    return model


def server_env(tmp: Path, base: dict | None = None, **extra: str) -> dict:
    """The servers' environment: telemetry off, a temporary SQLite database, the default profile."""
    env = dict(os.environ if base is None else base)
    env.update(RASA_TELEMETRY_ENABLED="false", DATABASE_URL=f"sqlite:///{tmp / 'assistant.db'}",
               PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", LA_PROFILE=os.environ.get("LA_PROFILE", "default"),
               MPLCONFIGDIR=str(tmp / "mpl"))
    env.update(extra)
    return env


def actions_cmd(port: int | str) -> list[str]:
    return [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)]


def rasa_cmd(model: Path, port: int, credentials: str | Path, *extra: str) -> list[str]:
    return [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--credentials", str(credentials),
            "--endpoints", "endpoints.yml", *extra]


# Every log line of the Rasa server and the action server is scrubbed of personal details
# (issue 20, rasa_ext/log_scrub.py): both read this with their --logging-config-file option.
LOGGING_CONFIG = ROOT / "rasa_ext" / "logging.yml"


def with_log_scrubbing(command: list[str]) -> list[str]:
    """A `rasa run` command (the Rasa server or `rasa run actions`) with the scrubbing logging
    configuration added; any other command as it is."""
    if len(command) > 1 and Path(command[0]).name == "rasa" and command[1] == "run" \
            and "--logging-config-file" not in command:
        return [*command, "--logging-config-file", str(LOGGING_CONFIG)]
    return command


@contextlib.contextmanager
def processes(tmp: Path, env: dict) -> Iterator[Callable[[str, list[str]], subprocess.Popen]]:
    """Yields start(name, command) -> the process, its output in tmp/<name>.log; on leaving,
    every process started is terminated (killed after 20 s)."""
    procs: list[subprocess.Popen] = []

    def start(name: str, command: list[str]) -> subprocess.Popen:
        command = with_log_scrubbing(command)
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=(tmp / f"{name}.log").open("w"),
                                stderr=subprocess.STDOUT)
        procs.append(proc)
        return proc

    try:
        yield start
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
