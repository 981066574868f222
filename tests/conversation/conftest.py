"""Starts the real action server and Rasa server on free ports, with a temporary database,
and gives tests a REST client. The model comes from `make train` (scripts/train.sh).

CONVERSATION_BACKEND chooses what the servers run on:
- `sqlite` (the default): a temporary SQLite file, the REST channel of credentials.yml and
  Rasa's in-memory lock store, as `make run` does;
- `postgres`: what the production profile runs on (deploy/), started here and stopped after:
  a throwaway PostgreSQL server for the tracker store and the records, a redis-server for
  Rasa's Redis lock store (endpoints.yml plus the lock store of deploy/endpoints.prod.yml) and
  the production REST channel (rasa_ext.prod_channel.ProdRestInput) with its in-flight
  markers and heartbeats in Redis. `make test` runs part of the suite a second time this way.
"""

from __future__ import annotations

import contextlib
import os
import uuid

import pytest
import requests
import yaml

from tests.servers import (
    ROOT,
    actions_cmd,
    current_model,
    free_port,
    postgres_server,
    processes,
    rasa_cmd,
    redis_server,
    server_env,
    wait_for,
)

BACKEND = os.environ.get("CONVERSATION_BACKEND", "sqlite")
if BACKEND not in ("sqlite", "postgres"):
    raise pytest.UsageError(f"CONVERSATION_BACKEND={BACKEND!r}: use sqlite or postgres")

PRODUCTION_ONLY = {"test_production_stores.py"}  # what the PostgreSQL + Redis run adds


def pytest_ignore_collect(collection_path, config):
    """The production-store tests need the second run's Redis and production channel: they are
    not collected in the SQLite run (not skipped: there is nothing of theirs to run there)."""
    return BACKEND != "postgres" and collection_path.name in PRODUCTION_ONLY or None


def _production_stores(tmp, stack: contextlib.ExitStack) -> tuple[dict, str, str]:
    """(environment, endpoints file, credentials file) for PostgreSQL, Redis and the production channel."""
    database_url = stack.enter_context(postgres_server())
    redis = stack.enter_context(redis_server(tmp))
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["lock_store"] = dict(yaml.safe_load((ROOT / "deploy" / "endpoints.prod.yml").read_text())["lock_store"])
    (tmp / "endpoints.yml").write_text(yaml.safe_dump(endpoints, sort_keys=False))
    # the production channel without its token and the sender in the URL (what nginx needs):
    # the tests post as make run's REST clients do
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    credentials.pop("rasa_ext.channels.CheckedRestInput")
    credentials["rasa_ext.prod_channel.ProdRestInput"] = {"require_token": False, "require_sender_param": False}
    (tmp / "credentials.yml").write_text(yaml.safe_dump(credentials, sort_keys=False))
    env = {
        "DATABASE_URL": database_url,
        "REDIS_HOST": redis["host"],
        "REDIS_PORT": str(redis["port"]),
        "REDIS_PASSWORD": redis["password"],
        "RASA_INSTANCE_ID": "conversation-tests",
    }
    return env, str(tmp / "endpoints.yml"), str(tmp / "credentials.yml")


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    model = current_model("conversation")
    tmp = tmp_path_factory.mktemp("servers")
    with contextlib.ExitStack() as stack:
        extra, endpoints, credentials = {}, "endpoints.yml", "credentials.yml"
        if BACKEND == "postgres":
            extra, endpoints, credentials = _production_stores(tmp, stack)
        env = server_env(tmp, ACTION_PORT=str(free_port()), **extra)
        rasa_port = free_port()
        logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
        with processes(tmp, env) as start:
            actions = start("actions", actions_cmd(env["ACTION_PORT"]))
            rasa = start("rasa", rasa_cmd(model, rasa_port, credentials, endpoints=endpoints))
            wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", actions, logs["actions"])
            wait_for(f"http://127.0.0.1:{rasa_port}/", rasa, logs["rasa"])
            yield {
                "url": f"http://127.0.0.1:{rasa_port}",
                "database_url": env["DATABASE_URL"],
                "logs": logs,
                "backend": BACKEND,
                "redis": {k: env[k] for k in ("REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD")}
                if BACKEND == "postgres"
                else None,
            }


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
