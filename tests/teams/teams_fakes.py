"""Test doubles for Microsoft Teams: a signing key and tokens as the Bot Connector makes them,
real Teams activity shapes, and loopback fakes of Microsoft's services (OpenID metadata and
JWKS, the token endpoint, the Bot Connector) that record what the bot sends them."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable
from urllib.parse import unquote

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.servers import free_port

ISSUER = "https://api.botframework.com"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Signer:
    """An RSA key as the Bot Framework publishes it (a JWK with endorsements) and tokens
    signed with it, good or bad in one chosen way."""

    def __init__(self, kid: str = "test-key-1", endorsements: tuple = ("msteams",)):
        self.kid = kid
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.jwk = {
            **json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key())),
            "kid": kid,
            "use": "sig",
            "endorsements": list(endorsements),
        }

    def public_pem(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def claims(self, app_id: str, service_url: str, *, issuer: str = ISSUER, expires_in: int = 3600, **extra) -> dict:
        now = int(time.time())
        claims = {"serviceurl": service_url, "nbf": now - 60, "exp": now + expires_in, "iss": issuer, "aud": app_id}
        claims.update(extra)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, app_id: str, service_url: str, *, kid: str | None = None, **kw) -> str:
        return jwt.encode(
            self.claims(app_id, service_url, **kw),
            self.private_key,
            algorithm="RS256",
            headers={"kid": kid or self.kid},
        )

    def unsigned_token(self, app_id: str, service_url: str, **kw) -> str:
        header = {"alg": "none", "typ": "JWT", "kid": self.kid}
        return (
            f"{_b64(json.dumps(header).encode())}."
            f"{_b64(json.dumps(self.claims(app_id, service_url, **kw)).encode())}."
        )

    def hs256_token(self, app_id: str, service_url: str, secret: bytes | None = None, **kw) -> str:
        """HMAC-signed, by default with the public key as the secret (the key-confusion attack)."""
        header = {"alg": "HS256", "typ": "JWT", "kid": self.kid}
        signing_input = (
            f"{_b64(json.dumps(header).encode())}."
            f"{_b64(json.dumps(self.claims(app_id, service_url, **kw)).encode())}"
        )
        sig = hmac.new(secret or self.public_pem(), signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{_b64(sig)}"


# ------------------------------------------------------------------ Teams activity shapes


class TeamsUser:
    def __init__(self, tenant_id: str, name: str = "Sam Practitioner"):
        self.tenant_id = tenant_id
        self.aad_object_id = str(uuid.uuid4())
        self.teams_id = "29:1" + uuid.uuid4().hex + uuid.uuid4().hex[:20]
        self.name = name

    def account(self) -> dict:
        return {"id": self.teams_id, "name": self.name, "aadObjectId": self.aad_object_id}


def _base(kind: str, user: TeamsUser, bot: dict, service_url: str, conversation: dict, **extra) -> dict:
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    activity = {
        "type": kind,
        "id": str(int(time.time() * 1000)) + uuid.uuid4().hex[:4],
        "timestamp": now,
        "localTimestamp": now.replace("Z", "+00:00"),
        "localTimezone": "Europe/London",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": user.account(),
        "conversation": conversation,
        "recipient": dict(bot),
        "entities": [
            {"locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London", "type": "clientInfo"}
        ],
        "channelData": {"tenant": {"id": user.tenant_id}},
        "locale": "en-GB",
    }
    activity.update(extra)
    return activity


def personal_conversation(user: TeamsUser) -> dict:
    return {
        "conversationType": "personal",
        "tenantId": user.tenant_id,
        "id": "a:1" + base64.urlsafe_b64encode(uuid.uuid4().bytes * 4).decode().rstrip("="),
    }


def personal_message(user: TeamsUser, bot: dict, service_url: str, text: str, conversation: dict) -> dict:
    return _base("message", user, bot, service_url, conversation, text=text, textFormat="plain")


def channel_ids() -> tuple[str, str]:
    return f"19:{uuid.uuid4().hex}@thread.tacv2", f"19:{uuid.uuid4().hex}@thread.tacv2"


def channel_message(
    user: TeamsUser, bot: dict, service_url: str, text: str, channel: str, team: str, root_message_id: str | None = None
) -> dict:
    """`text` after the mention of the bot, as Teams sends a channel post that @mentions it."""
    mention = f"<at>{bot['name']}</at>"
    root = root_message_id or str(int(time.time() * 1000))
    activity = _base(
        "message",
        user,
        bot,
        service_url,
        {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": user.tenant_id,
            "id": f"{channel};messageid={root}",
        },
        text=f"{mention} {text}\n",
        textFormat="plain",
    )
    activity["entities"].insert(
        0, {"mentioned": {"id": bot["id"], "name": bot["name"]}, "text": mention, "type": "mention"}
    )
    activity["channelData"].update(
        {"teamsChannelId": channel, "teamsTeamId": team, "channel": {"id": channel}, "team": {"id": team}}
    )
    return activity


def card_submit(
    user: TeamsUser, bot: dict, service_url: str, conversation: dict, action: dict, reply_to_id: str
) -> dict:
    """What Teams posts when the user presses an Adaptive Card Action.Submit button: the
    button's data as `value` and no text (a plain submit)."""
    activity = _base("message", user, bot, service_url, conversation, value=action["data"], replyToId=reply_to_id)
    activity["entities"] = activity["entities"][:1]
    return activity


def message_back(
    user: TeamsUser, bot: dict, service_url: str, conversation: dict, action: dict, reply_to_id: str
) -> dict:
    """What Teams posts for a messageBack button: its text, and its value parsed as JSON."""
    mb = action["data"]["msteams"]
    return _base(
        "message",
        user,
        bot,
        service_url,
        conversation,
        text=mb["text"],
        value=json.loads(mb["value"]),
        replyToId=reply_to_id,
    )


