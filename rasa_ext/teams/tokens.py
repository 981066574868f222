"""Checks of an incoming Teams request: the Bot Connector's token (RS256 only, keys only from the
configured OpenID metadata's JWKS, audience, issuer, expiry) and the ties between the token and
the activity (channel, endorsement, serviceUrl, tenant). Every failure is an `AuthError` (a 401)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import jwt
from jwt.algorithms import RSAAlgorithm

from rasa_ext.teams.http_client import HttpClient
from rasa_ext.teams.settings import TeamsSettings, _check_url, _normalise_base, service_url_allowed

logger = logging.getLogger(__name__)

ALGORITHMS = ("RS256",)  # never taken from the token
MAX_TOKEN_CHARS = 16_000


class AuthError(Exception):
    """A request that is not from the Bot Connector for this bot and tenant: answered 401."""


class KeysUnavailable(Exception):
    """The signing keys could not be loaded (and none are cached): answered 503."""


def bearer_token(auth_header: str | None) -> str:
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
        return jwt.decode(
            token,
            key=public_key,
            algorithms=list(ALGORITHMS),
            audience=settings.app_id,
            issuer=list(settings.issuers),
            leeway=settings.clock_skew_seconds,
            options={"require": ["exp", "iss", "aud"]},
        )
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


def check_activity(
    activity: Mapping[str, Any], claims: Mapping[str, Any], key: Mapping[str, Any], settings: TeamsSettings
) -> str:
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


class SigningKeys:
    """The Bot Connector's signing keys from the OpenID metadata's JWKS: loaded on first use,
    refreshed after `keys_refresh_hours`, and again (at most every 5 minutes) for a key id
    it does not know, as Microsoft rolls keys."""

    UNKNOWN_KID_RETRY = 300.0
    FAILED_RETRY = 10.0

    def __init__(self, settings: TeamsSettings, http: HttpClient, clock: Callable[[], float] = time.monotonic):
        self.settings, self.http, self.clock = settings, http, clock
        self.keys: dict[str, dict] = {}
        self.loaded_at: float | None = None
        self.tried_at: float | None = None
        self._generation = 0
        self._lock: asyncio.Lock | None = None

    async def get(self, kid: str) -> dict | None:
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
                keys = {
                    k["kid"]: k
                    for k in (jwks.get("keys") if isinstance(jwks, dict) else None) or []
                    if isinstance(k, dict)
                    and k.get("kty") == "RSA"
                    and isinstance(k.get("kid"), str)
                    and k.get("use", "sig") == "sig"
                }
                if not keys:
                    raise ValueError("the JWKS has no RSA signing keys")
            except Exception as e:  # network, JSON, shape: keep any keys we had
                logger.warning("Teams: could not load signing keys from %s: %s", url, e)
                return
            finally:
                self._generation += 1
            self.keys, self.loaded_at = keys, self.clock()
            logger.info("Teams: loaded %d signing keys", len(keys))
