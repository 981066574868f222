"""Reflective supervision's actions, driven with tracker fixtures (no servers)."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.supervision import ActionStartSupervision
from actions.walk import SERVICES
from bot.walks.supervision import SupervisionService

SENDER = "fixture-supervisor"


@pytest.fixture()
def supervision(walk):
    return walk("supervision", SENDER)


@pytest.fixture()
def start(make_tracker):
    def run(text: str = "/start_supervision"):
        dispatcher = CollectingDispatcher()
        events = ActionStartSupervision().run(dispatcher, make_tracker(text, "start_supervision", sender=SENDER), {})
        flow = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
        return flow, dispatcher.messages

    return run


def test_supervision_is_a_registered_walkthrough():
    assert SERVICES["supervision"] is SupervisionService


def test_start_sets_the_flow_and_introduces_the_session(db_url, start, supervision):
    flow, messages = start()
    assert flow["flow"] == "supervision" and flow["flow_id"] >= 1 and flow["answer"] is None
    assert "one open question at a time" in messages[0]["text"]
    question = supervision.ask(flow["flow_id"])[0]
    assert "Which case" in question["text"] and question["buttons"][0]["payload"] == "/why_asking"


def test_a_reference_in_the_request_is_used_at_once(db_url, start, supervision):
    flow, messages = start("supervision session for abc-12")
    assert "first supervision session recorded for ABC-12" in messages[-2]["text"]
    question = supervision.ask(flow["flow_id"])[0]
    assert messages[-1] == question  # the start sends the first question itself (one call a turn)
    assert "Which theme" in question["text"] or "these themes may help" in question["text"]
    assert any(b["title"] == "Drift" for b in question["buttons"])


def test_answers_go_through_the_form_validator(db_url, start, supervision):
    flow, _ = start()
    sid = flow["flow_id"]
    messages, events = supervision.answer(sid, "ACT-5")
    assert SlotSet("answer", None) in events
    supervision.answer(sid, "Drift")
    assert "(Drift)" in supervision.ask(sid)[0]["text"]
    messages, _ = supervision.answer(sid, "Mum is trying really hard and it's much better")
    # no feedback: only the follow-up, the next question, sent by the validator itself
    assert messages == supervision.ask(sid)
    assert "What has actually changed for the child" in messages[0]["text"]


def test_a_message_about_danger_gets_the_999_answer_first(db_url, start, supervision):
    flow, _ = start()
    messages, _ = supervision.answer(flow["flow_id"], "the baby is not breathing", "immediate_danger", 0.99)
    assert messages[0]["text"].startswith("If a child is in immediate danger, call 999 now.")
    assert "Which case" in supervision.ask(flow["flow_id"])[0]["text"]  # and the session goes on


def test_stop_ends_the_form(db_url, start, supervision):
    flow, _ = start()
    supervision.answer(flow["flow_id"], "ACT-6")
    messages, events = supervision.answer(flow["flow_id"], "/stop", "stop", 1.0)
    assert "stopped" in messages[0]["text"] and "ACT-6" in messages[0]["text"]
    assert SlotSet("requested_slot", None) in events
    # the validator ends the walk itself: no question, and flow cleared (no action_walk_end call)
    assert SlotSet("flow", None) in events and SlotSet("flow_id", None) in events
    assert not any("Which theme" in (m["text"] or "") for m in messages)


def test_the_message_that_started_the_session_is_not_an_answer(db_url, start, supervision):
    flow, _ = start("reflective supervision please")
    sid = flow["flow_id"]
    messages, _ = supervision.validate(
        "reflective supervision please",
        "start_supervision",
        0.99,
        sid,
        events=[
            {"event": "user", "text": "reflective supervision please"},
            {"event": "action", "name": "action_start_supervision"},
            {"event": "slot", "name": "answer", "value": "reflective supervision please"},
        ],
    )
    assert messages == []
    assert "Which case" in supervision.ask(sid)[0]["text"]
