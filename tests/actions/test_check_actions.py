"""The check's actions, driven with tracker fixtures (no servers)."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.check import ActionCheckStart, ActionResume
from actions.general import ActionClarify, ActionImmediateDanger


@pytest.fixture()
def check(walk):
    return walk("check", "fixture-user")


@pytest.fixture()
def started(db_url, make_tracker):
    dispatcher = CollectingDispatcher()
    events = ActionCheckStart().run(dispatcher, make_tracker("/start_check", "start_check"), {})
    assert {"event": "slot", "name": "flow", "value": "check", "timestamp": None} in events
    check_id = next(e["value"] for e in events if e["name"] == "flow_id")
    return check_id, dispatcher.messages


def test_start_sets_the_check_and_introduces_it(started):
    check_id, messages = started
    assert check_id >= 1
    assert "one question at a time" in messages[0]["text"]


def test_start_sends_the_first_question_and_marks_it_asked(db_url, make_tracker, check):
    """One call a turn (issue 23): walk_form asks nothing, so the start sends the question
    and sets requested_slot (rasa_ext/workarounds.py activates the form without a call)."""
    dispatcher = CollectingDispatcher()
    events = ActionCheckStart().run(dispatcher, make_tracker("/start_check", "start_check"), {})
    check_id = next(e["value"] for e in events if e["name"] == "flow_id")
    assert SlotSet("requested_slot", "answer") in events
    assert dispatcher.messages[-1] == check.ask(check_id)[0]
    assert "immediate danger right now" in dispatcher.messages[-1]["text"]


def test_ask_renders_the_current_question_with_buttons(started, check):
    check_id, _ = started
    msg = check.ask(check_id)[0]
    assert "immediate danger right now" in msg["text"]
    assert [b["title"] for b in msg["buttons"]][:3] == ["Yes", "No", "Not sure"]


def test_validation_stores_the_answer_and_clears_the_slot(started, check):
    check_id, _ = started
    messages, events = check.answer(check_id, "No")
    assert SlotSet("answer", None) in events
    assert "case reference" in check.ask(check_id)[0]["text"]
    assert messages[-1] == check.ask(check_id)[0]  # the validator sends the next question too
    assert SlotSet("flow", None) not in events


def test_an_answer_that_does_not_fit_is_explained_and_nothing_moves(started, check):
    check_id, _ = started
    messages, _ = check.answer(check_id, "purple")
    assert "choose one of the buttons" in messages[0]["text"]
    assert "immediate danger right now" in check.ask(check_id)[0]["text"]
    assert messages[1:] == check.ask(check_id)  # the explanation, then the same question again


def test_stop_ends_the_form(started, check):
    check_id, _ = started
    messages, events = check.answer(check_id, "/stop", "stop", 1.0)
    assert "stopped" in messages[0]["text"]
    assert SlotSet("requested_slot", None) in events
    # the validator ends the walk itself (no action_walk_end call) and asks nothing more
    assert SlotSet("flow", None) in events and SlotSet("flow_id", None) in events
    assert not any("immediate danger right now" in (m["text"] or "") for m in messages)


def test_a_paused_check_resumes_with_its_question_in_the_same_call(started, check, make_tracker):
    check_id, _ = started
    check.answer(check_id, "No")
    check.answer(check_id, "RES-77")
    messages, events = check.answer(check_id, "/pause", "pause", 1.0)
    assert SlotSet("flow", None) in events
    dispatcher = CollectingDispatcher()
    events = ActionResume().run(dispatcher, make_tracker("resume RES-77", "resume"), {})
    resumed = next(e["value"] for e in events if e.get("name") == "flow_id")
    assert SlotSet("requested_slot", "answer") in events and events[-1] == FollowupAction("walk_form")
    assert dispatcher.messages[-1] == check.ask(resumed)[0]


def test_resume_without_a_paused_check_says_so(db_url, make_tracker):
    dispatcher = CollectingDispatcher()
    events = ActionResume().run(dispatcher, make_tracker("resume ZZZ-999", "resume"), {})
    assert events == [] and "can't find a paused check for ZZZ-999" in dispatcher.messages[0]["text"]


def test_immediate_danger_action_answers_999_and_audits(db_url, make_tracker):
    from sqlalchemy import select

    from bot.records import store as records

    dispatcher = CollectingDispatcher()
    ActionImmediateDanger().run(dispatcher, make_tracker("kids home alone right now", "immediate_danger"), {})
    assert dispatcher.messages[0]["text"].startswith("If a child is in immediate danger, call 999 now.")
    with records.session_scope(db_url) as s:
        events = s.execute(select(records.AuditEvent.event)).scalars().all()
    assert "emergency_answer" in events


def test_clarify_offers_readable_labels_not_intent_names(db_url, make_tracker):
    dispatcher = CollectingDispatcher()
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "start_supervision", "confidence": 0.4},
        {"name": "start_check", "confidence": 0.35},
    ]
    ActionClarify().run(dispatcher, make_tracker("hmm the family thing", "nlu_fallback", 0.45, ranking=ranking), {})
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles[:2] == ["Reflective supervision", "Check my concerns about a child"]
    assert not any("_" in t for t in titles)


def test_the_message_that_started_the_walk_is_not_taken_as_an_answer(started, check):
    check_id, _ = started
    messages, _ = check.validate(
        "resume ABC-12",
        "resume",
        0.99,
        check_id,
        events=[
            {"event": "user", "text": "resume ABC-12"},
            {"event": "action", "name": "action_resume"},
            {"event": "slot", "name": "answer", "value": "resume ABC-12"},
        ],
    )
    assert messages == []
    assert "immediate danger right now" in check.ask(check_id)[0]["text"]