def conversation_update(
    user: TeamsUser, bot: dict, service_url: str, conversation: dict, members_added: list[dict]
) -> dict:
    activity = _base("conversationUpdate", user, bot, service_url, conversation, membersAdded=members_added)
    activity["id"] = "f:" + uuid.uuid4().hex
    activity.pop("entities")
    activity.pop("locale")
    return activity


# ------------------------------------------------------------------ loopback fakes of Microsoft


class FakeMicrosoft:
    """Two loopback servers in a background thread: `identity` (OpenID metadata, JWKS, token
    endpoint) and `connector` (the Bot Connector's activities endpoint). Everything they
    receive is recorded."""

    def __init__(self, signer: Signer, access_token: str = "fake-outbound-token"):
        self.signer = signer
        self.access_token = access_token
        self.identity_port, self.connector_port = free_port(), free_port()
        self.identity_url = f"http://127.0.0.1:{self.identity_port}"
        self.service_url = f"http://127.0.0.1:{self.connector_port}/teams/"
        self.metadata_url = f"{self.identity_url}/v1/.well-known/openidconfiguration"
        self.lock = threading.Lock()
        self.replies: list[dict] = []
        self.token_requests: list[dict] = []
        self.metadata_requests = 0
        self.key_requests = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runners: list = []

    # -- servers
    def _identity_app(self):
        from aiohttp import web

        async def metadata(request):
            with self.lock:
                self.metadata_requests += 1
            return web.json_response(
                {
                    "issuer": ISSUER,
                    "jwks_uri": f"{self.identity_url}/v1/.well-known/keys",
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                }
            )

        async def keys(request):
            with self.lock:
                self.key_requests += 1
            return web.json_response({"keys": [self.signer.jwk]})

        async def token(request):
            form = dict(await request.post())
            with self.lock:
                self.token_requests.append({"path": request.path, "form": form})
            return web.json_response(
                {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": self.access_token}
            )

        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", metadata)
        app.router.add_get("/v1/.well-known/keys", keys)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", token)
        return app

    def _connector_app(self):
        from aiohttp import web

        async def activities(request):
            raw = request.raw_path.split("/v3/conversations/", 1)[1].rsplit("/activities", 1)[0]
            body = await request.json()
            with self.lock:
                self.replies.append(
                    {
                        "conversation_id": unquote(raw),
                        "raw_conversation_id": raw,
                        "authorization": request.headers.get("Authorization"),
                        "activity": body,
                        "at": time.monotonic(),
                    }
                )
            return web.json_response({"id": uuid.uuid4().hex})

        app = web.Application()
        app.router.add_post("/teams/v3/conversations/{conversation:.+}/activities", activities)
        return app

    def start(self) -> FakeMicrosoft:
        from aiohttp import web

        ready = threading.Event()

        async def serve():
            for app, port in ((self._identity_app(), self.identity_port), (self._connector_app(), self.connector_port)):
                runner = web.AppRunner(app, access_log=None)
                await runner.setup()
                await web.TCPSite(runner, "127.0.0.1", port).start()
                self._runners.append(runner)
            ready.set()

        def run():
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="fake-microsoft", daemon=True)
        self._thread.start()
        if not ready.wait(20):
            raise RuntimeError("the fake Microsoft servers did not start")
        return self

    def stop(self) -> None:
        if self._loop is None:
            return

        async def cleanup():
            for runner in self._runners:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # -- what the bot sent
    def replies_to(self, conversation_id: str) -> list[dict]:
        with self.lock:
            return [r for r in self.replies if r["conversation_id"] == conversation_id]

    def wait_for_replies(
        self,
        conversation_id: str,
        after: int = 0,
        timeout: float = 60,
        until: Callable[[list[dict]], bool] | None = None,
        settle: float = 1.0,
    ) -> list[dict]:
        """The replies to a conversation after the first `after` ones: waits until there is at
        least one (or `until` holds) and no more arrive for `settle` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.replies_to(conversation_id)[after:]
            if got and (until is None or until(got)) and time.monotonic() - got[-1]["at"] >= settle:
                return got
            time.sleep(0.1)
        raise AssertionError(
            f"no (complete) reply to {conversation_id} within {timeout} s; got "
            f"{[r['activity'] for r in self.replies_to(conversation_id)[after:]]}"
        )


# ------------------------------------------------------------------ reading replies


def card_of(activity: dict) -> dict | None:
    for a in activity.get("attachments") or []:
        if a.get("contentType") == "application/vnd.microsoft.card.adaptive":
            return a["content"]
    return None


def actions_of(activity: dict) -> list[dict]:
    card = card_of(activity)
    if not card:
        return []
    out = list(card.get("actions") or [])
    for element in card.get("body") or []:
        if element.get("type") == "ActionSet":
            out.extend(element["actions"])
    return out


def text_of(activity: dict) -> str:
    card = card_of(activity)
    if card:
        return "\n".join(e["text"] for e in card.get("body") or [] if e.get("type") == "TextBlock")
    return activity.get("text") or ""


def find_action(replies: list[dict], title: str) -> tuple[dict, dict]:
    """(the action whose title starts with `title`, the activity that carried it)."""
    for r in replies:
        for action in actions_of(r["activity"]):
            if action["title"].lower().startswith(title.lower()):
                return action, r["activity"]
    raise AssertionError(f"no button {title!r} in {[a['title'] for r in replies for a in actions_of(r['activity'])]}")
