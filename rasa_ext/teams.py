"""Microsoft Teams: Rasa's Bot Framework channel with what it lacks for a council fixed.

Built on `rasa.core.channels.botframework` (`TeamsInput` subclasses `BotFrameworkInput`,
`TeamsOutput` subclasses `BotFramework`). What the stock channel gets wrong in Rasa 3.6, and
what this one does instead:

- Incoming tokens: the stock channel checks signature, expiry and audience only, takes the
  algorithm from the token itself and answers an HS256 token with a 500. Here: RS256 only,
  keys only from the configured OpenID metadata document (JWKS), audience = the bot's app id,
  an issuer allow-list, expiry (5 minutes' clock skew, as the Bot Framework allows), the
  token's `serviceurl` claim equal to the activity's serviceUrl, the signing key endorsed for
  the activity's channel, a service URL allow-list and a tenant allow-list (from
  channelData.tenant.id). Every bad token gets a 401, never a 500.
- Microsoft's URLs (OpenID metadata, token authority, token URL, scope, issuers, service
  URLs) are settings, defaulting to the real Microsoft ones; nothing is fetched at import or
  when the channel is built: keys are loaded on the first request and refreshed daily.
- The token for replies comes from the tenant's own authority for a single-tenant app
  registration (`https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`), or from
  `botframework.com` for a multi-tenant one, and replies go out with aiohttp, not blocking
  `requests` calls inside the event loop.
- Buttons go out as Adaptive Cards whose Action.Submit buttons are Teams `messageBack`
  actions (the payload as the message text, the button's title shown in the chat); card
  submits (`value`) are read back as the user's message; `<at>…</at>` mentions of the bot are
  stripped before NLU; a conversationUpdate that adds the bot (or, in a personal chat, the
  user) gets the welcome, then the first-use statement of what the assistant is and is not
  (bot/replies.py); a conversation whose first activity is a message gets the statement
  after the answer to it.
- The user's identity goes to the actions as message metadata:
  `{"channel": "teams", "user_id": "<tenant>:<aadObjectId>", "tenant_id", "teams_user_id", ...}`,
  which `actions.common.identity()` uses as the user's identity in the records.

Settings come from the channel's block in credentials.yml; a key that is not there falls back
to a TEAMS_* environment variable (see `ENV_NAMES`). Without an app id the channel is off: its
webhook answers 503 and says what to set.
"""
from __future__ import annotations

import asyncio
import hashlib
import html
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, Mapping, Optional
from urllib.parse import quote, urlsplit

import jwt
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inputs import check_payload, check_rest_payload
from bot.replies import first_use_after
from rasa_ext.channels import domain_intents, is_new_conversation

logger = logging.getLogger(__name__)

CHANNEL = "teams"

# The real Microsoft endpoints (public cloud): defaults only, every one is a setting.
MICROSOFT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
MICROSOFT_AUTHORITY_HOST = "https://login.microsoftonline.com"
MULTI_TENANT_AUTHORITY = "botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/"

ALGORITHMS = ("RS256",)  # never taken from the token
MAX_TOKEN_CHARS = 16_000
MAX_ACTIVITY_BYTES = 256_000
MAX_SENDER_CHARS = 200
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

# credentials key -> environment variable used when the key is absent from credentials.yml
ENV_NAMES = {
    "app_id": "TEAMS_BOT_ID",
    "app_password": "TEAMS_BOT_PASSWORD",
    "app_type": "TEAMS_BOT_TYPE",
    "app_tenant_id": "TEAMS_BOT_TENANT_ID",
    "tenant_ids": "TEAMS_ALLOWED_TENANTS",
    "allow_any_tenant": "TEAMS_ALLOW_ANY_TENANT",
    "openid_metadata_url": "TEAMS_OPENID_METADATA_URL",
    "authority_host": "TEAMS_AUTHORITY_HOST",
    "token_url": "TEAMS_TOKEN_URL",
    "token_scope": "TEAMS_TOKEN_SCOPE",
    "issuers": "TEAMS_ISSUERS",
    "service_urls": "TEAMS_SERVICE_URLS",
}
KNOWN_KEYS = set(ENV_NAMES) | {"channel_ids", "require_service_url_claim", "clock_skew_seconds",
                               "keys_refresh_hours", "http_timeout_seconds", "welcome", "welcome_message"}


