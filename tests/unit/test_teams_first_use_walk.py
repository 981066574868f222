"""The first-use statement in Teams when a conversation's first message (no welcome before it)
starts a walk: the statement goes after any 999 answer and before the walk's messages, so the
walk's first question is the last thing the user sees (as on REST since session 19). Teams posts
each reply as it comes, so the replies to that first message are held back and sent in order with
the statement put among them. No server, no network: the Bot Connector and the token endpoint are
a fake HTTP client, Rasa is a function that sends the replies through the channel's output."""

from __future__ import annotations

import asyncio
import json
import uuid
from types import SimpleNamespace

import pytest

from rasa_ext.teams.input import TeamsInput, party_of
from rasa_ext.teams.settings import TeamsSettings

OPENING = "About this assistant"
QUESTION = "Is the child seen alone by any professional?"
UNDERSTOOD = "What I understood: a boy of 9, school nurse."


class FakeHttp:
    """The token endpoint and the Bot Connector: records every activity posted."""

    def __init__(self):
        self.posted: list[dict] = []

    async def post(self, url, *, json_body=None, form=None, headers=None):
        if form is not None:
            return 200, json.dumps({"access_token": "t", "expires_in": 3600}), {}
        self.posted.append(json_body)
        return 200, "{}", {}

    async def close(self):
        pass


class Store:
    """A tracker store with no conversation yet; `flow` is set once Rasa starts a walk."""

    def __init__(self):
        self.flow = None

    async def exists(self, sender):
        return False

    async def retrieve(self, sender):
        return SimpleNamespace(get_slot=lambda name: self.flow if name == "flow" else None)


def text_of(activity: dict) -> str:
    if activity.get("text"):
        return activity["text"]
    body = activity["attachments"][0]["content"]["body"]
    return " ".join(b["text"] for b in body if b.get("type") == "TextBlock")


def run_first_message(monkeypatch, replies: list[tuple[str, list]], starts_walk: bool, fail: bool = False):
    for name in ("TEAMS_BOT_ID", "TEAMS_ALLOWED_TENANTS", "TEAMS_BOT_TENANT_ID", "TEAMS_BOT_TYPE"):
        monkeypatch.delenv(name, raising=False)
    tenant, app_id = str(uuid.uuid4()), str(uuid.uuid4())
    settings = TeamsSettings.from_credentials(
        {
            "app_id": app_id,
            "app_password": "invented-secret",
            "app_type": "SingleTenant",
            "app_tenant_id": tenant,
            "tenant_ids": [tenant],
            "service_urls": ["http://127.0.0.1:9/"],
            "authority_host": "http://127.0.0.1:9",
            "openid_metadata_url": "http://127.0.0.1:9/openid",
        }
    )
    http, store = FakeHttp(), Store()
    channel = TeamsInput(settings, http=http, keys=object())
    channel.app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=store, domain=None)))
    activity = {
        "type": "message",
        "id": "1",
        "serviceUrl": "http://127.0.0.1:9/",
        "from": {"id": "29:invented-user", "aadObjectId": str(uuid.uuid4())},
        "recipient": {"id": f"28:{app_id}", "name": "Neglect Assistant"},
        "conversation": {"id": "a:" + uuid.uuid4().hex, "conversationType": "personal", "tenantId": tenant},
        "text": "school nurse here, worried about a boy of 9",
    }

    async def rasa(message):
        for text, buttons in replies:
            if buttons:
                await message.output_channel.send_text_with_buttons(message.sender_id, text, buttons)
            else:
                await message.output_channel.send_text_message(message.sender_id, text)
            assert http.posted == [], "a reply to the first message went out before the statement was placed"
        store.flow = "check" if starts_walk else None
        if fail:
            raise RuntimeError("the action server went away")

    async def go():
        await channel._on_message(activity, party_of(activity, tenant), rasa)

    if fail:
        with pytest.raises(RuntimeError):
            asyncio.run(go())
    else:
        asyncio.run(go())
    return [text_of(a) for a in http.posted]


def test_a_walk_started_by_the_first_message_gets_the_statement_before_its_question(monkeypatch):
    yes_no = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    said = run_first_message(monkeypatch, [(UNDERSTOOD, []), (QUESTION, yes_no)], starts_walk=True)
    assert said[0].startswith(OPENING), said
    assert said[1:] == [UNDERSTOOD, QUESTION]  # the question last, nothing lost, in order
    assert len([t for t in said if OPENING in t]) == 1


def test_a_999_answer_still_comes_first_before_the_statement_and_the_walk(monkeypatch, kb):
    from bot.walks.safety import emergency_reply

    sos = emergency_reply(kb).text
    said = run_first_message(monkeypatch, [(sos, []), (QUESTION, [])], starts_walk=True)
    assert said[0].startswith(sos.splitlines()[0].strip())
    assert said[1].startswith(OPENING) and said[2] == QUESTION


def test_an_answer_without_a_walk_is_followed_by_the_statement(monkeypatch):
    said = run_first_message(monkeypatch, [("Drift: plans that stall while the child waits.", [])], starts_walk=False)
    assert said[0].startswith("Drift") and said[-1].startswith(OPENING) and len(said) == 2


def test_replies_held_back_are_still_sent_when_handling_the_message_fails(monkeypatch):
    said = run_first_message(monkeypatch, [(UNDERSTOOD, [])], starts_walk=False, fail=True)
    assert said == [UNDERSTOOD]
