"""Rasa's REST channel with its input checked.

The stock channel answers a body that is not a JSON object, a missing message or a
non-text message with a 500 or a crash inside the message handler. This subclass keeps
the same URL (`/webhooks/rest/webhook`) and payload, and answers bad requests with a 4xx
and a message that says what is wrong.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inputs import MAX_MESSAGE_CHARS, check_rest_payload


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
            try:
                body = request.json
            except Exception:  # sanic raises on a body that is not JSON
                body = _NOT_JSON
            checked = check_rest_payload(None if body is _NOT_JSON else body, body is _NOT_JSON,
                                         len(request.body or b""))
            if checked.error:
                return response.json({"error": checked.error, "max_message_chars": MAX_MESSAGE_CHARS},
                                     status=checked.status)
            if checked.reply:
                return response.json([{"recipient_id": checked.sender, "text": checked.reply}])
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(checked.message, collector, checked.sender,
                                             input_channel=self.name(), metadata=checked.metadata))
            return response.json(collector.messages)

        return bp


_NOT_JSON = object()
