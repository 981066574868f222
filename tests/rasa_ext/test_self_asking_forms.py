"""rasa_ext/workarounds.py, item 5: walk_form asks through its validator and start actions, so
a walkthrough turn makes one action-server call (issue 23). Rasa's own FormAction runs here
against a fake action endpoint that counts the requests it gets, with and without the patch."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_ext import workarounds as w

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [start_check, inform]
slots:
  answer:
    type: text
    influence_conversation: false
    mappings:
      - type: from_text
        conditions:
          - active_loop: walk_form
            requested_slot: answer
  colour:
    type: text
    influence_conversation: false
    mappings:
      - type: from_text
        conditions:
          - active_loop: other_form
            requested_slot: colour
  flow:
    type: text
    influence_conversation: false
    mappings:
      - type: custom
forms:
  walk_form:
    required_slots: [answer]
  other_form:
    required_slots: [colour]
actions: [action_check_start, action_ask_answer, validate_walk_form, action_ask_colour, validate_other_form]
""")

QUESTION = {"text": "Q2 (fake): how old is the child?"}


class CountingEndpoint(EndpointConfig):
    """An action server that records which action each request runs. The validators clear
    the slot they were given (so the form goes on) and send feedback and the next question."""

    def __init__(self) -> None:
        super().__init__(url="http://action-server.invalid/webhook")
        self.calls: list[str] = []

    async def request(
        self, method: str = "post", subpath=None, content_type="application/json", compress=False, **kwargs
    ):
        name = kwargs["json"]["next_action"]
        self.calls.append(name)
        if name.startswith("validate_"):
            slot = "answer" if name == "validate_walk_form" else "colour"
            return {
                "events": [{"event": "slot", "name": slot, "value": None}],
                "responses": [{"text": "Noted (fake feedback)."}, QUESTION],
            }
        return {"events": [], "responses": [QUESTION]}


@pytest.fixture()
def stock():
    """Rasa's own FormAction for the test, the patch back afterwards."""
    w.uninstall_self_asking_forms()
    yield
    w.install_self_asking_forms()


def run(form: str, tracker: DialogueStateTracker) -> tuple[list, list[str]]:
    endpoint = CountingEndpoint()
    events = asyncio.run(FormAction(form, endpoint).run(CollectingOutputChannel(), None, tracker, DOMAIN))
    return events, endpoint.calls


def after_start(requested: str | None = "answer") -> DialogueStateTracker:
    """The turn a start action ran: it set flow, sent its first question and (when it asked)
    requested_slot."""
    events = [
        ActionExecuted("action_listen"),
        UserUttered("/start_check", {"name": "start_check"}),
        ActionExecuted("action_check_start"),
        BotUttered("Q1 (fake)"),
        SlotSet("flow", "check"),
    ]
    if requested:
        events.append(SlotSet("requested_slot", requested))
    return DialogueStateTracker.from_events("fake-sender", events, slots=DOMAIN.slots)


def a_turn(form: str = "walk_form", slot: str = "answer") -> DialogueStateTracker:
    """A message typed at the form's question, with the slot filled from the text."""
    events = [
        ActionExecuted("action_listen"),
        UserUttered("/start_check", {"name": "start_check"}),
        ActionExecuted(form),
        ActiveLoop(form),
        SlotSet("requested_slot", slot),
        ActionExecuted("action_listen"),
        UserUttered("no", {"name": "inform"}),
        SlotSet(slot, "no"),
    ]
    return DialogueStateTracker.from_events("fake-sender", events, slots=DOMAIN.slots)


def test_the_patch_is_in_place_once_workarounds_is_imported():
    assert FormAction._ask_for_slot is w._self_asking_ask_for_slot and FormAction.run is w._self_asking_run
    assert "walk_form" in w.SELF_ASKING_FORMS


def test_a_walkthrough_turn_is_one_call_with_feedback_and_the_next_question():
    events, calls = run("walk_form", a_turn())
    assert calls == ["validate_walk_form"]
    said = [e.text for e in events if isinstance(e, BotUttered)]
    assert said == ["Noted (fake feedback).", QUESTION["text"]]
    assert SlotSet("requested_slot", "answer") in events and ActiveLoop(None) not in events


def test_stock_rasa_makes_a_second_call_for_the_question(stock):
    events, calls = run("walk_form", a_turn())
    assert calls == ["validate_walk_form", "action_ask_answer"]
    assert [e.text for e in events if isinstance(e, BotUttered)].count(QUESTION["text"]) == 2


def test_the_form_starts_with_no_call_after_a_start_action_that_asked():
    events, calls = run("walk_form", after_start())
    assert calls == []
    assert events == [ActiveLoop("walk_form")]


def test_stock_rasa_calls_the_validator_and_asks_again_at_the_start(stock):
    _, calls = run("walk_form", after_start())
    assert calls == ["validate_walk_form", "action_ask_answer"]


def test_a_start_that_did_not_ask_starts_the_form_as_rasa_does():
    events, calls = run("walk_form", after_start(requested=None))
    assert calls == ["validate_walk_form", "action_ask_answer"]  # nobody asked yet: the form asks
    assert ActiveLoop("walk_form") in events


def test_back_in_the_form_after_another_action_it_asks_again_as_rasa_does():
    tracker = a_turn()
    tracker.update(ActionExecuted("action_default_fallback"))  # something else ran in between
    _, calls = run("walk_form", tracker)
    assert calls[-1] == "action_ask_answer"


def test_an_answered_slot_is_no_sign_that_a_question_was_asked():
    tracker = after_start()
    tracker.update(SlotSet("answer", "already"))
    assert not w.asked_before_activation(FormAction("walk_form", None), tracker, DOMAIN)
    tracker = after_start()
    tracker.update(UserUttered("hello", {"name": "inform"}))  # a new message since the start
    assert not w.asked_before_activation(FormAction("walk_form", None), tracker, DOMAIN)


def test_another_form_still_asks_with_its_own_action():
    _, calls = run("other_form", a_turn("other_form", "colour"))
    assert calls == ["validate_other_form", "action_ask_colour"]
    tracker = after_start("colour")  # requested_slot set by an action: not a self-asking form
    _, calls = run("other_form", tracker)
    assert "validate_other_form" in calls
