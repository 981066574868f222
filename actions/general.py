"""Actions outside the walkthroughs: the emergency answer, questions, clarification."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identity, latest_intent, latest_text, send
from bot import faq, records
from bot.answers import answer_question
from bot.knowledge import get_kb
from bot.menu import ask_question_reply, clarify, fallback_reply, not_in_flow
from bot.replies import Reply
from bot.safety import emergency_reply


class ActionImmediateDanger(Action):
    def name(self) -> str:
        return "action_immediate_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        kb = get_kb()
        send(dispatcher, [emergency_reply(kb)])
        with records.session_scope() as s:
            user = records.get_or_create_user(s, *identity(tracker))
            rule = tracker.latest_message.get("danger_rule") or "intent"
            records.audit(s, "emergency_answer", f"detected by: {rule}", user=user)
        return []


class ActionAnswerQuestion(Action):
    """Answers from knowledge/ with sources: the topic the response selector chose, else
    the topic the question names, else an invitation to ask."""

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        text = answer_text_for(tracker)
        send(dispatcher, [Reply(text) if text else ask_question_reply()])
        return []


def answer_text_for(tracker: Tracker) -> str | None:
    """The sourced answer to the latest message, or None when it names no known topic."""
    kb = get_kb()
    intent, confidence = latest_intent(tracker)
    key = selected_faq(tracker)
    if intent == "faq" and key:
        found = faq.answer_text(key, kb)
        if found:
            return found
    reply = answer_question(latest_text(tracker), kb)
    return reply.text if reply else None


def selected_faq(tracker: Tracker) -> str | None:
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    return response.get("intent_response_key")


class ActionClarify(Action):
    """Low confidence: answer from knowledge/ if the message names a topic, else ask
    which of the likely meanings the user had in mind, with readable labels."""

    def name(self) -> str:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        text = latest_text(tracker)
        found = answer_question(text, get_kb())
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
