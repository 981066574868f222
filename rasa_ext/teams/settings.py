"""The Teams channel's settings: the block in credentials.yml, each key falling back to a TEAMS_*
environment variable (`ENV_NAMES`), checked when Rasa starts (`ConfigError` says what to fix).
Microsoft's URLs are settings too, defaulting to the real public-cloud ones."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

CHANNEL = "teams"

# The real Microsoft endpoints (public cloud): defaults only, every one is a setting.
MICROSOFT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
MICROSOFT_AUTHORITY_HOST = "https://login.microsoftonline.com"
MULTI_TENANT_AUTHORITY = "botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/"

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
KNOWN_KEYS = set(ENV_NAMES) | {
    "channel_ids",
    "require_service_url_claim",
    "clock_skew_seconds",
    "keys_refresh_hours",
    "http_timeout_seconds",
    "welcome",
    "welcome_message",
}


class ConfigError(ValueError):
    """The channel's settings are wrong: raised when Rasa starts, with what to fix."""


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
    def from_credentials(
        cls, credentials: Mapping[str, Any] | None, environ: Mapping[str, str] | None = None
    ) -> TeamsSettings | None:
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
            problems.append(
                f"a SingleTenant app registration needs app_tenant_id ({ENV_NAMES['app_tenant_id']}): "
                "the Entra ID tenant the app is registered in"
            )
        try:
            allow_any = _as_bool(get("allow_any_tenant", False), "allow_any_tenant")
            tenants = _as_list(get("tenant_ids")) or ([app_tenant_id] if app_tenant_id else [])
            bad = [t for t in tenants if not GUID.match(t)]
            if bad:
                problems.append(f"tenant_ids ({ENV_NAMES['tenant_ids']}) must be tenant GUIDs, not {bad}")
            if not tenants and not allow_any:
                problems.append(
                    f"set tenant_ids ({ENV_NAMES['tenant_ids']}): the tenants whose users may use the "
                    "bot (or allow_any_tenant: true, which lets any organisation in)"
                )
            metadata_url = _check_url("openid_metadata_url", get("openid_metadata_url", MICROSOFT_OPENID_METADATA_URL))
            token_url = get("token_url")
            if token_url:
                token_url = _check_url("token_url", token_url)
            else:
                host = _check_url("authority_host", get("authority_host", MICROSOFT_AUTHORITY_HOST)).rstrip("/")
                authority = app_tenant_id if app_type == "SingleTenant" else MULTI_TENANT_AUTHORITY
                token_url = f"{host}/{authority or MULTI_TENANT_AUTHORITY}/oauth2/v2.0/token"
            issuers = tuple(_as_list(get("issuers")) or [BOT_FRAMEWORK_ISSUER])
            service_urls = tuple(
                _normalise_base(_check_url("service_urls", u))
                for u in (_as_list(get("service_urls")) or [TEAMS_SERVICE_URL])
            )
            channel_ids = tuple(_as_list(get("channel_ids")) or ["msteams"])
            settings = cls(
                app_id=app_id,
                app_password=app_password,
                app_type=app_type,
                app_tenant_id=app_tenant_id,
                tenant_ids=frozenset(t.lower() for t in tenants),
                allow_any_tenant=allow_any,
                openid_metadata_url=metadata_url,
                token_url=token_url,
                token_scope=str(get("token_scope", BOT_FRAMEWORK_SCOPE)),
                issuers=issuers,
                service_urls=service_urls,
                channel_ids=channel_ids,
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
        if (
            p.scheme == b.scheme
            and p.hostname.lower() == (b.hostname or "").lower()
            and (port or default) == (b.port or default)
            and path.startswith(b.path or "/")
        ):
            return True
    return False