class ConfigError(ValueError):
    """The channel's settings are wrong: raised when Rasa starts, with what to fix."""


class AuthError(Exception):
    """A request that is not from the Bot Connector for this bot and tenant: answered 401."""


class KeysUnavailable(Exception):
    """The signing keys could not be loaded (and none are cached): answered 503."""


class ActivityError(Exception):
    """An authenticated activity without the fields a reply needs: answered 400."""


# --------------------------------------------------------------------------- settings

def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in LOOPBACK_HOSTS


def _check_url(name: str, url: Any) -> str:
    """An https URL (plain http only to loopback, for tests), without user info or fragment."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{name} must be a URL")
    url = url.strip()
    if any(not 33 <= ord(c) < 127 for c in url):
        raise ConfigError(f"{name} must be a plain ASCII URL without spaces: {url!r}")
    p = urlsplit(url)
    if p.scheme not in ("https", "http") or not p.hostname or p.username or p.password or p.fragment:
        raise ConfigError(f"{name} must be an https URL without user info: {url!r}")
    if p.scheme == "http" and not _is_loopback(url):
        raise ConfigError(f"{name} must use https: {url!r}")
    return url


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ConfigError(f"expected a list or a comma-separated text, got {value!r}")


def _as_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "no", "0", "off", ""):
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _as_number(value: Any, name: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, got {value!r}") from None
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low:g} and {high:g}, got {number:g}")
    return number


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    app_password: str = field(repr=False)
    app_type: str  # "SingleTenant" or "MultiTenant"
    app_tenant_id: str
    tenant_ids: frozenset  # lower-case tenant ids allowed to talk to the bot
    allow_any_tenant: bool
    openid_metadata_url: str
    token_url: str
    token_scope: str
    issuers: tuple
    service_urls: tuple
    channel_ids: tuple = ("msteams",)
    require_service_url_claim: bool = True
    clock_skew_seconds: int = 300
    keys_refresh_hours: float = 24.0
    http_timeout_seconds: float = 10.0
    welcome: bool = True
    welcome_message: str = "/greet"

    @classmethod
    def from_credentials(cls, credentials: Optional[Mapping[str, Any]],
                         environ: Optional[Mapping[str, str]] = None) -> Optional["TeamsSettings"]:
        """The settings, or None when no app id is set (the channel is then off)."""
        creds = dict(credentials or {})
        env = os.environ if environ is None else environ
        unknown = sorted(set(creds) - KNOWN_KEYS)
        if unknown:
            raise ConfigError(f"unknown Teams channel setting(s) {unknown}; known: {sorted(KNOWN_KEYS)}")

        def get(key: str, default: Any = None) -> Any:
            value = creds.get(key)
            if value is None or value == "":
                value = env.get(ENV_NAMES[key], "") if key in ENV_NAMES else None
            return default if value is None or value == "" else value

        app_id = str(get("app_id", "")).strip()
        if not app_id:
            return None
        problems = []
        if not GUID.match(app_id):
            problems.append(f"app_id ({ENV_NAMES['app_id']}) must be the bot's Microsoft App ID, a GUID")
        app_password = str(get("app_password", ""))
        if not app_password:
            problems.append(f"app_password ({ENV_NAMES['app_password']}) is needed to send replies")
        app_type = str(get("app_type", "SingleTenant")).strip()
        types = {"singletenant": "SingleTenant", "multitenant": "MultiTenant"}
        if app_type.lower() not in types:
            problems.append(f"app_type ({ENV_NAMES['app_type']}) must be SingleTenant or MultiTenant, not {app_type!r}")
        app_type = types.get(app_type.lower(), app_type)
        app_tenant_id = str(get("app_tenant_id", "")).strip()
        if app_tenant_id and not GUID.match(app_tenant_id):
            problems.append(f"app_tenant_id ({ENV_NAMES['app_tenant_id']}) must be a tenant id (a GUID)")
        if app_type == "SingleTenant" and not app_tenant_id:
            problems.append(f"a SingleTenant app registration needs app_tenant_id ({ENV_NAMES['app_tenant_id']}): "
                            "the Entra ID tenant the app is registered in")
        try:
            allow_any = _as_bool(get("allow_any_tenant", False), "allow_any_tenant")
            tenants = _as_list(get("tenant_ids")) or ([app_tenant_id] if app_tenant_id else [])
            bad = [t for t in tenants if not GUID.match(t)]
            if bad:
                problems.append(f"tenant_ids ({ENV_NAMES['tenant_ids']}) must be tenant GUIDs, not {bad}")
            if not tenants and not allow_any:
                problems.append(f"set tenant_ids ({ENV_NAMES['tenant_ids']}): the tenants whose users may use the "
                                "bot (or allow_any_tenant: true, which lets any organisation in)")
            metadata_url = _check_url("openid_metadata_url", get("openid_metadata_url", MICROSOFT_OPENID_METADATA_URL))
            token_url = get("token_url")
            if token_url:
                token_url = _check_url("token_url", token_url)
            else:
                host = _check_url("authority_host", get("authority_host", MICROSOFT_AUTHORITY_HOST)).rstrip("/")
                authority = app_tenant_id if app_type == "SingleTenant" else MULTI_TENANT_AUTHORITY
                token_url = f"{host}/{authority or MULTI_TENANT_AUTHORITY}/oauth2/v2.0/token"
            issuers = tuple(_as_list(get("issuers")) or [BOT_FRAMEWORK_ISSUER])
            service_urls = tuple(_normalise_base(_check_url("service_urls", u))
                                 for u in (_as_list(get("service_urls")) or [TEAMS_SERVICE_URL]))
            channel_ids = tuple(_as_list(get("channel_ids")) or ["msteams"])
            settings = cls(
                app_id=app_id, app_password=app_password, app_type=app_type, app_tenant_id=app_tenant_id,
                tenant_ids=frozenset(t.lower() for t in tenants), allow_any_tenant=allow_any,
                openid_metadata_url=metadata_url, token_url=token_url,
                token_scope=str(get("token_scope", BOT_FRAMEWORK_SCOPE)), issuers=issuers,
                service_urls=service_urls, channel_ids=channel_ids,
                require_service_url_claim=_as_bool(get("require_service_url_claim", True), "require_service_url_claim"),
                clock_skew_seconds=int(_as_number(get("clock_skew_seconds", 300), "clock_skew_seconds", 0, 600)),
                keys_refresh_hours=_as_number(get("keys_refresh_hours", 24), "keys_refresh_hours", 0.01, 24 * 7),
                http_timeout_seconds=_as_number(get("http_timeout_seconds", 10), "http_timeout_seconds", 1, 120),
                welcome=_as_bool(get("welcome", True), "welcome"),
                welcome_message=str(get("welcome_message", "/greet")),
            )
        except ConfigError as e:
            problems.append(str(e))
            settings = None
        if problems:
            raise ConfigError("Teams channel settings: " + "; ".join(problems))
        return settings


def _normalise_base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def service_url_allowed(url: Any, allowed: Iterable[str]) -> bool:
    """Same scheme, host and port as an allowed base URL, and a path under its path. No user
    info, query, fragment or dot segments, so the bearer token for replies only ever goes to
    the Bot Connector."""
    if not isinstance(url, str) or len(url) > 2000:
        return False
    try:
        p = urlsplit(url)
        port = p.port
    except ValueError:
        return False
    if p.scheme not in ("https", "http") or not p.hostname or p.username or p.password or p.query or p.fragment:
        return False
    if ".." in p.path or "\\" in url or "%" in url or any(not 33 <= ord(c) < 127 for c in url):
        return False
    path = _normalise_base(p.path or "/")
    for base in allowed:
        b = urlsplit(base)
        default = 443 if b.scheme == "https" else 80
        if (p.scheme == b.scheme and p.hostname.lower() == (b.hostname or "").lower()
                and (port or default) == (b.port or default) and path.startswith(b.path or "/")):
            return True
    return False


# --------------------------------------------------------------------------- token checks

def bearer_token(auth_header: Optional[str]) -> str:
    if not auth_header:
        raise AuthError("no Authorization header")
    m = re.match(r"^\s*Bearer\s+(\S+)\s*$", auth_header, re.IGNORECASE)
    if not m:
        raise AuthError("the Authorization header is not a Bearer token")
    token = m.group(1)
    if len(token) > MAX_TOKEN_CHARS:
        raise AuthError("the token is too long")
    return token


def token_header(token: str) -> dict:
    """The token's header, if it names an allowed algorithm and a key id."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise AuthError("the token is not a well-formed JWT") from None
    alg = header.get("alg")
    if alg not in ALGORITHMS:
        raise AuthError(f"the token's algorithm {str(alg)[:20]!r} is not allowed (RS256 only)")
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise AuthError("the token names no signing key (kid)")
    return header


