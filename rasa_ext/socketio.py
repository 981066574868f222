"""The web widget's channel: Rasa's socket.io channel with its gaps closed.

Rasa's stock `SocketIOInput` checks a JWT on connect only and then lets the client ask for
any session id, so one signed-in user can read and write another user's conversation. It
accepts every origin (`cors_allowed_origins=[]` turns engineio's check off), trusts any
`metadata` the client sends (so a client could claim any `user_id`), and with python-socketio
5.10+ its `session_persistence` never joins the room it sends replies to (`enter_room` became
a coroutine that it does not await).

This channel keeps the stock wire protocol (`session_request` -> `session_confirm`,
`user_uttered` -> `bot_uttered`) and adds:

- optional JWT: the key (an HS* secret or an RS*/ES* public key in PEM) comes from the
  credentials (`jwt_key`), a file (`jwt_key_file`) or an environment variable (`jwt_key_env`).
  With a key set, a connection without a valid token (signature, expiry, `sub`, and `aud` /
  `iss` when configured) is refused, and the token's `sub` owns the conversation: a session
  id is `<owner tag>.<nonce>` where the tag is a hash of `sub`, and a session id requested
  with another owner's tag is never joined (a new one is made instead). Messages go to the
  session bound to the connection, whatever `session_id` the client puts in a message.
  A token that expires while connected ends the connection at the next message.
- allowed origins (`cors_allowed_origins` in the credentials, plus a comma-separated list in
  the environment variable named by `cors_allowed_origins_env`); `"*"` allows any origin;
  nothing configured means the Rasa server's own origin only.
- metadata set by the server, never by the client: `{"channel": "web"}` and, with JWT,
  `"user_id": sub`, which `actions/common.py:identity()` reads.
- the REST channel's input checks (`bot/walks/inputs.py`): a message over the limit or without
  text gets an answer, not a crash.
- `bot_typing` events ({"typing": true/false}) around the handling of each message, and a
  `history_request` event whose acknowledgement is the conversation so far (from the
  tracker store), so a page reload shows the conversation again.
- one `bot_uttered` event per bot message: text (not split on blank lines), quick replies
  and an image together.
- when a new conversation opens (a session the tracker store does not know yet), the
  first-use statement of what the assistant is and is not (bot/walks/replies.py,
  docs/what_this_is.md), as a `transient` bot message.

Credentials (credentials.yml), all optional:

    rasa_ext.socketio.WebChatInput:
      jwt_key_env: WIDGET_JWT_KEY        # JWT on when this variable is set (or jwt_key / jwt_key_file)
      jwt_method: HS256                  # RS256 / ES256 with a PEM public key; "none" is refused
      jwt_audience: neglect-assistant    # checked when set; jwt_issuer likewise
      jwt_leeway: 30                     # seconds of clock skew allowed on exp
      jwt_required: true                 # refuse to start without a key
      cors_allowed_origins: []           # e.g. ["https://intranet.example.gov.uk"]
      cors_allowed_origins_env: WIDGET_ORIGINS
      socketio_path: /socket.io
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import jwt
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from socketio.exceptions import ConnectionRefusedError as Refused

from bot.walks.inputs import MAX_BODY_BYTES, check_payload, check_rest_payload
from bot.walks.replies import first_use_statement
from rasa_ext.channels import domain_intents, is_new_conversation

logger = logging.getLogger(__name__)

CHANNEL = "web"
HISTORY_LIMIT = 300  # messages sent back on a reload
_ANON_SESSION = re.compile(r"^[0-9a-f]{32}$")
_OWNED_SESSION = re.compile(r"^([0-9a-f]{32})\.([0-9a-f]{32})$")


def owner_tag(subject: str) -> str:
    """The part of a session id that names its owner: a hash of the token's `sub`, so the
    subject itself is not in the tracker store's sender ids."""
    return hashlib.sha256(f"web-widget-owner:{subject}".encode()).hexdigest()[:32]


