"""Replies to Teams: Teams markdown, Adaptive Cards whose buttons are `messageBack` actions, the
bot's own token for the Bot Connector (client credentials, from the settings' token URL), and
`TeamsOutput`, which posts each reply with aiohttp and retries."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from rasa.core.channels.botframework import BotFramework

from rasa_ext.teams.http_client import HttpClient
from rasa_ext.teams.settings import CHANNEL, TeamsSettings

if TYPE_CHECKING:
    from rasa_ext.teams.input import Party

logger = logging.getLogger(__name__)

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def teams_text(text: str) -> str:
    """Teams markdown keeps a line break only as a paragraph break."""
    return "\n\n".join(_lines(text))


def card_action(button: Mapping[str, Any]) -> dict | None:
    """A Rasa button as an Adaptive Card action that works in Teams: a link opens, anything
    else is a messageBack whose text (and value) is the payload and whose title the user sees
    as their message."""
    title = str(button.get("title") or button.get("payload") or "").strip()
    if not title:
        return None
    if button.get("type") == "web_url" and button.get("url"):
        return {"type": "Action.OpenUrl", "title": title, "url": str(button["url"])}
    payload = str(button.get("payload") or title)
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {
            "payload": payload,
            "msteams": {
                "type": "messageBack",
                "displayText": title,
                "text": payload,
                "value": json.dumps({"payload": payload}),
            },
        },
    }


def adaptive_card(text: str, buttons: Iterable[Mapping[str, Any]] = (), image: str | None = None) -> dict:
    body: list[dict] = []
    for i, line in enumerate(_lines(text)):
        body.append({"type": "TextBlock", "text": line, "wrap": True, **({"spacing": "Small"} if i else {})})
    if image:
        body.append({"type": "Image", "url": image, "size": "Stretch"})
    actions = [a for a in (card_action(b) for b in buttons) if a]
    # Short answers sit side by side (up to four a row); longer ones one a row, so Teams
    # neither truncates a title nor hides a button in an overflow menu.
    per_row = 4 if actions and all(len(a["title"]) <= 16 for a in actions) else 1
    for start in range(0, len(actions), per_row):
        body.append({"type": "ActionSet", "actions": actions[start : start + per_row]})
    titles = ", ".join(a["title"] for a in actions)
    fallback = teams_text(text) + (f"\n\nChoices: {titles}" if titles else "")
    return {
        "contentType": ADAPTIVE_CARD,
        "content": {
            "type": "AdaptiveCard",
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.2",
            "body": body,
            "fallbackText": fallback,
            "msteams": {"width": "Full"},
        },
    }


class ConnectorError(Exception):
    pass


class ConnectorAuth:
    """The bot's own token for the Bot Connector (client credentials), cached until shortly
    before it expires, from the settings' token URL."""

    def __init__(self, settings: TeamsSettings, http: HttpClient, clock: Callable[[], float] = time.monotonic):
        self.settings, self.http, self.clock = settings, http, clock
        self._token: str | None = None
        self._expires = 0.0
        self._lock: asyncio.Lock | None = None

    async def headers(self, force: bool = False) -> dict:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if force or not self._token or self.clock() > self._expires - 120:
                await self._fetch()
        return {"Authorization": f"Bearer {self._token}"}

    async def _fetch(self) -> None:
        s = self.settings
        form = {
            "grant_type": "client_credentials",
            "client_id": s.app_id,
            "client_secret": s.app_password,
            "scope": s.token_scope,
        }
        try:
            status, text, _ = await self.http.post(s.token_url, form=form)
        except Exception as e:
            raise ConnectorError(f"token request to {s.token_url} failed: {type(e).__name__}") from None
        if status != 200:
            raise ConnectorError(f"token request to {s.token_url} answered {status}")
        try:
            data = json.loads(text)
            self._token = str(data["access_token"])
            self._expires = self.clock() + float(data.get("expires_in", 3600))
        except (ValueError, KeyError, TypeError):
            raise ConnectorError("the token response could not be read") from None