def verify_token(token: str, key: Mapping[str, Any], settings: TeamsSettings) -> dict:
    """Signature (RS256, with this JWKS key), audience, issuer and expiry. Returns the claims."""
    if key.get("kty") != "RSA":
        raise AuthError("the signing key is not an RSA key")
    try:
        public_key = RSAAlgorithm.from_jwk(dict(key))
    except Exception:
        raise AuthError("the signing key could not be read") from None
    try:
        return jwt.decode(token, key=public_key, algorithms=list(ALGORITHMS), audience=settings.app_id,
                          issuer=list(settings.issuers), leeway=settings.clock_skew_seconds,
                          options={"require": ["exp", "iss", "aud"]})
    except jwt.ExpiredSignatureError:
        raise AuthError("the token has expired") from None
    except jwt.InvalidAudienceError:
        raise AuthError("the token is not for this bot (audience)") from None
    except jwt.InvalidIssuerError:
        raise AuthError("the token's issuer is not allowed") from None
    except jwt.InvalidSignatureError:
        raise AuthError("the token's signature does not verify") from None
    except jwt.MissingRequiredClaimError as e:
        raise AuthError(f"the token has no {e.claim!r} claim") from None
    except jwt.ImmatureSignatureError:
        raise AuthError("the token is not valid yet") from None
    except jwt.PyJWTError as e:
        raise AuthError(f"the token was refused ({type(e).__name__})") from None


