"""One form, `walk_form`, for every walkthrough: the guided check, reflective supervision
and training. The slot `flow` says which service in bot/ runs it and `flow_id` which of its
stored records; the questions themselves come from knowledge/ through that service.

A service has: prompt(id) -> replies, handle(id, Incoming) -> Step, is_active(id) -> bool.
"""
from __future__ import annotations

from typing import Any, Callable

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, latest_text, send
from actions.general import answer_text_for
from bot.check import CheckService, Incoming
from bot.commands import Walks
from bot.lang.questions import is_practice_question
from bot.supervision import SupervisionService
from bot.training import TrainingService

# flow name -> a factory of its service; other walkthroughs register here
SERVICES: dict[str, Callable[[], Any]] = {"check": CheckService, "supervision": SupervisionService,
                                          "training": TrainingService}
STARTERS = {"action_check_start", "action_resume", "action_start_supervision", "action_start_training"}


def flow_of(tracker: Tracker) -> tuple[Any, int] | None:
    flow, flow_id = tracker.get_slot("flow"), tracker.get_slot("flow_id")
    if flow not in SERVICES or not flow_id:
        return None
    return SERVICES[flow](), int(flow_id)


def start_events(flow: str, flow_id: int) -> list[dict[str, Any]]:
    return [SlotSet("flow", flow), SlotSet("flow_id", float(flow_id)), SlotSet("answer", None)]


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
    """Asks the current question of the active walkthrough."""

    def name(self) -> str:
        return "action_ask_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        found = flow_of(tracker)
        if found is None:
            dispatcher.utter_message(text="Sorry, I lost track of where we were. Say 'resume' and your case "
                                          "reference to carry on, or 'menu' to start again.")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        service, flow_id = found
        send(dispatcher, service.prompt(flow_id))
        return []


class ValidateWalkForm(FormValidationAction):
    def name(self) -> str:
        return "validate_walk_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        found = flow_of(tracker)
        return ["answer"] if found and found[0].is_active(found[1]) else []

    def validate_answer(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: DomainDict) -> dict[str, Any]:
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
        outcome = Walks(factories=SERVICES).handle(flow, flow_id, Incoming(str(slot_value or ""), intent, confidence,
                                                                           aside, danger_rule))
        send(dispatcher, outcome.replies)
        if outcome.flow_id is not None and (outcome.flow, outcome.flow_id) != (flow, flow_id):
            # "resume ABC-12" or "start again" moved to another walk: the form carries on with it
            return {"answer": None, "flow": outcome.flow, "flow_id": float(outcome.flow_id)}
        return {"answer": None}


class ActionWalkEnd(Action):
    def name(self) -> str:
        return "action_walk_end"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        return [SlotSet("flow", None), SlotSet("flow_id", None), SlotSet("answer", None)]
