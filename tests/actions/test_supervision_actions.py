"""Reflective supervision's actions, driven with tracker fixtures (no servers)."""
from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.supervision import ActionStartSupervision
from actions.walk import SERVICES, ActionAskAnswer, ValidateWalkForm
from bot.supervision import SupervisionService

DOMAIN = {"slots": {"answer": {}, "flow": {}, "flow_id": {}}, "forms": {"walk_form": {"required_slots": ["answer"]}}}


def tracker(text: str = "", intent: str | None = None, confidence: float = 0.95, slots: dict | None = None,
            events: list | None = None, sender: str = "fixture-supervisor") -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence},
              "intent_ranking": [{"name": intent, "confidence": confidence}]}
    return Tracker(sender, dict(slots or {}), latest, list(events or []), False, None,
                   {"name": "walk_form"} if slots and slots.get("flow_id") else {}, "action_listen")


def start(text: str = "/start_supervision", sender: str = "fixture-supervisor"):
    dispatcher = CollectingDispatcher()
    events = ActionStartSupervision().run(dispatcher, tracker(text, "start_supervision", sender=sender), {})
    flow = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return flow, dispatcher.messages


def ask(session_id: float) -> list[dict]:
    dispatcher = CollectingDispatcher()
    ActionAskAnswer().run(dispatcher, tracker(slots={"flow": "supervision", "flow_id": session_id}), {})
    return dispatcher.messages


def validate(session_id: float, text: str, intent: str | None = None, confidence: float = 0.95):
    dispatcher = CollectingDispatcher()
    t = tracker(text, intent, confidence, {"flow": "supervision", "flow_id": session_id, "answer": text,
                                           "requested_slot": "answer"},
                events=[{"event": "user", "text": text}, {"event": "slot", "name": "answer", "value": text}])
    events = asyncio.run(ValidateWalkForm().run(dispatcher, t, DOMAIN))
    return dispatcher.messages, events


def test_supervision_is_a_registered_walkthrough():
    assert SERVICES["supervision"] is SupervisionService


def test_start_sets_the_flow_and_introduces_the_session(db_url):
    flow, messages = start()
    assert flow["flow"] == "supervision" and flow["flow_id"] >= 1 and flow["answer"] is None
    assert "one open question at a time" in messages[0]["text"]
    question = ask(flow["flow_id"])[0]
    assert "Which case" in question["text"] and question["buttons"][0]["payload"] == "/why_asking"


def test_a_reference_in_the_request_is_used_at_once(db_url):
    flow, messages = start("supervision session for abc-12")
    assert "first supervision session recorded for ABC-12" in messages[-1]["text"]
    question = ask(flow["flow_id"])[0]
    assert "Which theme" in question["text"] or "these themes may help" in question["text"]
    assert any(b["title"] == "Drift" for b in question["buttons"])


def test_answers_go_through_the_form_validator(db_url):
    flow, _ = start()
    sid = flow["flow_id"]
    messages, events = validate(sid, "ACT-5")
    assert SlotSet("answer", None) in events
    validate(sid, "Drift")
    assert "(Drift)" in ask(sid)[0]["text"]
    messages, _ = validate(sid, "Mum is trying really hard and it's much better")
    assert messages == []  # the follow-up is the next question, asked by action_ask_answer
    assert "What has actually changed for the child" in ask(sid)[0]["text"]


def test_a_message_about_danger_gets_the_999_answer_first(db_url):
    flow, _ = start()
    messages, _ = validate(flow["flow_id"], "the baby is not breathing", "immediate_danger", 0.99)
    assert messages[0]["text"].startswith("If a child is in immediate danger, call 999 now.")
    assert "Which case" in ask(flow["flow_id"])[0]["text"]  # and the session goes on


def test_stop_ends_the_form(db_url):
    flow, _ = start()
    validate(flow["flow_id"], "ACT-6")
    messages, events = validate(flow["flow_id"], "/stop", "stop", 1.0)
    assert "stopped" in messages[0]["text"] and "ACT-6" in messages[0]["text"]
    assert SlotSet("requested_slot", None) in events


def test_the_message_that_started_the_session_is_not_an_answer(db_url):
    flow, _ = start("reflective supervision please")
    sid = flow["flow_id"]
    dispatcher = CollectingDispatcher()
    t = tracker("reflective supervision please", "start_supervision", 0.99,
                {"flow": "supervision", "flow_id": sid, "answer": "reflective supervision please",
                 "requested_slot": "answer"},
                events=[{"event": "user", "text": "reflective supervision please"},
                        {"event": "action", "name": "action_start_supervision"},
                        {"event": "slot", "name": "answer", "value": "reflective supervision please"}])
    asyncio.run(ValidateWalkForm().run(dispatcher, t, DOMAIN))
    assert dispatcher.messages == []
    assert "Which case" in ask(sid)[0]["text"]
