"""Starts the real action server and Rasa server on free ports, with a temporary database,
and gives tests a REST client. The model comes from `make train` (scripts/train.sh)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
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


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    name = subprocess.run(["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    model = ROOT / "models" / f"{name}.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` (make test does it) before the conversation tests")
    tmp = tmp_path_factory.mktemp("servers")
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", ACTION_PORT=str(free_port()),
               DATABASE_URL=f"sqlite:///{tmp / 'assistant.db'}", PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2",
               LA_PROFILE=os.environ.get("LA_PROFILE", "default"), MPLCONFIGDIR=str(tmp / "mpl"))
    rasa_port = free_port()
    bin_dir = Path(sys.executable).parent
    procs = []
    logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
    try:
        procs.append(subprocess.Popen(
            [str(bin_dir / "rasa"), "run", "actions", "--actions", "actions", "--port", env["ACTION_PORT"]],
            cwd=ROOT, env=env, stdout=logs["actions"].open("w"), stderr=subprocess.STDOUT))
        procs.append(subprocess.Popen(
            [str(bin_dir / "rasa"), "run", "--model", str(model), "--port", str(rasa_port), "--credentials",
             "credentials.yml", "--endpoints", "endpoints.yml"],
            cwd=ROOT, env=env, stdout=logs["rasa"].open("w"), stderr=subprocess.STDOUT))
        wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", procs[0], logs["actions"])
        wait_for(f"http://127.0.0.1:{rasa_port}/", procs[1], logs["rasa"])
        yield {"url": f"http://127.0.0.1:{rasa_port}", "database_url": env["DATABASE_URL"], "logs": logs}
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


class Chat:
    """One practitioner talking to the assistant over the REST channel."""

    def __init__(self, base_url: str, sender: str | None = None):
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:8]}"
        self.last: list[dict] = []

    def say(self, message: str) -> list[dict]:
        r = requests.post(self.url, json={"sender": self.sender, "message": message}, timeout=60)
        assert r.status_code == 200, r.text
        self.last = r.json()
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.last)

    @property
    def buttons(self) -> list[dict]:
        return [b for m in self.last for b in m.get("buttons") or []]

    def click(self, title: str) -> list[dict]:
        for b in self.buttons:
            if b["title"].lower().startswith(title.lower()):
                return self.say(b["payload"])
        raise AssertionError(f"no button '{title}' in {[b['title'] for b in self.buttons]}")


@pytest.fixture()
def chat(servers):
    return Chat(servers["url"])


@pytest.fixture()
def new_chat(servers):
    return lambda sender=None: Chat(servers["url"], sender)
