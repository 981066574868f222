"""Starts the real action server and Rasa server with the Teams channel on, pointed at loopback
fakes of Microsoft (tests/teams/teams_fakes.py): OpenID metadata and JWKS with a test RSA key,
the token endpoint, and a Bot Connector that records the replies. The model comes from
`make train` (scripts/train.sh); these tests never train one."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from teams_fakes import FakeMicrosoft, Signer, free_port

ROOT = Path(__file__).resolve().parents[2]


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


@dataclass
class TeamsServers:
    url: str
    webhook: str
    database_url: str
    app_id: str
    tenant_id: str
    bot: dict
    signer: Signer
    fake: FakeMicrosoft
    logs: dict
    metadata_requests_at_start: int

    @property
    def service_url(self) -> str:
        return self.fake.service_url


def credentials_yaml(app_id: str, tenant_id: str, fake: FakeMicrosoft) -> str:
    return f"""\
rasa_ext.teams.TeamsInput:
  app_id: "{app_id}"
  app_password: "test-secret"
  app_type: SingleTenant
  app_tenant_id: "{tenant_id}"
  tenant_ids: ["{tenant_id}"]
  openid_metadata_url: "{fake.metadata_url}"
  authority_host: "{fake.identity_url}"
  service_urls: ["{fake.service_url}"]
"""


@pytest.fixture(scope="session")
def teams_servers(tmp_path_factory):
    name = subprocess.run(["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    model = ROOT / "models" / f"{name}.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` (make test does it) before the Teams tests")
    tmp = tmp_path_factory.mktemp("teams")
    signer = Signer()
    fake = FakeMicrosoft(signer).start()
    app_id, tenant_id = str(uuid.uuid4()), str(uuid.uuid4())
    credentials = tmp / "credentials.yml"
    credentials.write_text(credentials_yaml(app_id, tenant_id, fake))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEAMS_")}
    env.update(RASA_TELEMETRY_ENABLED="false", ACTION_PORT=str(free_port()),
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
             str(credentials), "--endpoints", "endpoints.yml", "--enable-api"],  # the API for /model/parse
            cwd=ROOT, env=env, stdout=logs["rasa"].open("w"), stderr=subprocess.STDOUT))
        wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", procs[0], logs["actions"])
        wait_for(f"http://127.0.0.1:{rasa_port}/", procs[1], logs["rasa"])
        wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/teams/", procs[1], logs["rasa"])
        yield TeamsServers(url=f"http://127.0.0.1:{rasa_port}",
                           webhook=f"http://127.0.0.1:{rasa_port}/webhooks/teams/webhook",
                           database_url=env["DATABASE_URL"], app_id=app_id, tenant_id=tenant_id,
                           bot={"id": f"28:{app_id}", "name": "Neglect Assistant"}, signer=signer, fake=fake,
                           logs=logs, metadata_requests_at_start=fake.metadata_requests)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        fake.stop()
