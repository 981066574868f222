"""Starts the real action server and Rasa server with the Teams channel on, pointed at loopback
fakes of Microsoft (tests/teams/teams_fakes.py): OpenID metadata and JWKS with a test RSA key,
the token endpoint, and a Bot Connector that records the replies. The model comes from
`make train` (scripts/train.sh); these tests never train one."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest
from teams_fakes import FakeMicrosoft, Signer

from tests.servers import actions_cmd, current_model, free_port, processes, rasa_cmd, server_env, wait_for


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
    model = current_model("Teams")
    tmp = tmp_path_factory.mktemp("teams")
    signer = Signer()
    fake = FakeMicrosoft(signer).start()
    app_id, tenant_id = str(uuid.uuid4()), str(uuid.uuid4())
    credentials = tmp / "credentials.yml"
    credentials.write_text(credentials_yaml(app_id, tenant_id, fake))
    env = server_env(
        tmp, base={k: v for k, v in os.environ.items() if not k.startswith("TEAMS_")}, ACTION_PORT=str(free_port())
    )
    rasa_port = free_port()
    logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
    try:
        with processes(tmp, env) as start:
            actions = start("actions", actions_cmd(env["ACTION_PORT"]))
            rasa = start("rasa", rasa_cmd(model, rasa_port, credentials, "--enable-api"))  # the API for /model/parse
            wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", actions, logs["actions"])
            wait_for(f"http://127.0.0.1:{rasa_port}/", rasa, logs["rasa"])
            wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/teams/", rasa, logs["rasa"])
            yield TeamsServers(
                url=f"http://127.0.0.1:{rasa_port}",
                webhook=f"http://127.0.0.1:{rasa_port}/webhooks/teams/webhook",
                database_url=env["DATABASE_URL"],
                app_id=app_id,
                tenant_id=tenant_id,
                bot={"id": f"28:{app_id}", "name": "Neglect Assistant"},
                signer=signer,
                fake=fake,
                logs=logs,
                metadata_requests_at_start=fake.metadata_requests,
            )
    finally:
        fake.stop()
