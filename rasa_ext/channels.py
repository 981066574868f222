"""Rasa's REST channel with its input checked.

The stock channel answers a body that is not a JSON object, a missing message or a
non-text message with a 500 or a crash inside the message handler. This subclass keeps
the same URL (`/webhooks/rest/webhook`) and payload, and answers bad requests with a 4xx
and a message that says what is wrong (bot/walks/inputs.py). Markup is taken out of the text; an
empty message, or a button payload that names no intent of the model ("/no_such_intent"),
is answered here without NLU, so it can never be taken as an answer to a question. The
first message of a new conversation gets, after its answer, a short statement of what the
assistant is and is not and what it keeps (docs/what_this_is.md). If handling a good message fails inside Rasa, the
user still gets a plain answer (with the 999 line), not a 500, and the error is logged.

Importing this module also mends two faults of the HTTP server under Rasa 3.6 (Sanic
21.12), found by scripts/fuzz_rest.py: a negative Content-Length made the server spin
forever on one request (every other user then waits: a denial of service), and a
Content-Length that is not a number, or a request line with a URL that cannot be parsed,
gave a 500 or a dropped connection. All three now get a 400 (the patch is
`mend_sanic_request_head` in rasa_ext/workarounds.py).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.knowledge.texts import say
from bot.walks.inputs import MAX_MESSAGE_CHARS, CheckedPayload, check_payload, check_rest_payload
from bot.walks.replies import first_use_after, first_use_place
from rasa_ext.workarounds import mend_sanic_request_head

logger = logging.getLogger(__name__)

FAILED_REPLY = say("common.failed.reply")  # knowledge/language/replies/common.yml, read once


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            checked, refused = read_rest_request(request)
            if refused:
                return refused
            replied = reply_without_nlu(request, checked)
            if replied:
                return replied
            collector = CollectingOutputChannel()
            first_use = await _first_use(request, checked.sender)
            try:
                await on_new_message(
                    UserMessage(
                        checked.message, collector, checked.sender, input_channel=self.name(), metadata=checked.metadata
                    )
                )
            except Exception:  # noqa: BLE001  the user gets an answer; the fault goes to the log
                logger.exception("handling a REST message from %r failed", checked.sender)
                collector.messages.append({"recipient_id": checked.sender, "text": FAILED_REPLY})
            if first_use:
                walk = await walk_running(request.app, checked.sender)
                add_first_use_statement(collector.messages, checked.sender, walk)
            return response.json(collector.messages)

        return bp


def read_rest_request(request: Request) -> tuple[CheckedPayload | None, HTTPResponse | None]:
    """(the checked payload, None), or (None, the 4xx that ends the request here) for a body
    that is not JSON, wrong types, or a message or body too long (bot/walks/inputs.py)."""
    try:
        body = request.json
    except Exception:  # sanic raises on a body that is not JSON
        body = _NOT_JSON
    checked = check_rest_payload(None if body is _NOT_JSON else body, body is _NOT_JSON, len(request.body or b""))
    if checked.error:
        return None, response.json(
            {"error": checked.error, "max_message_chars": MAX_MESSAGE_CHARS}, status=checked.status
        )
    return checked, None


def reply_without_nlu(request: Request, checked: CheckedPayload) -> HTTPResponse | None:
    """The answer, without NLU, to an empty message or to a button payload this assistant
    never sent; None for a message that goes to Rasa."""
    reply = checked.reply or check_payload(checked.message, domain_intents(request.app))
    return response.json([{"recipient_id": checked.sender, "text": reply}]) if reply else None


def add_first_use_statement(messages: list, sender: str, walk_started: bool = False) -> None:
    """The first-use statement after the answer, so that a 999 answer always comes first; when
    the first message started a walk, before the walk's messages (after any 999 answer), so that
    the walk's question comes last (bot/walks/replies.py first_use_place)."""
    texts = [m.get("text") or "" for m in messages]
    at = first_use_place(texts, walk_started)
    messages.insert(at, {"recipient_id": sender, "text": first_use_after(texts)})


async def walk_running(app: Any, sender: str) -> bool:
    """True when the sender's conversation is in a walk (its `flow` slot is set) in the tracker
    store of the app's agent; False when that cannot be read (the statement then comes last)."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return False
    try:
        tracker = await store.retrieve(sender)
        return bool(tracker is not None and tracker.get_slot("flow"))
    except Exception:  # noqa: BLE001  never hold up a message for this
        return False


_NOT_JSON = object()


_SEEN: OrderedDict[str, None] = OrderedDict()  # senders known to have a conversation (bounded)
_SEEN_MAX = 20_000


async def _first_use(request: Request, sender: str) -> bool:
    """True when this sender has no conversation yet in the tracker store."""
    return await is_new_conversation(request.app, sender)


async def is_new_conversation(app: Any, sender: str) -> bool:
    """True the first time a sender is asked about (in this process) when the tracker store
    of the app's agent holds no conversation for it; used by every channel that shows the
    first-use statement (REST, the web widget, Teams)."""
    if sender in _SEEN:
        _SEEN.move_to_end(sender)
        return False
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return False
    try:
        known = await store.exists(sender)
    except Exception:  # noqa: BLE001  never hold up a message for this
        known = True
    _SEEN[sender] = None
    if len(_SEEN) > _SEEN_MAX:
        _SEEN.popitem(last=False)
    return not known


def domain_intents(app: Any) -> list[str]:
    """The intents of the loaded model's domain (none while no model is loaded): what a button
    payload may name (bot.walks.inputs.check_payload), in every channel."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    domain = getattr(agent, "domain", None)
    return list(getattr(domain, "intents", None) or [])


mend_sanic_request_head()
