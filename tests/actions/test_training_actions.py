"""Training mode's actions, driven with tracker fixtures (no servers): starting an attempt,
asking and answering through walk_form, and the trainee's progress."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.training import ActionStartTraining, ActionTrainingProgress
from actions.walk import SERVICES, ActionAskAnswer, ValidateWalkForm
from bot.training import MARK, TrainingService

SENDER = "fixture-trainee"
DOMAIN = {"slots": {"answer": {}, "flow": {}, "flow_id": {}}, "forms": {"walk_form": {"required_slots": ["answer"]}}}


def tracker(text: str = "", intent: str | None = None, confidence: float = 0.95, slots: dict | None = None,
            events: list | None = None, danger_rule: str | None = None) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence},
              "intent_ranking": [{"name": intent, "confidence": confidence}]}
    if danger_rule:
        latest["danger_rule"] = danger_rule
    return Tracker(SENDER, dict(slots or {}), latest, list(events or []), False, None,
                   {"name": "walk_form"} if slots and slots.get("flow_id") else {}, "action_listen")


def validate(attempt_id: float, text: str, intent: str | None = None, confidence: float = 0.95,
             danger_rule: str | None = None):
    dispatcher = CollectingDispatcher()
    t = tracker(text, intent, confidence, {"flow": "training", "flow_id": attempt_id, "answer": text,
                                           "requested_slot": "answer"},
                events=[{"event": "user", "text": text}, {"event": "slot", "name": "answer", "value": text}],
                danger_rule=danger_rule)
    events = asyncio.run(ValidateWalkForm().run(dispatcher, t, DOMAIN))
    return dispatcher.messages, events


def ask(attempt_id: float) -> dict:
    dispatcher = CollectingDispatcher()
    ActionAskAnswer().run(dispatcher, tracker(slots={"flow": "training", "flow_id": attempt_id}), {})
    return dispatcher.messages[0]


@pytest.fixture()
def started(db_url):
    dispatcher = CollectingDispatcher()
    events = ActionStartTraining().run(dispatcher, tracker("/start_training", "start_training"), {})
    assert SlotSet("flow", "training") in events and SlotSet("answer", None) in events
    attempt_id = next(e["value"] for e in events if e["name"] == "flow_id")
    return attempt_id, dispatcher.messages


def test_training_is_a_registered_walkthrough():
    assert SERVICES["training"] is TrainingService


def test_start_creates_an_attempt_marked_as_practice(started):
    attempt_id, messages = started
    assert attempt_id >= 1
    assert messages[0]["text"].startswith(MARK) and "invented families" in messages[0]["text"]


def test_ask_offers_the_scenarios_as_buttons(started):
    attempt_id, _ = started
    msg = ask(attempt_id)
    assert msg["text"].startswith(MARK) and "Choose a practice scenario" in msg["text"]
    titles = [b["title"] for b in msg["buttons"]]
    assert titles[0] == "Surprise me" and any(t.startswith("TRN-03 ") for t in titles)


def test_a_scenario_by_buttons_through_the_form(started):
    attempt_id, _ = started
    messages, events = validate(attempt_id, "TRN-03")
    assert SlotSet("answer", None) in events and "TRN-03: A toddler alone in the flat" in messages[0]["text"]
    step = ask(attempt_id)
    assert "step 1 of 3" in step["text"]
    add = next(b["payload"] for b in step["buttons"] if b["title"] == "Lack of supervision")
    messages, _ = validate(attempt_id, add)
    assert messages == []  # a choice added; the question is asked again with it ticked
    step = ask(attempt_id)
    assert "Selected so far: Lack of supervision" in step["text"]
    messages, _ = validate(attempt_id, "done")
    assert messages[0]["text"].startswith(f"{MARK} Right: 2 of 2 points")
    level = ask(attempt_id)
    emergency = next(b["payload"] for b in level["buttons"] if b["title"].startswith("Immediate danger"))
    messages, _ = validate(attempt_id, emergency)
    assert "Right" in messages[0]["text"]
    step = ask(attempt_id)
    call = next(b["payload"] for b in step["buttons"] if b["title"] == "Call 999")
    messages, events = validate(attempt_id, call)
    text = "\n".join(m["text"] for m in messages)
    assert "Scenario TRN-03 complete: you scored 6 of 6 points (100%)" in text
    assert SlotSet("requested_slot", None) in events  # the form ends


def test_immediate_danger_inside_training_gets_the_999_answer_first(started):
    attempt_id, _ = started
    validate(attempt_id, "TRN-12")
    messages, events = validate(attempt_id, "a baby is not breathing", "immediate_danger", 1.0,
                                danger_rule="danger_medical")
    assert messages[0]["text"].startswith("If a child is in immediate danger, call 999 now.")
    assert SlotSet("requested_slot", None) not in events  # the practice carries on afterwards
    assert "step 1 of 3" in ask(attempt_id)["text"]


def test_stop_ends_the_attempt_and_the_form(started):
    attempt_id, _ = started
    validate(attempt_id, "surprise me")
    messages, events = validate(attempt_id, "/stop", "stop", 1.0)
    assert "Practice stopped" in messages[0]["text"]
    assert SlotSet("requested_slot", None) in events


def test_the_starting_message_is_not_taken_as_an_answer(started):
    attempt_id, _ = started
    dispatcher = CollectingDispatcher()
    t = tracker("/start_training", "start_training", 1.0,
                {"flow": "training", "flow_id": attempt_id, "answer": "/start_training", "requested_slot": "answer"},
                events=[{"event": "user", "text": "/start_training"}, {"event": "action", "name": "action_start_training"},
                        {"event": "slot", "name": "answer", "value": "/start_training"}])
    asyncio.run(ValidateWalkForm().run(dispatcher, t, DOMAIN))
    assert dispatcher.messages == []
    assert "Choose a practice scenario" in ask(attempt_id)["text"]


def test_progress_action_shows_the_trainees_record(started):
    attempt_id, _ = started
    dispatcher = CollectingDispatcher()
    ActionTrainingProgress().run(dispatcher, tracker("how am I doing", "my_progress"), {})
    assert "haven't finished a practice scenario yet" in dispatcher.messages[0]["text"]
    validate(attempt_id, "TRN-09")
    for answer in ("none", "early help", "bias"):
        validate(attempt_id, answer)
    dispatcher = CollectingDispatcher()
    events = ActionTrainingProgress().run(dispatcher, tracker("how am I doing", "my_progress"), {})
    text = dispatcher.messages[0]["text"]
    assert events == [] and text.startswith(MARK)
    assert "Scenarios completed: 1 of 16" in text and "Average score: 100%" in text
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/start_training", "/menu"]