def tenant_of(activity: Mapping[str, Any]) -> str:
    """The tenant from channelData.tenant.id (or conversation.tenantId); both must agree."""
    channel_data = activity.get("channelData") if isinstance(activity.get("channelData"), dict) else {}
    tenant = channel_data.get("tenant") if isinstance(channel_data.get("tenant"), dict) else {}
    from_data = tenant.get("id")
    conversation = activity.get("conversation") if isinstance(activity.get("conversation"), dict) else {}
    from_conversation = conversation.get("tenantId")
    values = [v for v in (from_data, from_conversation) if v is not None]
    if not values or not all(isinstance(v, str) and v for v in values):
        raise AuthError("the activity names no tenant")
    if len({v.lower() for v in values}) > 1:
        raise AuthError("the activity names two different tenants")
    return values[0].lower()


def check_activity(activity: Mapping[str, Any], claims: Mapping[str, Any], key: Mapping[str, Any],
                   settings: TeamsSettings) -> str:
    """The checks that tie a valid token to this activity. Returns the tenant id."""
    channel_id = activity.get("channelId")
    if channel_id not in settings.channel_ids:
        raise AuthError(f"channel {str(channel_id)[:30]!r} is not allowed")
    endorsements = key.get("endorsements")
    if endorsements is not None and channel_id not in endorsements:
        raise AuthError("the signing key is not endorsed for this channel")
    service_url = activity.get("serviceUrl")
    if not service_url_allowed(service_url, settings.service_urls):
        raise AuthError("the activity's serviceUrl is not allowed")
    claim = next((v for k, v in claims.items() if k.lower() == "serviceurl"), None)
    if claim is None:
        if settings.require_service_url_claim:
            raise AuthError("the token has no serviceurl claim")
    elif not isinstance(claim, str) or _normalise_base(claim) != _normalise_base(service_url):
        raise AuthError("the token's serviceurl does not match the activity")
    tenant = tenant_of(activity)
    if not settings.allow_any_tenant and tenant not in settings.tenant_ids:
        raise AuthError("the tenant is not allowed")
    return tenant


# --------------------------------------------------------------------------- reading activities

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


