"""The production REST channel (rasa_ext/prod_channel.py) with a fake Rasa behind it: the
token, the sender in the URL, "please try again" on a failed turn, and the question asked
again after a turn that may have been half done."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.domain import Domain

from rasa_ext import prod_channel as pc
from rasa_ext import tracker_store as ts

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t" * 40


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


class FakeProcessor:
    """Enough of Rasa's MessageProcessor for the channel's resync."""

    def __init__(self, domain, loop="walk_form"):
        self.domain = domain
        self.nlg = None
        self.loop = loop
        self.saved = 0
        self.ran = []

    async def fetch_tracker_and_update_session(self, sender, collector):
        self.fetched_after_deletes = len(getattr(self, "lock_store", SimpleNamespace(deleted=[])).deleted)
        return SimpleNamespace(active_loop_name=self.loop, sender_id=sender)

    def _get_action(self, name):
        return name

    async def _run_action(self, action, tracker, collector, nlg, prediction):
        self.ran.append(action)
        if action == "action_ask_answer":
            await collector.send_response(
                tracker.sender_id, {"text": "(5 of about 20) Does the child have a disability?"}
            )
        return False

    async def save_tracker(self, tracker):
        self.saved += 1


class FakeLockStore(InMemoryLockStore):
    def __init__(self):
        super().__init__()
        self.deleted = []

    def delete_lock(self, conversation_id):
        self.deleted.append(conversation_id)
        super().delete_lock(conversation_id)


def request(body, sender_param="same", token=TOKEN, agent=None):
    body = dict(body)
    raw = json.dumps(body).encode()
    args = {}
    if sender_param == "same":
        args["sender"] = body.get("sender")
    elif sender_param is not None:
        args["sender"] = sender_param
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return SimpleNamespace(
        json=body, body=raw, headers=headers, args=args, app=SimpleNamespace(ctx=SimpleNamespace(agent=agent))
    )


def channel(**kw):
    return pc.ProdRestInput(inflight=pc.InflightStore("this-instance"), **kw)


def call(ch, req, on_new_message):
    async def go():
        res = await ch.handle_request(req, on_new_message)
        return res.status, json.loads(res.body)

    return asyncio.run(go())


async def answers(message):
    await message.output_channel.send_text_message(message.sender_id, f"you said {message.text}")


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv("REST_API_TOKEN", TOKEN)


def test_without_a_token_set_the_channel_is_off(monkeypatch):
    monkeypatch.delenv("REST_API_TOKEN")
    status, body = call(channel(), request({"sender": "a", "message": "hi"}), answers)
    assert status == 503 and "REST_API_TOKEN" in body["error"]


def test_a_wrong_or_missing_token_is_refused():
    assert call(channel(), request({"sender": "a", "message": "hi"}, token="nope"), answers)[0] == 401
    assert call(channel(), request({"sender": "a", "message": "hi"}, token=None), answers)[0] == 401
    status, body = call(channel(), request({"sender": "a", "message": "hi"}), answers)
    assert status == 200 and body[0]["text"] == "you said hi"


def test_the_sender_in_the_url_must_match_the_body():
    status, body = call(channel(), request({"sender": "a", "message": "hi"}, sender_param="b"), answers)
    assert status == 400 and "differ" in body["error"]
    status, body = call(channel(), request({"sender": "a", "message": "hi"}, sender_param=None), answers)
    assert status == 400 and "?sender=" in body["error"]
    ch = channel(require_sender_param=False)
    assert call(ch, request({"sender": "a", "message": "hi"}, sender_param=None), answers)[0] == 200


def test_bad_input_still_gets_the_checked_channels_answers():
    assert call(channel(), request({"sender": "a"}), answers)[0] == 400
    assert call(channel(), request({"sender": "a", "message": "x" * 6000}), answers)[0] == 413


def test_a_failed_turn_asks_to_try_again_then_the_question_is_asked_again(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())
    ch = channel()

    async def action_server_down(message):
        # what Rasa does when an action fails: log it and carry on with what it has
        logging.getLogger("rasa.core.processor").error(
            "Encountered an exception while running action " "'walk_form'.",
            exc_info=(RuntimeError, RuntimeError("x"), None),
        )

    status, body = call(ch, request({"sender": "p1", "message": "No"}, agent=agent), action_server_down)
    assert status == 503 and body[0]["custom"] == {"retry": True} and "Please try again" in body[0]["text"]
    # the user sends the answer again: it is not taken as the answer to the next question
    handled = []

    async def record(message):
        handled.append(message.text)
        await answers(message)

    status, body = call(ch, request({"sender": "p1", "message": "No"}, agent=agent), record)
    assert status == 200 and handled == []
    assert body[0]["custom"] == {"resync": True} and "where we are" in body[0]["text"]
    assert "disability" in body[1]["text"]
    assert agent.processor.ran == ["action_ask_answer", "action_listen"] and agent.processor.saved == 1
    # and the conversation goes on as usual
    status, body = call(ch, request({"sender": "p1", "message": "No"}, agent=agent), record)
    assert status == 200 and handled == ["No"]


def test_after_a_failed_turn_a_child_in_danger_still_reaches_rasa_for_the_999_answer(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())
    ch = channel()
    asyncio.run(ch.inflight.begin("p7", None))  # a turn of this conversation did not finish
    handled = []

    async def record(message):
        handled.append(message.text)
        await answers(message)

    status, body = call(
        ch, request({"sender": "p7", "message": "the toddlers are on their own right now"}, agent=agent), record
    )
    assert status == 200 and handled == ["the toddlers are on their own right now"]
    assert agent.processor.ran == []  # not held back for "here is where we are"
    # and the texts that stand in for an answer both say it
    assert "call 999" in pc.TRY_AGAIN and "call 999" in pc.RESYNC


def test_an_exception_in_rasa_is_a_try_again_not_a_500(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())

    async def boom(message):
        raise ConnectionError("lock store unreachable")

    status, body = call(channel(), request({"sender": "p2", "message": "hi"}, agent=agent), boom)
    assert status == 503 and body[0]["custom"]["retry"]


def test_a_tracker_store_failure_is_a_try_again(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())

    async def store_down(message):
        ts.note_failure("tracker store read failed", retrieve=True)
        await answers(message)  # Rasa would answer from an empty conversation

    status, body = call(channel(), request({"sender": "p3", "message": "No"}, agent=agent), store_down)
    assert status == 503 and body[0]["custom"]["retry"]


def test_without_a_running_walkthrough_the_message_is_handled_as_usual(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain, loop=None), lock_store=FakeLockStore())
    ch = channel()
    asyncio.run(ch.inflight.begin("p4", None))  # a turn that did not finish
    status, body = call(ch, request({"sender": "p4", "message": "menu"}, agent=agent), answers)
    assert status == 200 and body == [{"recipient_id": "p4", "text": "you said menu"}]


def test_a_turn_left_by_a_dead_instance_has_its_lock_removed(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())
    agent.processor.lock_store = agent.lock_store
    store = pc.InflightStore("this-instance")
    asyncio.run(store._put("p5", {"state": "inflight", "instance": "rasa-1-gone", "at": 0}, 100))
    ch = pc.ProdRestInput(inflight=store)
    status, body = call(ch, request({"sender": "p5", "message": "No"}, agent=agent), answers)
    assert agent.processor.fetched_after_deletes == 1  # the stale lock went before the conversation was read
    assert status == 200 and body[0]["custom"] == {"resync": True}


def test_the_failure_handler_ignores_other_turns_and_info_logs():
    pc._install_failure_handler()

    async def go():
        turn = ts.start_turn("x")
        logging.getLogger("rasa.core.processor").info("Encountered an exception while running action")
        logging.getLogger("rasa.core.actions.action").error("a validation rejected the slot")
        return turn

    assert not asyncio.run(go()).failed


def test_a_message_sent_again_with_its_id_gets_the_same_answer_not_a_second_turn(domain):
    agent = SimpleNamespace(processor=FakeProcessor(domain), lock_store=FakeLockStore())
    ch = channel()
    handled = []

    async def record(message):
        handled.append((message.text, message.message_id))
        await message.output_channel.send_text_message(message.sender_id, f"question {len(handled) + 1}")

    first = call(ch, request({"sender": "p6", "message": "No", "message_id": "m-1"}, agent=agent), record)
    # the answer was lost on the way back; the client sends the same message with the same id
    again = call(ch, request({"sender": "p6", "message": "No", "message_id": "m-1"}, agent=agent), record)
    assert first == again == (200, [{"recipient_id": "p6", "text": "question 2"}])
    assert handled == [("No", "m-1")]
    # the next message, also "No", is a new turn
    nxt = call(ch, request({"sender": "p6", "message": "No", "message_id": "m-2"}, agent=agent), record)
    assert nxt == (200, [{"recipient_id": "p6", "text": "question 3"}]) and len(handled) == 2
    # without ids every message is a new turn
    call(ch, request({"sender": "p6", "message": "No"}, agent=agent), record)
    call(ch, request({"sender": "p6", "message": "No"}, agent=agent), record)
    assert len(handled) == 4


class FakeStore:
    def __init__(self, known=()):
        self.known = set(known)

    async def exists(self, sender):
        return sender in self.known


def test_an_unknown_button_payload_is_answered_without_reaching_rasa(domain):
    agent = SimpleNamespace(domain=domain, tracker_store=FakeStore())
    reached = []

    async def rasa(message):
        reached.append(message.text)

    for payload in ("/no_such_intent", "/skip@nan", '/greet{"x": }'):
        status, body = call(channel(), request({"sender": "p9", "message": payload}, agent=agent), rasa)
        assert status == 200 and "don't recognise that button" in body[0]["text"], payload
    assert reached == []
    status, body = call(channel(), request({"sender": "p9", "message": "/skip"}, agent=agent), rasa)
    assert status == 200 and reached == ["/skip"]  # a button the assistant does send goes through


def test_a_new_conversation_gets_the_first_use_statement_after_the_answer(domain):
    agent = SimpleNamespace(domain=domain, tracker_store=FakeStore(known={"old-hand"}))
    status, body = call(channel(), request({"sender": "newcomer-1", "message": "hi"}, agent=agent), answers)
    assert status == 200 and body[0]["text"] == "you said hi"
    assert len(body) == 2 and "decision support" in body[1]["text"]
    status, body = call(channel(), request({"sender": "newcomer-1", "message": "hi"}, agent=agent), answers)
    assert len(body) == 1  # once
    status, body = call(channel(), request({"sender": "old-hand", "message": "hi"}, agent=agent), answers)
    assert len(body) == 1