class TeamsOutput(BotFramework):
    """Replies to one Teams conversation through the Bot Connector, with aiohttp."""

    RETRIES = 2

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(
        self, settings: TeamsSettings, party: Party, http: HttpClient, auth: ConnectorAuth, reply_to_id: str = ""
    ) -> None:
        super().__init__(
            settings.app_id, settings.app_password, {"id": party.conversation_id}, party.bot, party.service_url
        )
        self.settings, self.party, self.http, self.auth = settings, party, http, auth
        self.reply_to_id = reply_to_id
        self.said: list[str] = []  # the texts sent through this output, in order
        # (text, activity) replies kept back by hold() until release(); None: sent as they come
        self.held: list[tuple[str, dict]] | None = None

    @property
    def activities_url(self) -> str:
        return f"{self.global_uri}conversations/{quote(self.party.conversation_id, safe='')}/activities"

    async def _get_headers(self) -> dict | None:
        try:
            return await self.auth.headers()
        except ConnectorError as e:
            logger.error("Teams: %s", e)
            return None

    def prepare_message(self, recipient_id: str, message_data: dict) -> dict:
        data = {
            "type": "message",
            "from": self.bot,
            "recipient": {"id": self.party.teams_user_id},
            "conversation": {"id": self.party.conversation_id},
            "text": "",
        }
        if self.reply_to_id:
            data["replyToId"] = self.reply_to_id
        data.update(message_data)
        return data

    async def send(self, message_data: dict) -> None:
        """Posts one activity: retried on throttling (429), a server error or no connection,
        and once with a new token when the connector refuses ours (401)."""
        force, renewed, status = False, False, None
        for attempt in range(self.RETRIES + 2):
            try:
                headers = await self.auth.headers(force=force)
            except ConnectorError as e:
                logger.error("Teams: no token for replies: %s", e)
                return
            force = False
            try:
                status, _, resp_headers = await self.http.post(
                    self.activities_url, json_body=message_data, headers=headers
                )
            except Exception as e:  # connection refused, timeout
                status, resp_headers = None, {}
                logger.warning("Teams: sending a reply failed: %s", type(e).__name__)
            if status is not None and 200 <= status < 300:
                return
            if status == 401 and not renewed:
                force = renewed = True
                continue
            if (status is None or status == 429 or status >= 500) and attempt < self.RETRIES:
                retry_after = str(resp_headers.get("Retry-After", ""))
                await asyncio.sleep(min(float(retry_after), 5.0) if retry_after.isdigit() else 0.5 * 2**attempt)
                continue
            break
        logger.error(
            "Teams: the Bot Connector did not take a reply (status %s) for conversation type %s",
            status,
            self.party.conversation_type,
        )

    def hold(self) -> None:
        """Keeps the replies back until release(), so that one can be put among them (the
        first-use statement before a walk's first question, input.py)."""
        if self.held is None:
            self.held = []

    async def release(self, insert: tuple[int, str] | None = None) -> None:
        """Sends the replies held back, in order, with the text `insert` = (place, text) put
        among them; from now on replies go out as they come."""
        held, self.held = self.held or [], None
        if insert is not None:
            at, text = insert
            self.said.append(text)
            activity = self.prepare_message(
                self.party.teams_user_id, {"text": teams_text(text), "textFormat": "markdown"}
            )
            held.insert(at, (text, activity))
        for _, activity in held:
            await self.send(activity)

    async def _deliver(self, text: str, activity: dict) -> None:
        if self.held is not None:
            self.held.append((text, activity))
        else:
            await self.send(activity)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.said.append(text)
        if _lines(text):
            await self._deliver(
                text, self.prepare_message(recipient_id, {"text": teams_text(text), "textFormat": "markdown"})
            )

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs: Any) -> None:
        self.said.append(text)
        card = adaptive_card(text, buttons)
        await self._deliver(text, self.prepare_message(recipient_id, {"attachments": [card]}))

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list, **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._deliver("", self.prepare_message(recipient_id, {"attachments": [adaptive_card("", image=image)]}))

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        await self._deliver("", self.prepare_message(recipient_id, dict(json_message)))
