"""Actions outside the walkthroughs: the emergency answer, questions, clarification."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import answer_text_for, clarify_reply  # noqa: F401  (answer_text_for: actions/walk.py)
from actions.common import identity, send
from bot.knowledge.loader import get_kb
from bot.records import store as records
from bot.walks.menu import clarify, fallback_reply, not_in_flow
from bot.walks.safety import emergency_reply


class ActionImmediateDanger(Action):
    def name(self) -> str:
        return "action_immediate_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        kb = get_kb()
        send(dispatcher, [emergency_reply(kb, in_walk=bool(tracker.get_slot("flow")))])
        with records.session_scope() as s:
            user = records.get_or_create_user(s, *identity(tracker))
            rule = tracker.latest_message.get("danger_rule") or "intent"
            records.audit(s, "emergency_answer", f"detected by: {rule}", user=user)
        return []


class ActionClarify(Action):
    """Low confidence: answer a practice question (or say honestly that the guidance does not
    cover it, actions/answers.py), hand a case description to the check, else ask which of the
    likely meanings the user had in mind, with readable labels."""

    def name(self) -> str:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        found = clarify_reply(tracker)
        if found:
            send(dispatcher, [found])
            return []
        send(dispatcher, [clarify(tracker.latest_message.get("intent_ranking") or [])])
        return []


class ActionNotInFlow(Action):
    def name(self) -> str:
        return "action_not_in_flow"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, [not_in_flow()])
        return []


class ActionDefaultFallback(Action):
    """The policies are not confident what to do next: say so and offer the menu."""

    def name(self) -> str:
        return "action_default_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        from rasa_sdk.events import UserUtteranceReverted

        send(dispatcher, [fallback_reply()])
        return [UserUtteranceReverted()]
