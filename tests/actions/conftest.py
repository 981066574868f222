"""Driving the custom actions without servers: the one tracker fixture (`make_tracker`, the
rasa_sdk Tracker an action receives from Rasa) and a walkthrough driver (`walk`) that answers
through walk_form's validator, as Rasa does turn by turn (the validator sends the feedback and
the next question), and reads the current question (action_ask_answer, the resync's action).
The records live in a temporary database (the `db_url` fixture of tests/conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

# the part of the domain walk_form's validator reads
WALK_DOMAIN = {
    "slots": {"answer": {}, "flow": {}, "flow_id": {}},
    "forms": {"walk_form": {"required_slots": ["answer"]}},
}


def build_tracker(
    text: str = "",
    intent: str | None = None,
    confidence: float = 0.95,
    slots: dict | None = None,
    events: list | None = None,
    *,
    sender: str = "fixture-user",
    ranking: list | None = None,
    entities: list | None = None,
    metadata: dict | None = None,
    danger_rule: str | None = None,
) -> Tracker:
    """The latest message as NLU left it (text, intent, ranking, entities, channel metadata, the
    danger rule that fired), the slots, and walk_form active while a walkthrough (`flow_id`) runs."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
        "metadata": metadata or {},
    }
    if danger_rule:
        latest["danger_rule"] = danger_rule
    active_loop = {"name": "walk_form"} if slots and slots.get("flow_id") else {}
    return Tracker(sender, dict(slots or {}), latest, list(events or []), False, None, active_loop, "action_listen")


@pytest.fixture()
def make_tracker() -> Callable[..., Tracker]:
    return build_tracker


class WalkDriver:
    """One user's walkthrough of one kind (check, supervision, training)."""

    def __init__(self, flow: str, sender: str) -> None:
        self.flow, self.sender = flow, sender

    def tracker(self, *args, **kwargs) -> Tracker:
        return build_tracker(*args, sender=self.sender, **kwargs)

    def ask(self, flow_id: float) -> list[dict]:
        """The messages of action_ask_answer: the current question."""
        from actions.walk import ActionAskAnswer

        dispatcher = CollectingDispatcher()
        ActionAskAnswer().run(dispatcher, self.tracker(slots={"flow": self.flow, "flow_id": flow_id}), {})
        return dispatcher.messages

    def answer(
        self,
        flow_id: float,
        text: str,
        intent: str | None = None,
        confidence: float = 0.95,
        danger_rule: str | None = None,
    ) -> tuple[list[dict], list[dict]]:
        """(messages, events) of walk_form's validator for one answer typed at the question."""
        return self.validate(
            text,
            intent,
            confidence,
            flow_id,
            events=[{"event": "user", "text": text}, {"event": "slot", "name": "answer", "value": text}],
            danger_rule=danger_rule,
        )

    def validate(
        self,
        text: str,
        intent: str | None,
        confidence: float,
        flow_id: float,
        events: list,
        danger_rule: str | None = None,
    ) -> tuple[list[dict], list[dict]]:
        """(messages, events) of walk_form's validator for the message `text` with these events before it."""
        from actions.walk import ValidateWalkForm

        dispatcher = CollectingDispatcher()
        t = self.tracker(
            text,
            intent,
            confidence,
            {"flow": self.flow, "flow_id": flow_id, "answer": text, "requested_slot": "answer"},
            events=events,
            danger_rule=danger_rule,
        )
        result = asyncio.run(ValidateWalkForm().run(dispatcher, t, WALK_DOMAIN))
        return dispatcher.messages, result


@pytest.fixture()
def walk() -> Callable[[str, str], WalkDriver]:
    return WalkDriver
