"""Training mode's actions, driven with tracker fixtures (no servers): starting an attempt,
asking and answering through walk_form, and the trainee's progress."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.training import ActionStartTraining, ActionTrainingProgress
from actions.walk import SERVICES
from bot.walks.training import MARK, TrainingService

SENDER = "fixture-trainee"


@pytest.fixture()
def training(walk):
    return walk("training", SENDER)


@pytest.fixture()
def started(db_url, training):
    dispatcher = CollectingDispatcher()
    events = ActionStartTraining().run(dispatcher, training.tracker("/start_training", "start_training"), {})
    assert SlotSet("flow", "training") in events and SlotSet("answer", None) in events
    attempt_id = next(e["value"] for e in events if e["name"] == "flow_id")
    return attempt_id, dispatcher.messages


def test_training_is_a_registered_walkthrough():
    assert SERVICES["training"] is TrainingService


def test_start_creates_an_attempt_marked_as_practice(started):
    attempt_id, messages = started
    assert attempt_id >= 1
    assert messages[0]["text"].startswith(MARK) and "invented families" in messages[0]["text"]


def test_ask_offers_the_scenarios_as_buttons(started, training):
    attempt_id, _ = started
    msg = training.ask(attempt_id)[0]
    assert msg["text"].startswith(MARK) and "Choose a practice scenario" in msg["text"]
    titles = [b["title"] for b in msg["buttons"]]
    assert titles[0] == "Surprise me" and any(t.startswith("TRN-03 ") for t in titles)


def test_a_scenario_by_buttons_through_the_form(started, training):
    attempt_id, _ = started
    messages, events = training.answer(attempt_id, "TRN-03")
    assert SlotSet("answer", None) in events and "TRN-03: A toddler alone in the flat" in messages[0]["text"]
    step = training.ask(attempt_id)[0]
    assert "step 1 of 3" in step["text"]
    add = next(b["payload"] for b in step["buttons"] if b["title"] == "Lack of supervision")
    messages, _ = training.answer(attempt_id, add)
    step = training.ask(attempt_id)[0]
    assert messages == [step]  # a choice added; the validator asks the question again with it ticked
    assert "Selected so far: Lack of supervision" in step["text"]
    messages, _ = training.answer(attempt_id, "done")
    assert messages[0]["text"].startswith(f"{MARK} Right: 2 of 2 points")
    level = training.ask(attempt_id)[0]
    emergency = next(b["payload"] for b in level["buttons"] if b["title"].startswith("Immediate danger"))
    messages, _ = training.answer(attempt_id, emergency)
    assert "Right" in messages[0]["text"]
    step = training.ask(attempt_id)[0]
    call = next(b["payload"] for b in step["buttons"] if b["title"] == "Call 999")
    messages, events = training.answer(attempt_id, call)
    text = "\n".join(m["text"] for m in messages)
    assert "Scenario TRN-03 complete: you scored 6 of 6 points (100%)" in text
    assert SlotSet("requested_slot", None) in events  # the form ends


def test_immediate_danger_inside_training_gets_the_999_answer_first(started, training):
    attempt_id, _ = started
    training.answer(attempt_id, "TRN-12")
    messages, events = training.answer(
        attempt_id, "a baby is not breathing", "immediate_danger", 1.0, danger_rule="danger_medical"
    )
    assert messages[0]["text"].startswith("If a child is in immediate danger, call 999 now.")
    assert SlotSet("requested_slot", None) not in events  # the practice carries on afterwards
    assert "step 1 of 3" in training.ask(attempt_id)[0]["text"]


def test_stop_ends_the_attempt_and_the_form(started, training):
    attempt_id, _ = started
    training.answer(attempt_id, "surprise me")
    messages, events = training.answer(attempt_id, "/stop", "stop", 1.0)
    assert "Practice stopped" in messages[0]["text"]
    assert SlotSet("requested_slot", None) in events


def test_the_starting_message_is_not_taken_as_an_answer(started, training):
    attempt_id, _ = started
    messages, _ = training.validate(
        "/start_training",
        "start_training",
        1.0,
        attempt_id,
        events=[
            {"event": "user", "text": "/start_training"},
            {"event": "action", "name": "action_start_training"},
            {"event": "slot", "name": "answer", "value": "/start_training"},
        ],
    )
    assert messages == []
    assert "Choose a practice scenario" in training.ask(attempt_id)[0]["text"]


def test_progress_action_shows_the_trainees_record(started, training):
    attempt_id, _ = started
    dispatcher = CollectingDispatcher()
    ActionTrainingProgress().run(dispatcher, training.tracker("how am I doing", "my_progress"), {})
    assert "haven't finished a practice scenario yet" in dispatcher.messages[0]["text"]
    training.answer(attempt_id, "TRN-09")
    for answer in ("none", "early help", "bias"):
        training.answer(attempt_id, answer)
    dispatcher = CollectingDispatcher()
    events = ActionTrainingProgress().run(dispatcher, training.tracker("how am I doing", "my_progress"), {})
    text = dispatcher.messages[0]["text"]
    assert events == [] and text.startswith(MARK)
    assert "Scenarios completed: 1 of 16" in text and "Average score: 100%" in text
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/start_training", "/menu"]
