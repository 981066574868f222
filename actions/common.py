"""Helpers shared by the actions: who is talking, what they said, and sending replies."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.texts import catalogue
from bot.walks.replies import Reply

# the reply texts are read and checked when the action server imports the actions, so that a
# broken knowledge/language/replies/ file stops it at start rather than mid-conversation
catalogue()


def identity(tracker: Tracker) -> tuple[str, str]:
    """(channel, user id): the user's identity in the records. A channel that knows who
    the user is (Teams, a widget with a signed token) passes `channel` and `user_id` in the
    message metadata; otherwise the conversation's sender id stands for the user."""
    metadata = tracker.latest_message.get("metadata") or {}
    channel = metadata.get("channel") or tracker.get_latest_input_channel() or "rest"
    return str(channel), str(metadata.get("user_id") or tracker.sender_id)


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    for r in replies:
        buttons = [{"title": b.title, "payload": b.payload} for b in r.buttons]
        if r.image:
            dispatcher.utter_message(text=r.text or None, image=r.image, buttons=buttons or None)
        else:
            dispatcher.utter_message(text=r.text, buttons=buttons or None)
