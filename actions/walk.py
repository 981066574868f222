"""One form, `walk_form`, for every walkthrough: the guided check, reflective supervision
and training. The slot `flow` says which service in bot/ runs it and `flow_id` which of its
stored records; the questions themselves come from knowledge/ through that service.

A service has: prompt(id) -> replies, handle(id, Incoming) -> Step, is_active(id) -> bool.

One action-server call a turn (issue 23): the action that starts a walk sends its first
question with its own replies (`begin`) and sets `requested_slot`, and walk_form's validator
sends the feedback and the next question together (`Walks.turn`). walk_form itself asks nothing: it is a
self-asking form (rasa_ext/workarounds.py, `install_self_asking_forms`), so Rasa neither runs
`action_ask_answer` after the validator nor calls the validator again when a start action
has just asked. `action_ask_answer` stays, for the production channel's resync (asking the
current question again after a half-done turn). When a walk ends, the validator clears
`flow` and `flow_id` itself, so the end of a walk costs no second call either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, latest_text, send
from actions.general import answer_text_for
from bot.knowledge.texts import say
from bot.lang.questions import is_practice_question
from bot.walks.check import CheckService, Incoming
from bot.walks.moves import Walks
from bot.walks.supervision import SupervisionService
from bot.walks.training import TrainingService

# flow name -> a factory of its service; other walkthroughs register here
SERVICES: dict[str, Callable[[], Any]] = {
    "check": CheckService,
    "supervision": SupervisionService,
    "training": TrainingService,
}
STARTERS = {"action_check_start", "action_resume", "action_start_supervision", "action_start_training"}


def flow_of(tracker: Tracker) -> tuple[Any, int] | None:
    flow, flow_id = tracker.get_slot("flow"), tracker.get_slot("flow_id")
    if flow not in SERVICES or not flow_id:
        return None
    return SERVICES[flow](), int(flow_id)


def start_events(flow: str, flow_id: int) -> list[dict[str, Any]]:
    return [SlotSet("flow", flow), SlotSet("flow_id", float(flow_id)), SlotSet("answer", None)]


def begin(dispatcher: CollectingDispatcher, flow: str, flow_id: int) -> list[EventType]:
    """The events that start (or resume) a walk, after the start's own replies: its first
    question is sent here, and `requested_slot` says it was asked, so that walk_form starts
    without a call of its own. A walk that is not active (nothing left to ask) gets no
    question: walk_form then starts as Rasa does and ends at once."""
    events = start_events(flow, flow_id)
    service = SERVICES[flow]()
    if service.is_active(flow_id):
        send(dispatcher, service.prompt(flow_id))
        events.append(SlotSet("requested_slot", "answer"))
    return events


def end_events() -> dict[str, Any]:
    return {"answer": None, "flow": None, "flow_id": None}


def started_this_turn(tracker: Tracker) -> bool:
    """True when the message that started (or resumed) a walkthrough is the one being
    validated: it is a request, not an answer to the first question."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") in STARTERS:
            return True
    return False


class ActionAskAnswer(Action):
    """Asks the current question of the active walkthrough again. walk_form does not run it
    (its validator asks); the production channel's resync does (rasa_ext/prod_channel.py)."""

    def name(self) -> str:
        return "action_ask_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        found = flow_of(tracker)
        if found is None:
            dispatcher.utter_message(text=say("actions.lost_track"))
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        service, flow_id = found
        send(dispatcher, service.prompt(flow_id))
        return []


class ValidateWalkForm(FormValidationAction):
    def name(self) -> str:
        return "validate_walk_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        found = flow_of(tracker)
        return ["answer"] if found and found[0].is_active(found[1]) else []

    def validate_answer(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = flow_of(tracker)
        if found is None or started_this_turn(tracker):
            return {"answer": None}
        service, flow_id = found
        intent, confidence = latest_intent(tracker)
        text = latest_text(tracker)
        aside = None
        if intent in ("faq", "ask_question") and confidence >= 0.5:
            aside = answer_text_for(tracker)
        elif is_practice_question(text):
            aside = answer_text_for(tracker, covered_only=True)
        danger_rule = bool(tracker.latest_message.get("danger_rule"))
        flow = tracker.get_slot("flow")
        # the feedback and the next question together, in one database session (bot.walks.engine)
        outcome = Walks(factories=SERVICES).turn(
            flow, flow_id, Incoming(str(slot_value or ""), intent, confidence, aside, danger_rule)
        )
        send(dispatcher, outcome.replies)
        if outcome.finished or outcome.flow not in SERVICES or outcome.flow_id is None:
            return end_events()  # finished, paused or stopped: required_slots is now [] and the form ends
        if (outcome.flow, outcome.flow_id) != (flow, flow_id):
            # "resume ABC-12" or "start again" moved to another walk: the form carries on with it
            return {"answer": None, "flow": outcome.flow, "flow_id": float(outcome.flow_id)}
        return {"answer": None}


class ActionWalkEnd(Action):
    """Clears a finished walk's slots. No longer in the domain or the rules (the validator that
    ends a walk clears them itself, in the same call); kept in the action server only for models
    trained before issue 23, whose rule still runs it when a walk ends. Remove once no such
    model is served."""

    def name(self) -> str:
        return "action_walk_end"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        return [SlotSet("flow", None), SlotSet("flow_id", None), SlotSet("answer", None)]