def new_session_id(subject: str | None) -> str:
    nonce = secrets.token_hex(16)
    return f"{owner_tag(subject)}.{nonce}" if subject is not None else nonce


def session_allowed(session_id: Any, subject: str | None) -> bool:
    """May a connection signed in as `subject` (None: no JWT) join this session id?"""
    if not isinstance(session_id, str):
        return False
    if subject is None:
        return bool(_ANON_SESSION.match(session_id))
    m = _OWNED_SESSION.match(session_id)
    return bool(m) and secrets.compare_digest(m.group(1), owner_tag(subject))


def _origins(configured: Any, env_name: str | None) -> Any:
    """engineio's `cors_allowed_origins`: None (the server's own origin), "*", or a list."""
    items: list[str] = []
    if isinstance(configured, str):
        items += configured.split(",")
    elif isinstance(configured, (list, tuple)):
        items += [str(o) for o in configured]
    if env_name and os.environ.get(env_name):
        items += os.environ[env_name].split(",")
    items = [o.strip().rstrip("/") for o in items if o and o.strip()]
    if "*" in items:
        return "*"
    return sorted(set(items)) or None


def _key(credentials: dict[str, Any]) -> str | None:
    key = credentials.get("jwt_key")
    if not key and credentials.get("jwt_key_file"):
        key = Path(str(credentials["jwt_key_file"])).read_text()
    if not key and credentials.get("jwt_key_env"):
        key = os.environ.get(str(credentials["jwt_key_env"]))
    if not key:
        return None
    key = str(key)
    if "-----BEGIN" in key and "\\n" in key:  # a PEM key kept on one line in an environment variable
        key = key.replace("\\n", "\n")
    return key