def submitted_payload(value: Any) -> Optional[str]:
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
        return {"channel": CHANNEL, "user_id": self.user_id, "tenant_id": self.tenant_id,
                "teams_user_id": self.teams_user_id, "aad_object_id": self.aad_object_id or None,
                "conversation_type": self.conversation_type, "source": source}


def party_of(activity: Mapping[str, Any], tenant_id: str) -> Party:
    def obj(name: str) -> dict:
        value = activity.get(name)
        return value if isinstance(value, dict) else {}

    conversation, sender, bot = obj("conversation"), obj("from"), obj("recipient")
    for what, value in (("conversation.id", conversation.get("id")), ("from.id", sender.get("id")),
                        ("recipient.id", bot.get("id"))):
        if not isinstance(value, str) or not value or len(value) > 1000:
            raise ActivityError(f"the activity has no {what}")
    aad = sender.get("aadObjectId")
    kind = conversation.get("conversationType")
    return Party(conversation_id=conversation["id"],
                 conversation_type=kind if isinstance(kind, str) and kind else "personal",
                 service_url=activity["serviceUrl"], bot={"id": bot["id"], "name": bot.get("name") or ""},
                 teams_user_id=sender["id"], aad_object_id=aad.lower() if isinstance(aad, str) else "",
                 tenant_id=tenant_id, activity_id=str(activity.get("id") or ""))


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


# --------------------------------------------------------------------------- writing replies

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def teams_text(text: str) -> str:
    """Teams markdown keeps a line break only as a paragraph break."""
    return "\n\n".join(_lines(text))


def card_action(button: Mapping[str, Any]) -> Optional[dict]:
    """A Rasa button as an Adaptive Card action that works in Teams: a link opens, anything
    else is a messageBack whose text (and value) is the payload and whose title the user sees
    as their message."""
    title = str(button.get("title") or button.get("payload") or "").strip()
    if not title:
        return None
    if button.get("type") == "web_url" and button.get("url"):
        return {"type": "Action.OpenUrl", "title": title, "url": str(button["url"])}
    payload = str(button.get("payload") or title)
    return {"type": "Action.Submit", "title": title,
            "data": {"payload": payload,
                     "msteams": {"type": "messageBack", "displayText": title, "text": payload,
                                 "value": json.dumps({"payload": payload})}}}


def adaptive_card(text: str, buttons: Iterable[Mapping[str, Any]] = (), image: Optional[str] = None) -> dict:
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
        body.append({"type": "ActionSet", "actions": actions[start:start + per_row]})
    titles = ", ".join(a["title"] for a in actions)
    fallback = teams_text(text) + (f"\n\nChoices: {titles}" if titles else "")
    return {"contentType": ADAPTIVE_CARD,
            "content": {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                        "version": "1.2", "body": body, "fallbackText": fallback, "msteams": {"width": "Full"}}}


# --------------------------------------------------------------------------- HTTP (aiohttp)

