"""The REST channel for production: protected, routed by conversation, and honest about
failed turns.

It is the project's checked REST channel (`rasa_ext/channels.py`: same URL, same payload,
the same 4xx answers to bad input) with four additions for running several Rasa instances
behind nginx (deploy/):

1. **Protected or off.** Every request needs `Authorization: Bearer <token>`, the token
   coming from an environment variable (`token_env`, default `REST_API_TOKEN`). With the
   variable unset the channel is off: it answers 503 and says what to set. (Rasa's
   `--auth-token` protects its HTTP API, not the channels.)
2. **Conversation affinity.** nginx cannot read a JSON body when it picks an upstream, so
   the client repeats the sender in the query string (`?sender=<id>`) and nginx hashes on
   `$arg_sender`. This channel refuses a request whose query sender differs from the
   body's (400), so a client cannot send one conversation's messages to two instances.
   With `require_sender_param: true` (the default) the parameter is required.
3. **"Please try again" instead of a wrong or empty answer.** Rasa carries on after an
   action server error (the action's events are dropped, the user may get no answer) and
   after a tracker store error (it silently starts an empty conversation). This channel
   watches the turn (Rasa's error logs, and `rasa_ext.turn.current_turn()`), and
   when anything failed it answers 503 with one message, "Sorry, that didn't go through:
   please try again", and `"custom": {"retry": true}`.
4. **No answer filed against the wrong question.** A turn that dies half way (the instance
   killed, the action server or the database restarted) may have stored the answer while
   the conversation was not saved. If the user then sends the answer again, it would be
   taken as the answer to the *next* question. So each turn leaves an in-flight marker
   (in Redis when `REDIS_HOST` is set, shared by all instances; else in memory) that is
   replaced by a "done" record only when the turn succeeds. A message that finds a marker (or arrives while
   the same conversation is still being handled) does not go to the form: if a
   walkthrough is running, the assistant says what happened and asks the current question
   again, rebuilt from the stored answers (`action_ask_answer`, run through
   `rasa_ext.workarounds.run_actions`), with
   `"custom": {"resync": true}`; otherwise the message is handled as usual. When the
   marker was left by an instance that no longer sends its heartbeat, that instance's
   stale conversation lock is removed first, so the conversation goes on at once on this
   instance instead of waiting for the lock to expire.

credentials.yml (see deploy/credentials.prod.yml):

    rasa_ext.prod_channel.ProdRestInput:
      token_env: REST_API_TOKEN
      require_sender_param: true
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.knowledge.texts import say
from rasa_ext.channels import (
    CheckedRestInput,
    add_first_use_statement,
    is_new_conversation,
    read_rest_request,
    reply_without_nlu,
    walk_running,
)
from rasa_ext.turn import current_turn, note_failure, start_turn
from rasa_ext.workarounds import install_turn_failure_handler, run_actions

logger = logging.getLogger(__name__)

# the texts of a failed turn, knowledge/language/replies/common.yml, read once
TRY_AGAIN = say("common.failed.try_again")
RESYNC = say("common.failed.resync")

# Rasa logs the errors it swallows; a handler on its loggers marks the turn failed (workarounds.py).
_install_failure_handler = install_turn_failure_handler


# -- in-flight markers -------------------------------------------------------------------------
class InflightStore:
    """Per conversation, the state of its latest turn, shared by every instance through Redis
    (or kept in this process), and each instance's heartbeat.

    A record is {"state": "inflight", "instance", "at", "message_id"} while a turn runs, and
    {"state": "done", "message_id", "response"} once it has succeeded (kept DONE_TTL seconds,
    so that a client retrying a message whose answer it never received gets that answer
    again instead of a second turn)."""

    HEARTBEAT_TTL = 15  # seconds; an instance is taken as gone this long after its last beat
    MARKER_TTL = 24 * 3600
    DONE_TTL = 600

    def __init__(self, instance_id: str, redis_kwargs: dict | None = None, prefix: str = "rasa:") -> None:
        self.instance_id = instance_id
        self.prefix = prefix
        self._memory: dict[str, tuple] = {}  # sender -> (expires at, json)
        self._redis = None
        if redis_kwargs:
            import redis.asyncio as aioredis

            # generous timeouts: they are measured on an event loop that NLU keeps busy under load
            self._redis = aioredis.Redis(
                socket_timeout=10,
                socket_connect_timeout=10,
                retry_on_timeout=True,
                health_check_interval=30,
                **redis_kwargs,
            )
        self._beat_task: asyncio.Task | None = None

    @property
    def shared(self) -> bool:
        return self._redis is not None

    def _key(self, sender: str) -> str:
        return f"{self.prefix}turn:{sender}"

    async def get(self, sender: str) -> dict | None:
        raw = None
        if self._redis is None:
            expires, raw = self._memory.get(sender, (0, None))
            if expires < time.time():
                raw = None
        else:
            try:
                raw = await self._redis.get(self._key(sender))
            except Exception as exc:  # Redis down: the lock store fails too, and says so
                logger.warning("turn record: Redis unavailable (%s)", exc)
                return None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return {"state": "inflight", "instance": "?"}

    async def _put(self, sender: str, record: dict, ttl: int) -> None:
        value = json.dumps(record)
        if self._redis is None:
            self._memory[sender] = (time.time() + ttl, value)
            return
        try:
            await self._redis.set(self._key(sender), value, ex=ttl)
        except Exception as exc:
            logger.warning("turn record: Redis unavailable (%s)", exc)

    async def begin(self, sender: str, message_id: str | None) -> None:
        await self._put(
            sender,
            {"state": "inflight", "instance": self.instance_id, "at": time.time(), "message_id": message_id},
            self.MARKER_TTL,
        )

    async def done(self, sender: str, message_id: str | None, messages: list) -> None:
        record: dict[str, Any] = {"state": "done", "message_id": message_id}
        if message_id:
            record["response"] = messages
        await self._put(sender, record, self.DONE_TTL)

    async def alive(self, instance_id: str) -> bool:
        if instance_id == self.instance_id:
            return True
        if self._redis is None:
            return False
        try:
            return bool(await self._redis.exists(f"{self.prefix}instance:{instance_id}"))
        except Exception:
            return True  # unknown: do not break a lock that may be live

    def start_heartbeat(self) -> None:
        if self._redis is None or self._beat_task is not None:
            return
        self._beat_task = asyncio.ensure_future(self._beat())

    async def _beat(self) -> None:
        key = f"{self.prefix}instance:{self.instance_id}"
        while True:
            try:
                await self._redis.set(key, str(time.time()), ex=self.HEARTBEAT_TTL)
            except Exception as exc:
                logger.warning("heartbeat: Redis unavailable (%s)", exc)
            await asyncio.sleep(3)


def _redis_kwargs_from_env() -> dict | None:
    host = os.environ.get("REDIS_HOST")
    if not host:
        return None
    kwargs: dict[str, Any] = {
        "host": host,
        "port": int(os.environ.get("REDIS_PORT") or 6379),
        "db": int(os.environ.get("REDIS_INFLIGHT_DB") or 2),
    }
    if os.environ.get("REDIS_PASSWORD"):
        kwargs["password"] = os.environ["REDIS_PASSWORD"]
    return kwargs


def _truthy(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


# -- the channel -------------------------------------------------------------------------------
class ProdRestInput(CheckedRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ProdRestInput:
        c = credentials or {}
        return cls(
            token_env=c.get("token_env") or "REST_API_TOKEN",
            require_token=_truthy(c.get("require_token"), True),
            require_sender_param=_truthy(c.get("require_sender_param"), True),
            resync_loops=c.get("resync_loops") or ["walk_form"],
            resync_action=c.get("resync_action") or "action_ask_answer",
        )

    def __init__(
        self,
        token_env: str = "REST_API_TOKEN",
        require_token: bool = True,
        require_sender_param: bool = True,
        resync_loops: list[str] | None = None,
        resync_action: str = "action_ask_answer",
        inflight: InflightStore | None = None,
    ) -> None:
        self.token_env = token_env
        self.require_token = require_token
        self.require_sender_param = require_sender_param
        self.resync_loops = set(resync_loops or ["walk_form"])
        self.resync_action = resync_action
        instance = os.environ.get("RASA_INSTANCE_ID") or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.inflight = inflight or InflightStore(instance, _redis_kwargs_from_env())
        self._active: dict[str, int] = {}  # senders being handled in this process
        install_turn_failure_handler()

    # -- checks -----------------------------------------------------------------------------
    def _auth_error(self, request: Request) -> HTTPResponse | None:
        token = os.environ.get(self.token_env) or ""
        if not token:
            if not self.require_token:
                return None
            return response.json({"error": say("common.rest.channel_off", env=self.token_env)}, status=503)
        given = request.headers.get("authorization") or ""
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            return response.json(
                {"error": say("common.rest.wrong_token")},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return None

    def _sender_param_error(self, request: Request, sender: str) -> HTTPResponse | None:
        param = request.args.get("sender")
        if param is None:
            if self.require_sender_param:
                return response.json({"error": say("common.rest.sender_param")}, status=400)
            return None
        if param != sender:
            return response.json({"error": say("common.rest.sender_differs")}, status=400)
        return None

    # -- replies ----------------------------------------------------------------------------
    @staticmethod
    def _try_again(sender: str, reasons: list[str]) -> HTTPResponse:
        logger.warning("REST turn for %s failed, asked to try again: %s", sender, "; ".join(reasons)[:500])
        return response.json(
            [{"recipient_id": sender, "text": TRY_AGAIN, "custom": {"retry": True}}],
            status=503,
            headers={"Retry-After": "2"},
        )

    OTHER_INSTANCE_WAIT = 90  # seconds, at most

    async def _wait_for_other_instance(self, request: Request, sender: str, owner: str) -> None:
        """A turn of this conversation was left unfinished by another instance. If that instance
        is alive, its turn finishes (its lock ticket goes) and the conversation goes on here. If
        it is gone (no heartbeat for HEARTBEAT_TTL seconds, by which time any call it had made
        to an action server has long ended), its lock ticket would hold the conversation until
        it expires (TICKET_LOCK_LIFETIME, 60 s): it is removed instead."""
        lock_store = request.app.ctx.agent.lock_store
        deadline = time.monotonic() + self.OTHER_INSTANCE_WAIT
        while time.monotonic() < deadline:
            if not await self.inflight.alive(owner):
                logger.warning(
                    "REST: %s was left half way by instance %s, which is gone; removing its lock", sender, owner
                )
                try:
                    lock_store.delete_lock(sender)
                except Exception as exc:
                    note_failure(f"could not remove a stale lock: {exc}")
                return
            try:
                lock = lock_store.get_lock(sender)
                if lock is not None:
                    lock.remove_expired_tickets()
                if lock is None or not lock.tickets:
                    return
            except Exception as exc:
                logger.warning("REST: could not read the lock of %s (%s)", sender, exc)
                return
            await asyncio.sleep(1)

    async def _resync(self, request: Request, sender: str, collector: CollectingOutputChannel) -> bool:
        """Asks the current question of a running walkthrough again; False if none is running."""
        from rasa.shared.core.constants import ACTION_LISTEN_NAME

        agent = request.app.ctx.agent
        processor = agent.processor
        async with agent.lock_store.lock(sender):
            tracker = await processor.fetch_tracker_and_update_session(sender, collector)
            turn = current_turn()
            if turn is not None and turn.failed:
                return False
            if tracker.active_loop_name not in self.resync_loops:
                return False
            await run_actions(processor, tracker, collector, (self.resync_action, ACTION_LISTEN_NAME))
            await processor.save_tracker(tracker)
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        channel = self

        @bp.listener("after_server_start")
        async def beat(app, loop) -> None:
            channel.inflight.start_heartbeat()

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            channel.inflight.start_heartbeat()
            return response.json({"status": "ok", "instance": channel.inflight.instance_id})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await channel.handle_request(request, on_new_message)

        return bp

    async def handle_request(self, request: Request, on_new_message) -> HTTPResponse:
        """One POST to /webhooks/rest/webhook."""
        self.inflight.start_heartbeat()
        refused = self._auth_error(request)
        if refused:
            return refused
        checked, refused = read_rest_request(request)
        if refused:
            return refused
        refused = self._sender_param_error(request, checked.sender) or reply_without_nlu(request, checked)
        if refused:
            return refused
        return await self._handle(request, checked, on_new_message)

    async def _handle(self, request: Request, checked, on_new_message) -> HTTPResponse:
        sender = checked.sender
        message_id = _message_id(request)
        turn = start_turn(sender)
        record = await self.inflight.get(sender)
        if (
            record
            and record.get("state") == "done"
            and message_id
            and record.get("message_id") == message_id
            and "response" in record
        ):
            # a retry of a turn that succeeded but whose answer did not reach the client
            logger.info("REST: %s sent message %s again; answering as before", sender, message_id)
            return response.json(record["response"])
        unfinished = record is not None and record.get("state") != "done"
        busy_here = self._active.get(sender, 0) > 0
        self._active[sender] = self._active.get(sender, 0) + 1
        try:
            await self.inflight.begin(sender, message_id)
            collector = CollectingOutputChannel()
            if unfinished or busy_here:
                owner = (record or {}).get("instance")
                if owner and owner != self.inflight.instance_id:
                    await self._wait_for_other_instance(request, sender, owner)
                resynced = False
                if not _danger_now(checked.message):  # a child in danger gets the 999 answer, not a resync
                    try:
                        resynced = await self._resync(request, sender, collector)
                    except Exception as exc:
                        logger.exception("REST: could not ask the current question again")
                        note_failure(f"resync: {type(exc).__name__}: {exc}")
                if turn.failed:
                    return self._try_again(sender, turn.failures)
                if resynced:
                    messages = [{"recipient_id": sender, "text": RESYNC, "custom": {"resync": True}}]
                    messages += collector.messages
                    await self.inflight.done(sender, message_id, messages)
                    return response.json(messages)
                collector = CollectingOutputChannel()
            first_use = await is_new_conversation(request.app, sender)
            try:
                await on_new_message(
                    UserMessage(
                        checked.message,
                        collector,
                        sender,
                        input_channel=self.name(),
                        metadata=checked.metadata,
                        message_id=message_id,
                    )
                )
            except Exception as exc:  # the stock channel would answer 500 or an empty list
                logger.exception("REST: the message could not be handled")
                note_failure(f"{type(exc).__name__}: {exc}")
            if turn.failed:
                return self._try_again(sender, turn.failures)
            if first_use:
                add_first_use_statement(collector.messages, sender, await walk_running(request.app, sender))
            await self.inflight.done(sender, message_id, collector.messages)
            return response.json(collector.messages)
        finally:
            left = self._active.get(sender, 1) - 1
            if left <= 0:
                self._active.pop(sender, None)
            else:
                self._active[sender] = left


def _danger_now(text: str) -> bool:
    """The danger rules of the NLU pipeline (rasa_ext/danger.py) on a message about to be
    held back for a resync: such a message goes to Rasa instead, for its 999 answer."""
    from bot.lang.danger_policy import decide_danger

    return decide_danger(text).immediate


def _message_id(request: Request) -> str | None:
    """The client's id for this message (`"message_id"` in the body), the same when it sends the
    message again after a failure; ignored unless it is a short text."""
    try:
        body = request.json
    except Exception:
        return None
    value = body.get("message_id") if isinstance(body, dict) else None
    if isinstance(value, str) and 0 < len(value) <= 100:
        return value
    return None