def message_payload(message: dict[str, Any]) -> dict[str, Any]:
    """One bot message (Rasa's `send_response` dict or a BotUttered's data) as one socket
    payload: text, quick replies, an image and any attachment or custom data together."""
    out: dict[str, Any] = {}
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        out["text"] = text.strip()
    buttons = message.get("quick_replies") or message.get("buttons") or []
    replies = [
        {"content_type": "text", "title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in buttons
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    ]
    if replies:
        out["quick_replies"] = replies
    image = message.get("image")
    attachment = message.get("attachment")
    if image:
        out["attachment"] = {"type": "image", "payload": {"src": str(image)}}
    elif isinstance(attachment, dict):
        out["attachment"] = attachment
    elif isinstance(attachment, str) and attachment:
        out["attachment"] = {"type": "image", "payload": {"src": attachment}}
    if message.get("custom"):
        out["custom"] = message["custom"]
    if message.get("elements"):
        out["elements"] = message["elements"]
    return out


def history_from_events(events: Iterable[Any], limit: int = HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The conversation so far as the widget shows it. A button's payload sent back as a
    user message is shown with the button's title, as it was when clicked."""
    out: list[dict[str, Any]] = []
    last_buttons: dict[str, str] = {}
    for e in events:
        if isinstance(e, UserUttered):
            text = e.text or ""
            if not text:
                continue
            out.append({"sender": "user", "text": last_buttons.get(text, text)})
            last_buttons = {}
        elif isinstance(e, BotUttered):
            data = dict(e.data or {})
            if data.get("attachment") == data.get("image"):
                data.pop("attachment", None)  # Rasa stores an image twice in older events
            payload = message_payload({"text": e.text, **data})
            if not payload:
                continue
            for b in payload.get("quick_replies", []):
                last_buttons[b["payload"]] = b["title"]
            out.append({"sender": "bot", **payload})
    return out[-limit:]


class WebChatOutput(SocketIOOutput):
    """Sends each bot message as one `bot_uttered` event to the conversation's room."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        payload = message_payload(message)
        if payload:
            await self._send_message(recipient_id, payload)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": quick_replies})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"image": image})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebChatInput(InputChannel):
    """socket.io for the web widget, with optional JWT ownership of conversations."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        key = _key(credentials)
        if credentials.get("jwt_required") and not key:
            raise ValueError(
                f"{cls.__name__}: jwt_required is set but no key was found "
                "(jwt_key, jwt_key_file or the variable named by jwt_key_env)"
            )
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            namespace=credentials.get("namespace"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            jwt_key=key,
            jwt_method=credentials.get("jwt_method", "HS256"),
            jwt_audience=credentials.get("jwt_audience"),
            jwt_issuer=credentials.get("jwt_issuer"),
            jwt_leeway=float(credentials.get("jwt_leeway", 30)),
            cors_allowed_origins=_origins(
                credentials.get("cors_allowed_origins"), credentials.get("cors_allowed_origins_env")
            ),
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        namespace: str | None = None,
        socketio_path: str = "/socket.io",
        jwt_key: str | None = None,
        jwt_method: str = "HS256",
        jwt_audience: Any = None,
        jwt_issuer: str | None = None,
        jwt_leeway: float = 30,
        cors_allowed_origins: Any = None,
    ) -> None:
        if jwt_key and str(jwt_method).lower() == "none":
            raise ValueError("jwt_method 'none' is not allowed")
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.namespace = namespace
        self.socketio_path = socketio_path
        self.jwt_key = jwt_key
        self.jwt_algorithms = [a.strip() for a in str(jwt_method).split(",") if a.strip()]
        self.jwt_audience = jwt_audience
        self.jwt_issuer = jwt_issuer
        self.jwt_leeway = jwt_leeway
        self.cors_allowed_origins = cors_allowed_origins
        self.sio: AsyncServer | None = None
        self.app: Sanic | None = None

    # -- authentication -------------------------------------------------------------------
    def check_token(self, token: Any) -> dict[str, Any]:
        """The token's claims, or Refused (socket.io's ConnectionRefusedError) with a short reason."""
        if not isinstance(token, str) or not token:
            raise Refused("missing token")
        if token.lower().startswith("bearer "):
            token = token[7:]
        try:
            claims = jwt.decode(
                token,
                self.jwt_key,
                algorithms=self.jwt_algorithms,
                audience=self.jwt_audience,
                issuer=self.jwt_issuer,
                leeway=self.jwt_leeway,
                options={"require": ["sub", "exp"], "verify_aud": self.jwt_audience is not None},
            )
        except jwt.ExpiredSignatureError:
            raise Refused("token expired") from None
        except jwt.PyJWTError as e:
            logger.info("web widget: token refused (%s)", type(e).__name__)
            raise Refused("invalid token") from None
        if not isinstance(claims.get("sub"), str) or not claims["sub"].strip():
            raise Refused("invalid token")
        return claims

    def get_output_channel(self) -> OutputChannel | None:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    # -- the server -----------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        channel = self
        origins = self.cors_allowed_origins
        if isinstance(origins, list):
            allowed = set(origins)
            origins = lambda origin: origin in allowed  # noqa: E731 (engineio calls it with the Origin header)
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=origins, max_http_buffer_size=MAX_BODY_BYTES)
        self.sio = sio

        class _Blueprint(SocketBlueprint):
            def register(self, app: Sanic, options: dict[str, Any]) -> None:
                channel.app = app
                super().register(app, options)

        bp = _Blueprint(sio, self.socketio_path, f"{type(self).__name__}_webhook", __name__)
        ns = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "jwt": bool(channel.jwt_key)})

        @sio.on("connect", namespace=ns)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            subject, expires = None, None
            if channel.jwt_key:
                claims = channel.check_token((auth or {}).get("token") if isinstance(auth, dict) else None)
                subject, expires = claims["sub"], claims.get("exp")
            await sio.save_session(sid, {"subject": subject, "exp": expires, "session_id": None}, namespace=ns)
            return True

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: str, data: Any = None) -> dict[str, Any]:
            state = await sio.get_session(sid, namespace=ns)
            wanted = data.get("session_id") if isinstance(data, dict) else None
            session_id = wanted if session_allowed(wanted, state["subject"]) else new_session_id(state["subject"])
            if wanted and wanted != session_id:
                logger.info("web widget: a connection asked for a session it may not join; gave it a new one")
            if state["session_id"] and state["session_id"] != session_id:
                await sio.leave_room(sid, state["session_id"], namespace=ns)
            state["session_id"] = session_id
            await sio.save_session(sid, state, namespace=ns)
            await sio.enter_room(sid, session_id, namespace=ns)
            await sio.emit("session_confirm", session_id, room=sid, namespace=ns)
            if await is_new_conversation(channel.app, session_id):
                # a conversation opens: what the assistant is and is not (not in the history,
                # so `transient`, as the widget's count of stored messages expects)
                await sio.emit(
                    channel.bot_message_evt, {"text": first_use_statement(), "transient": True}, room=sid, namespace=ns
                )
            return {"session_id": session_id}

        @sio.on("history_request", namespace=ns)
        async def history_request(sid: str, data: Any = None) -> dict[str, Any]:
            state = await sio.get_session(sid, namespace=ns)
            if not await channel._still_valid(sid, state):
                return {"error": "token expired"}
            session_id = state["session_id"]
            if not session_id:
                return {"error": "no session: send session_request first"}
            agent = getattr(getattr(channel.app, "ctx", None), "agent", None)
            store = getattr(agent, "tracker_store", None)
            tracker = await store.retrieve(session_id) if store is not None else None
            messages = history_from_events(tracker.events) if tracker is not None else []
            return {"session_id": session_id, "messages": messages}

        @sio.on(self.user_message_evt, namespace=ns)
        async def handle_message(sid: str, data: Any = None) -> dict[str, Any]:
            state = await sio.get_session(sid, namespace=ns)
            if not await channel._still_valid(sid, state):
                return {"ok": False, "error": "token expired"}
            session_id = state["session_id"]
            if not session_id:
                return {"ok": False, "error": "no session: send session_request first"}
            text = data.get("message") if isinstance(data, dict) else data
            checked = check_rest_payload(
                {"sender": session_id, "message": text}, False, len(json.dumps(data, default=str))
            )
            reply = checked.reply or (
                None if checked.error else check_payload(checked.message, domain_intents(channel.app))
            )
            if checked.error or reply:
                # answered here and not stored: `transient` tells the widget it is not in the history
                await sio.emit(
                    channel.bot_message_evt, {"text": checked.error or reply, "transient": True}, room=sid, namespace=ns
                )
                return {"ok": False, "error": checked.error or ("empty message" if checked.reply else "unknown button")}
            metadata: dict[str, Any] = {"channel": CHANNEL}
            if state["subject"] is not None:
                metadata["user_id"] = state["subject"]
            output = WebChatOutput(sio, channel.bot_message_evt)
            await sio.emit("bot_typing", {"typing": True}, room=session_id, namespace=ns)
            try:
                await on_new_message(
                    UserMessage(checked.message, output, session_id, input_channel=CHANNEL, metadata=metadata)
                )
            finally:
                await sio.emit("bot_typing", {"typing": False}, room=session_id, namespace=ns)
            return {"ok": True}

        return bp

    async def _still_valid(self, sid: str, state: dict[str, Any]) -> bool:
        """With JWT on, a connection whose token has expired is closed (the client then
        reconnects with a fresh token)."""
        exp = state.get("exp")
        if exp is not None and time.time() > float(exp) + self.jwt_leeway:
            await self.sio.emit("auth_expired", {}, room=sid, namespace=self.namespace)
            self.sio.start_background_task(self._hang_up, sid)  # after the acknowledgement has gone
            return False
        return True

    async def _hang_up(self, sid: str) -> None:
        await self.sio.sleep(0.5)
        await self.sio.disconnect(sid, namespace=self.namespace)
