"""Starts the real action server and Rasa server on free ports, with a temporary database,
and gives tests a REST client. The model comes from `make train` (scripts/train.sh)."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.servers import actions_cmd, current_model, free_port, processes, rasa_cmd, server_env, wait_for


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    model = current_model("conversation")
    tmp = tmp_path_factory.mktemp("servers")
    env = server_env(tmp, ACTION_PORT=str(free_port()))
    rasa_port = free_port()
    logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
    with processes(tmp, env) as start:
        actions = start("actions", actions_cmd(env["ACTION_PORT"]))
        rasa = start("rasa", rasa_cmd(model, rasa_port, "credentials.yml"))
        wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", actions, logs["actions"])
        wait_for(f"http://127.0.0.1:{rasa_port}/", rasa, logs["rasa"])
        yield {"url": f"http://127.0.0.1:{rasa_port}", "database_url": env["DATABASE_URL"], "logs": logs}


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
