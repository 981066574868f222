"""Checks on what arrives from a channel, before NLU sees it."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

MAX_MESSAGE_CHARS = 5000
MAX_BODY_BYTES = 64_000
MAX_SENDER_CHARS = 200


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


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def check_rest_payload(body: Any, not_json: bool, body_bytes: int) -> CheckedPayload:
    if body_bytes > MAX_BODY_BYTES:
        return CheckedPayload(413, f"The request is too large (over {MAX_BODY_BYTES} bytes).")
    if not_json or not isinstance(body, dict):
        return CheckedPayload(400, 'Send a JSON object: {"sender": "<your id>", "message": "<text>"}.')
    sender = body.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return CheckedPayload(400, f'"sender" must be a non-empty text of at most {MAX_SENDER_CHARS} characters.')
    message = body.get("message")
    if message is None:
        return CheckedPayload(400, '"message" is missing: send the text of the message.')
    if not isinstance(message, str):
        return CheckedPayload(400, '"message" must be text.')
    if len(message) > MAX_MESSAGE_CHARS:
        return CheckedPayload(413, f"The message is too long: please keep it under {MAX_MESSAGE_CHARS} characters "
                                   "(split it into shorter messages).")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return CheckedPayload(400, '"metadata" must be a JSON object when given.')
    text = clean_text(message)
    if not text:
        return CheckedPayload(reply="I didn't receive any text. Type your message, or say 'menu' to see what I can do.",
                              sender=sender)
    return CheckedPayload(sender=sender, message=text, metadata=metadata or {})
