"""Teams activities in: reading them (mentions, card submits, who is talking and where) and
`TeamsInput`, the webhook Teams posts to (POST /webhooks/teams/webhook), which checks each request
(tokens.py) and hands the message to Rasa; replies go out through output.py."""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.botframework import BotFrameworkInput
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.walks.inputs import check_payload, check_rest_payload
from bot.walks.replies import first_use_after, first_use_place
from rasa_ext.channels import domain_intents, is_new_conversation, walk_running
from rasa_ext.teams.http_client import HttpClient
from rasa_ext.teams.output import ConnectorAuth, TeamsOutput
from rasa_ext.teams.settings import CHANNEL, ENV_NAMES, TeamsSettings
from rasa_ext.teams.tokens import (
    AuthError,
    KeysUnavailable,
    SigningKeys,
    bearer_token,
    check_activity,
    token_header,
    verify_token,
)

logger = logging.getLogger(__name__)

MAX_ACTIVITY_BYTES = 256_000
MAX_SENDER_CHARS = 200


class ActivityError(Exception):
    """An authenticated activity without the fields a reply needs: answered 400."""


_AT = re.compile(r"<at(?:\s[^>]*)?>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)
_FORMAT_TAG = re.compile(r"</?(?:p|div|span|b|i|u|em|strong)(?:\s[^>]*)?>", re.IGNORECASE)


def strip_mentions(text: str, activity: Mapping[str, Any]) -> str:
    """Removes the bot's `<at>…</at>` mention, keeps other mentioned names as plain words,
    drops Teams' simple HTML and entities."""
    recipient = activity.get("recipient") if isinstance(activity.get("recipient"), dict) else {}
    bot_id, bot_name = recipient.get("id"), recipient.get("name")
    entities = activity.get("entities") if isinstance(activity.get("entities"), list) else []
    for e in entities:
        if isinstance(e, dict) and e.get("type") == "mention" and isinstance(e.get("text"), str):
            mentioned = e.get("mentioned") if isinstance(e.get("mentioned"), dict) else {}
            if bot_id and mentioned.get("id") == bot_id and e["text"]:
                text = text.replace(e["text"], " ")

    def other_mention(m: re.Match) -> str:
        inner = html.unescape(m.group(1)).strip()
        return " " if bot_name and inner == bot_name else f" {inner} "

    text = _AT.sub(other_mention, text)
    text = _FORMAT_TAG.sub("", _BREAK.sub("\n", text))
    text = html.unescape(text).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def submitted_payload(value: Any) -> str | None:
    """The payload of a card button (an Action.Submit's data, or a messageBack value)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        payload = value.get("payload")
        if isinstance(payload, str) and payload.strip():
            return payload
    return None


def message_text(activity: Mapping[str, Any]) -> tuple[str, bool]:
    """(text for NLU, whether it came from a card)."""
    payload = submitted_payload(activity.get("value"))
    if payload is not None:
        return payload, True
    text = activity.get("text")
    return (strip_mentions(text, activity) if isinstance(text, str) else ""), False


@dataclass(frozen=True)
class Party:
    """Who is talking, where, and where replies go."""

    conversation_id: str
    conversation_type: str
    service_url: str
    bot: dict
    teams_user_id: str
    aad_object_id: str
    tenant_id: str
    activity_id: str = ""

    @property
    def user_id(self) -> str:
        """The user's identity in the records: the tenant and the Entra ID object id."""
        return f"{self.tenant_id}:{self.aad_object_id or self.teams_user_id}"

    @property
    def sender_id(self) -> str:
        """Rasa's conversation id: the chat for a personal chat; the thread and the user in a
        channel or group chat, so each colleague has their own place in a walkthrough."""
        base = self.conversation_id
        if self.conversation_type != "personal":
            base = f"{base}|{self.aad_object_id or self.teams_user_id}"
        if len(base) <= MAX_SENDER_CHARS:
            return base
        return "teams:" + hashlib.sha256(base.encode()).hexdigest()

    def metadata(self, source: str = "message") -> dict:
        return {
            "channel": CHANNEL,
            "user_id": self.user_id,
            "tenant_id": self.tenant_id,
            "teams_user_id": self.teams_user_id,
            "aad_object_id": self.aad_object_id or None,
            "conversation_type": self.conversation_type,
            "source": source,
        }


def party_of(activity: Mapping[str, Any], tenant_id: str) -> Party:
    def obj(name: str) -> dict:
        value = activity.get(name)
        return value if isinstance(value, dict) else {}

    conversation, sender, bot = obj("conversation"), obj("from"), obj("recipient")
    for what, value in (
        ("conversation.id", conversation.get("id")),
        ("from.id", sender.get("id")),
        ("recipient.id", bot.get("id")),
    ):
        if not isinstance(value, str) or not value or len(value) > 1000:
            raise ActivityError(f"the activity has no {what}")
    aad = sender.get("aadObjectId")
    kind = conversation.get("conversationType")
    return Party(
        conversation_id=conversation["id"],
        conversation_type=kind if isinstance(kind, str) and kind else "personal",
        service_url=activity["serviceUrl"],
        bot={"id": bot["id"], "name": bot.get("name") or ""},
        teams_user_id=sender["id"],
        aad_object_id=aad.lower() if isinstance(aad, str) else "",
        tenant_id=tenant_id,
        activity_id=str(activity.get("id") or ""),
    )


def should_welcome(activity: Mapping[str, Any]) -> bool:
    """A conversationUpdate that adds the bot anywhere, or anyone to a personal chat."""
    added = activity.get("membersAdded")
    if not isinstance(added, list) or not added:
        return False
    recipient = activity.get("recipient") if isinstance(activity.get("recipient"), dict) else {}
    conversation = activity.get("conversation") if isinstance(activity.get("conversation"), dict) else {}
    bot_added = any(isinstance(m, dict) and m.get("id") == recipient.get("id") for m in added)
    kind = conversation.get("conversationType") or "personal"
    return bot_added or kind == "personal"


class TeamsInput(BotFrameworkInput):
    """The webhook Teams posts to: POST /webhooks/teams/webhook."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict | None) -> TeamsInput:
        settings = TeamsSettings.from_credentials(credentials)
        if settings is None:
            logger.warning(
                "Teams channel is off: set %s (and the other TEAMS_* settings, see docs/teams.md)" " to turn it on",
                ENV_NAMES["app_id"],
            )
        return cls(settings)

    def __init__(
        self, settings: TeamsSettings | None, http: HttpClient | None = None, keys: SigningKeys | None = None
    ) -> None:
        # BotFrameworkInput.__init__ is not called: it fetches Microsoft's keys with blocking
        # `requests` calls while the channel is built. Keys load on the first request instead.
        self.settings = settings
        self.app_id = settings.app_id if settings else ""
        self.app_password = settings.app_password if settings else ""
        self.http = http or HttpClient(settings.http_timeout_seconds if settings else 10.0)
        self.signing_keys = keys or (SigningKeys(settings, self.http) if settings else None)
        self.connector_auth = ConnectorAuth(settings, self.http) if settings else None
        self._tasks: set = set()
        self.app: Any = None  # the Rasa server's app (its agent's tracker store), set on the first request

    def _update_cached_jwk_keys(self) -> None:  # the stock, blocking loader: never used here
        raise NotImplementedError("TeamsInput loads keys with SigningKeys (async, from the settings' URL)")

    async def authenticate(self, auth_header: str | None) -> tuple[dict, dict]:
        token = bearer_token(auth_header)
        header = token_header(token)
        key = await self.signing_keys.get(header["kid"])
        if key is None:
            raise AuthError("the token's signing key is not one of the Bot Framework's keys")
        return verify_token(token, key, self.settings), key

    async def handle(
        self, auth_header: str | None, body: bytes, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> tuple[int, dict]:
        """The webhook without Sanic: (HTTP status, JSON body). Replies are produced in the
        background and posted to the Bot Connector."""
        if self.settings is None:
            return 503, {
                "error": f"The Teams channel is not configured: set {ENV_NAMES['app_id']} and the other "
                "TEAMS_* settings (docs/teams.md)."
            }
        try:
            claims, key = await self.authenticate(auth_header)
        except AuthError as e:
            logger.warning("Teams: refused a request: %s", e)
            return 401, {"error": f"Unauthorized: {e}."}
        except KeysUnavailable as e:
            logger.error("Teams: %s", e)
            return 503, {"error": "The Bot Framework signing keys are unavailable; try again later."}
        except Exception:  # fail closed: an unexpected error while checking a token is a refusal
            logger.exception("Teams: unexpected error while checking a token")
            return 401, {"error": "Unauthorized: the token could not be checked."}
        if len(body) > MAX_ACTIVITY_BYTES:
            return 413, {"error": "The activity is too large."}
        try:
            activity = json.loads(body)
        except ValueError:
            return 400, {"error": "The body is not JSON."}
        if not isinstance(activity, dict):
            return 400, {"error": "The body is not a JSON object (an activity)."}
        try:
            tenant = check_activity(activity, claims, key, self.settings)
        except AuthError as e:
            logger.warning("Teams: refused an activity: %s", e)
            return 401, {"error": f"Unauthorized: {e}."}
        try:
            job = self._job_for(activity, tenant, on_new_message)
        except ActivityError as e:
            return 400, {"error": f"Bad activity: {e}."}
        except Exception:
            logger.exception("Teams: could not read an activity")
            return 400, {"error": "Bad activity."}
        if job is None:
            return 200, {}
        self._spawn(job)
        return 202, {}

    def _job_for(
        self, activity: dict, tenant: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Awaitable[None] | None:
        kind = activity.get("type")
        if kind == "message":
            party = party_of(activity, tenant)
            return self._on_message(activity, party, on_new_message)
        if kind == "conversationUpdate" and self.settings.welcome and should_welcome(activity):
            party = party_of(activity, tenant)
            return self._on_welcome(party, on_new_message)
        return None  # typing, reactions, installationUpdate, …: acknowledged, nothing to say

    def output_channel(self, party: Party, reply_to_id: str = "") -> TeamsOutput:
        return TeamsOutput(self.settings, party, self.http, self.connector_auth, reply_to_id)

    async def _on_message(
        self, activity: dict, party: Party, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        text, from_card = message_text(activity)
        out = self.output_channel(party, party.activity_id)
        checked = check_rest_payload({"sender": party.sender_id, "message": text}, False, 0)
        # too long, no text (an image, a file, an empty card), or a button this assistant never sent
        reply = checked.error or checked.reply or check_payload(checked.message, domain_intents(self.app))
        if reply:
            await out.send_text_message(party.sender_id, reply)
            return
        first_use = await is_new_conversation(self.app, party.sender_id)  # no welcome came first
        if not first_use:
            await on_new_message(self._user_message(checked.message, out, party, from_card))
            return
        # The first message of a conversation without a welcome: its replies are held back so that
        # the first-use statement goes after them (a 999 answer always first) or, when the message
        # started a walk, before the walk's messages, its question last (as on REST, channels.py).
        out.hold()
        try:
            await on_new_message(self._user_message(checked.message, out, party, from_card))
            texts = [text for text, _ in out.held or []]
            at = first_use_place(texts, await walk_running(self.app, party.sender_id))
            await out.release((at, first_use_after(texts)))
        finally:
            await out.release()  # whatever was held when handling the message failed

    @staticmethod
    def _user_message(text: str, out: TeamsOutput, party: Party, from_card: bool) -> UserMessage:
        return UserMessage(
            text,
            out,
            party.sender_id,
            input_channel=CHANNEL,
            metadata=party.metadata("card" if from_card else "message"),
        )

    async def _on_welcome(self, party: Party, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        await is_new_conversation(self.app, party.sender_id)  # known from now on: no second statement
        out = self.output_channel(party)
        await on_new_message(
            UserMessage(
                self.settings.welcome_message,
                out,
                party.sender_id,
                input_channel=CHANNEL,
                metadata=party.metadata("conversationUpdate"),
            )
        )
        await self._first_use_statement(out, party)  # a conversation opens: what the assistant is and is not

    @staticmethod
    async def _first_use_statement(out: TeamsOutput, party: Party) -> None:
        await out.send_text_message(party.sender_id, first_use_after(out.said))

    def _spawn(self, job: Awaitable[None]) -> None:
        async def run() -> None:
            try:
                await job
            except Exception:
                logger.exception("Teams: handling an activity failed")

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Waits for the activities being handled (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("teams_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.settings is not None})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            self.app = request.app
            status, body = await self.handle(request.headers.get("Authorization"), request.body or b"", on_new_message)
            return response.json(body, status=status)

        @bp.listener("after_server_stop")
        async def close(app: Any, loop: Any) -> None:
            await self.drain()
            await self.http.close()

        return bp
