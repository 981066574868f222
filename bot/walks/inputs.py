"""Checks on what arrives from a channel, before NLU sees it."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.texts import say

MAX_MESSAGE_CHARS = 5000
MAX_BODY_BYTES = 64_000
MAX_SENDER_CHARS = 200
# Who the user is, when a channel that has checked it says so (actions/common.py identity()).
# The REST channel cannot vouch for anyone, so it never passes these on from a client.
IDENTITY_KEYS = ("channel", "user_id")


@dataclass(frozen=True)
class CheckedPayload:
    status: int = 200
    error: str = ""
    reply: str = ""  # answered here, without NLU (an empty message)
    sender: str = ""
    message: str = ""
    metadata: dict = field(default_factory=dict)


def clean_text(text: str) -> str:
    """Drops control characters (keeps new lines and tabs) and trims."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


# Markup is not text: script and style blocks go with their content, other tags are dropped
# (so "alone <b>now</b>" still reads "alone now"). Entities are left as typed, never decoded.
_BLOCKS = re.compile(r"<\s*(script|style)\b[^>]*>.*?(<\s*/\s*\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"</?[a-zA-Z!?][^<>]*>")
# A button payload as Rasa reads it: /intent, then @confidence and {entities} (both optional)
_PAYLOAD = re.compile(r"^/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?(?P<rest>.*)$", re.S)


def strip_markup(text: str) -> str:
    """Removes HTML or XML tags (and script or style blocks with their content)."""
    if "<" not in text:
        return text
    return " ".join(_TAG.sub(" ", _BLOCKS.sub(" ", text)).split())


def check_payload(text: str, intents) -> str:
    """A reply for a message that looks like a button payload ("/intent...") but is not one
    the assistant could have sent: an intent the domain does not have, or anything after it
    that is not a confidence ("@0.9") and a JSON object of entities. "" for everything else.
    Rasa reads an unknown intent as typed text ("/no_such_intent" could answer a yes/no
    question "no") and drops what it cannot read ("/skip@nan" would skip a question)."""
    if not text.startswith("/"):
        return ""
    m = _PAYLOAD.match(text.strip())
    if m is None or m.group("rest") or m.group("intent").strip() not in set(intents):
        return say("common.unknown_payload")
    if m.group("confidence"):
        try:
            if not 0.0 <= float(m.group("confidence")[1:]) <= 1.0:
                return say("common.unknown_payload")
        except ValueError:
            return say("common.unknown_payload")
    if m.group("entities"):
        try:
            if not isinstance(json.loads(m.group("entities")), dict):
                return say("common.unknown_payload")
        except ValueError:
            return say("common.unknown_payload")
    return ""


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def check_rest_payload(body: Any, not_json: bool, body_bytes: int) -> CheckedPayload:
    if body_bytes > MAX_BODY_BYTES:
        return CheckedPayload(413, say("common.rest.too_large", most=MAX_BODY_BYTES))
    if not_json or not isinstance(body, dict):
        return CheckedPayload(400, say("common.rest.not_json"))
    sender = body.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return CheckedPayload(400, say("common.rest.sender_length", most=MAX_SENDER_CHARS))
    if sender != sender.strip() or any(unicodedata.category(ch)[0] == "C" for ch in sender):
        return CheckedPayload(400, say("common.rest.sender_plain"))
    message = body.get("message")
    if message is None:
        return CheckedPayload(400, say("common.rest.message_missing"))
    if not isinstance(message, str):
        return CheckedPayload(400, say("common.rest.message_not_text"))
    if len(message) > MAX_MESSAGE_CHARS:
        return CheckedPayload(413, say("common.rest.message_too_long", most=MAX_MESSAGE_CHARS))
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return CheckedPayload(400, say("common.rest.metadata"))
    text = strip_markup(clean_text(message))
    if not text:
        return CheckedPayload(reply=say("common.no_text"), sender=sender)
    kept = {k: v for k, v in (metadata or {}).items() if k not in IDENTITY_KEYS}
    return CheckedPayload(sender=sender, message=text, metadata=kept)