class HttpClient:
    """One aiohttp session for the channel, made in the server's event loop on first use."""

    def __init__(self, timeout_seconds: float = 10.0):
        self.timeout_seconds = timeout_seconds
        self._session = None

    async def _get_session(self):
        import aiohttp

        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout_seconds))
        return self._session

    async def get_json(self, url: str) -> Any:
        session = await self._get_session()
        async with session.get(url, allow_redirects=False) as r:
            if r.status != 200:
                raise RuntimeError(f"GET {url} answered {r.status}")
            return json.loads(await r.text())

    async def post(self, url: str, *, json_body: Any = None, form: Optional[dict] = None,
                   headers: Optional[dict] = None) -> tuple[int, str, Mapping[str, str]]:
        """`url` is sent as given (already escaped): aiohttp would otherwise un-escape the
        `:`, `;` and `@` of a conversation id in the path, which the Bot Framework SDKs escape."""
        import yarl

        session = await self._get_session()
        async with session.post(yarl.URL(url, encoded=True), json=json_body, data=form, headers=headers,
                                allow_redirects=False) as r:
            return r.status, await r.text(), dict(r.headers)

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class SigningKeys:
    """The Bot Connector's signing keys from the OpenID metadata's JWKS: loaded on first use,
    refreshed after `keys_refresh_hours`, and again (at most every 5 minutes) for a key id
    it does not know, as Microsoft rolls keys."""

    UNKNOWN_KID_RETRY = 300.0
    FAILED_RETRY = 10.0

    def __init__(self, settings: TeamsSettings, http: HttpClient, clock: Callable[[], float] = time.monotonic):
        self.settings, self.http, self.clock = settings, http, clock
        self.keys: dict[str, dict] = {}
        self.loaded_at: Optional[float] = None
        self.tried_at: Optional[float] = None
        self._generation = 0
        self._lock: Optional[asyncio.Lock] = None

    async def get(self, kid: str) -> Optional[dict]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        if self._lock.locked():  # a refresh is under way: wait for it rather than answer 503
            async with self._lock:
                pass
        if self._due(kid):
            await self.refresh()
        if not self.keys:
            raise KeysUnavailable("the Bot Framework signing keys could not be loaded")
        return self.keys.get(kid)

    def _due(self, kid: str) -> bool:
        now = self.clock()
        since_try = float("inf") if self.tried_at is None else now - self.tried_at
        if not self.keys:
            return since_try > self.FAILED_RETRY
        if self.loaded_at is not None and now - self.loaded_at > self.settings.keys_refresh_hours * 3600:
            return since_try > self.FAILED_RETRY
        return kid not in self.keys and since_try > self.UNKNOWN_KID_RETRY

    async def refresh(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        generation = self._generation
        async with self._lock:
            if generation != self._generation:
                return  # another request refreshed them while this one waited
            self.tried_at = self.clock()
            url = self.settings.openid_metadata_url
            try:
                metadata = await self.http.get_json(url)
                jwks_uri = _check_url("jwks_uri", metadata.get("jwks_uri") if isinstance(metadata, dict) else None)
                jwks = await self.http.get_json(jwks_uri)
                keys = {k["kid"]: k for k in (jwks.get("keys") if isinstance(jwks, dict) else None) or []
                        if isinstance(k, dict) and k.get("kty") == "RSA" and isinstance(k.get("kid"), str)
                        and k.get("use", "sig") == "sig"}
                if not keys:
                    raise ValueError("the JWKS has no RSA signing keys")
            except Exception as e:  # network, JSON, shape: keep any keys we had
                logger.warning("Teams: could not load signing keys from %s: %s", url, e)
                return
            finally:
                self._generation += 1
            self.keys, self.loaded_at = keys, self.clock()
            logger.info("Teams: loaded %d signing keys", len(keys))


class ConnectorError(Exception):
    pass


class ConnectorAuth:
    """The bot's own token for the Bot Connector (client credentials), cached until shortly
    before it expires, from the settings' token URL."""

    def __init__(self, settings: TeamsSettings, http: HttpClient, clock: Callable[[], float] = time.monotonic):
        self.settings, self.http, self.clock = settings, http, clock
        self._token: Optional[str] = None
        self._expires = 0.0
        self._lock: Optional[asyncio.Lock] = None

    async def headers(self, force: bool = False) -> dict:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if force or not self._token or self.clock() > self._expires - 120:
                await self._fetch()
        return {"Authorization": f"Bearer {self._token}"}

    async def _fetch(self) -> None:
        s = self.settings
        form = {"grant_type": "client_credentials", "client_id": s.app_id, "client_secret": s.app_password,
                "scope": s.token_scope}
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

    def __init__(self, settings: TeamsSettings, party: Party, http: HttpClient, auth: ConnectorAuth,
                 reply_to_id: str = "") -> None:
        super().__init__(settings.app_id, settings.app_password, {"id": party.conversation_id}, party.bot,
                         party.service_url)
        self.settings, self.party, self.http, self.auth = settings, party, http, auth
        self.reply_to_id = reply_to_id
        self.said: list[str] = []  # the texts sent through this output, in order

    @property
    def activities_url(self) -> str:
        return f"{self.global_uri}conversations/{quote(self.party.conversation_id, safe='')}/activities"

    async def _get_headers(self) -> Optional[dict]:
        try:
            return await self.auth.headers()
        except ConnectorError as e:
            logger.error("Teams: %s", e)
            return None

    def prepare_message(self, recipient_id: str, message_data: dict) -> dict:
        data = {"type": "message", "from": self.bot, "recipient": {"id": self.party.teams_user_id},
                "conversation": {"id": self.party.conversation_id}, "text": ""}
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
                status, _, resp_headers = await self.http.post(self.activities_url, json_body=message_data,
                                                               headers=headers)
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
                await asyncio.sleep(min(float(retry_after), 5.0) if retry_after.isdigit() else 0.5 * 2 ** attempt)
                continue
            break
        logger.error("Teams: the Bot Connector did not take a reply (status %s) for conversation type %s",
                     status, self.party.conversation_type)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.said.append(text)
        if _lines(text):
            await self.send(self.prepare_message(recipient_id, {"text": teams_text(text), "textFormat": "markdown"}))

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs: Any) -> None:
        self.said.append(text)
        card = adaptive_card(text, buttons)
        await self.send(self.prepare_message(recipient_id, {"attachments": [card]}))

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list, **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send(self.prepare_message(recipient_id, {"attachments": [adaptive_card("", image=image)]}))

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        await self.send(self.prepare_message(recipient_id, dict(json_message)))


