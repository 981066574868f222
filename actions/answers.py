"""Answers to practice questions, and the honest fallback when the guidance does not cover one.

Thin: what to say is decided by bot.knowledge.answers.decide() from the message, the ResponseSelector's
choice and its confidence; this module only reads them from the tracker and sends the reply.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_text, send
from bot.knowledge.answers import Decision, decide, is_invitation
from bot.knowledge.loader import get_kb
from bot.lang.questions import is_practice_question
from bot.walks.menu import ask_question_reply
from bot.walks.replies import Reply


def selected_faq(tracker: Tracker) -> tuple[str | None, float, list[dict]]:
    """The selector's topic key, its confidence and its ranking for the latest message."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    return (
        response.get("intent_response_key"),
        float(response.get("confidence") or 0.0),
        list(selector.get("ranking") or []),
    )


def decision_for(tracker: Tracker) -> Decision | None:
    """What to answer to the latest message; None when it only asks to ask a question."""
    kb = get_kb()
    text = latest_text(tracker)
    if is_invitation(text, kb):
        return None
    key, confidence, ranking = selected_faq(tracker)
    return decide(text, kb, key, confidence, ranking)


def answer_text_for(tracker: Tracker, covered_only: bool = False) -> str | None:
    """An aside in the middle of a walkthrough: the sourced answer or the honest "not covered",
    never the hand-over of a case (the walkthrough reads that message as an answer). With
    covered_only, only a sourced answer: a message that merely looks like a question (it ends
    with "?") is an answer unless the knowledge base has something on it (A8, H10)."""
    found = decision_for(tracker)
    if found is None or found.kind == "case" or (covered_only and found.kind == "not_covered"):
        return None
    return found.reply.text


def clarify_reply(tracker: Tracker) -> Reply | None:
    """At low confidence: the answer when the message names an item or is a practice question
    (sourced, or honestly not covered), the check for a case description, else None."""
    found = decision_for(tracker)
    if found is None:
        return None
    question = is_practice_question(latest_text(tracker))
    if found.kind == "topic" and not question and faq_confidence(tracker) < MIN_FAQ_FOR_A_TOPIC:
        # The FAQ selector ranks topics for every message, and a vague one ("check thing
        # please") can find a topic sharing a word with it; at low confidence, with the
        # classifier not reading it as a practice question either, asking beats guessing.
        return None
    if found.kind in ("item", "topic", "case") or question:
        return found.reply
    return None


MIN_FAQ_FOR_A_TOPIC = 0.3


def faq_confidence(tracker: Tracker) -> float:
    """The classifier's confidence that the latest message is a practice question (faq)."""
    for entry in tracker.latest_message.get("intent_ranking") or ():
        if entry.get("name") == "faq":
            return float(entry.get("confidence") or 0.0)
    return 0.0


class ActionAnswerQuestion(Action):
    """A practice question: the sourced answer, the item it names, or "the documents I hold
    don't cover that" with the nearest topics and who to ask. A case description is handed to
    the check instead."""

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        found = decision_for(tracker)
        send(dispatcher, [found.reply if found is not None else ask_question_reply()])
        return []