# --------------------------------------------------------------------------- the input channel

class TeamsInput(BotFrameworkInput):
    """The webhook Teams posts to: POST /webhooks/teams/webhook."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "TeamsInput":
        settings = TeamsSettings.from_credentials(credentials)
        if settings is None:
            logger.warning("Teams channel is off: set %s (and the other TEAMS_* settings, see README "
                           "'Microsoft Teams') to turn it on", ENV_NAMES["app_id"])
        return cls(settings)

    def __init__(self, settings: Optional[TeamsSettings], http: Optional[HttpClient] = None,
                 keys: Optional[SigningKeys] = None) -> None:
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

    async def authenticate(self, auth_header: Optional[str]) -> tuple[dict, dict]:
        token = bearer_token(auth_header)
        header = token_header(token)
        key = await self.signing_keys.get(header["kid"])
        if key is None:
            raise AuthError("the token's signing key is not one of the Bot Framework's keys")
        return verify_token(token, key, self.settings), key

    async def handle(self, auth_header: Optional[str], body: bytes,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> tuple[int, dict]:
        """The webhook without Sanic: (HTTP status, JSON body). Replies are produced in the
        background and posted to the Bot Connector."""
        if self.settings is None:
            return 503, {"error": f"The Teams channel is not configured: set {ENV_NAMES['app_id']} and the other "
                                  "TEAMS_* settings (README, 'Microsoft Teams')."}
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

    def _job_for(self, activity: dict, tenant: str,
                 on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Optional[Awaitable[None]]:
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

    async def _on_message(self, activity: dict, party: Party,
                          on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        text, from_card = message_text(activity)
        out = self.output_channel(party, party.activity_id)
        checked = check_rest_payload({"sender": party.sender_id, "message": text}, False, 0)
        # too long, no text (an image, a file, an empty card), or a button this assistant never sent
        reply = checked.error or checked.reply or check_payload(checked.message, domain_intents(self.app))
        if reply:
            await out.send_text_message(party.sender_id, reply)
            return
        first_use = await is_new_conversation(self.app, party.sender_id)  # no welcome came first
        await on_new_message(UserMessage(checked.message, out, party.sender_id, input_channel=CHANNEL,
                                         metadata=party.metadata("card" if from_card else "message")))
        if first_use:  # after the answer, so that a 999 answer always comes first
            await self._first_use_statement(out, party)

    async def _on_welcome(self, party: Party, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        await is_new_conversation(self.app, party.sender_id)  # known from now on: no second statement
        out = self.output_channel(party)
        await on_new_message(UserMessage(self.settings.welcome_message, out, party.sender_id, input_channel=CHANNEL,
                                         metadata=party.metadata("conversationUpdate")))
        await self._first_use_statement(out, party)  # a conversation opens: what the assistant is and is not

    @staticmethod
    async def _first_use_statement(out: "TeamsOutput", party: Party) -> None:
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
            status, body = await self.handle(request.headers.get("Authorization"), request.body or b"",
                                             on_new_message)
            return response.json(body, status=status)

        @bp.listener("after_server_stop")
        async def close(app: Any, loop: Any) -> None:
            await self.drain()
            await self.http.close()

        return bp
