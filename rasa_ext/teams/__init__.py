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
  (bot/walks/replies.py); a conversation whose first activity is a message gets the statement
  after the answer to it (after any 999 answer and before the walk's messages when that message
  started a walk: those replies are held back and sent together, input.py).
- The user's identity goes to the actions as message metadata:
  `{"channel": "teams", "user_id": "<tenant>:<aadObjectId>", "tenant_id", "teams_user_id", ...}`,
  which `actions.common.identity()` uses as the user's identity in the records.

Settings come from the channel's block in credentials.yml; a key that is not there falls back
to a TEAMS_* environment variable (see `ENV_NAMES`). Without an app id the channel is off: its
webhook answers 503 and says what to set.

The package, by concern: settings.py (credentials and TEAMS_* variables), tokens.py (token and
activity checks, signing keys), input.py (reading activities, the webhook `TeamsInput`),
output.py (cards, the connector token, `TeamsOutput`), http_client.py (aiohttp). Everything is
re-exported here, so `rasa_ext.teams.TeamsInput` in credentials.yml keeps working. The Rasa
internals the channel overrides are listed in rasa_ext/workarounds.py.
"""

from rasa_ext.teams.http_client import HttpClient
from rasa_ext.teams.input import (
    MAX_ACTIVITY_BYTES,
    MAX_SENDER_CHARS,
    ActivityError,
    Party,
    TeamsInput,
    message_text,
    party_of,
    should_welcome,
    strip_mentions,
    submitted_payload,
)
from rasa_ext.teams.output import (
    ADAPTIVE_CARD,
    ConnectorAuth,
    ConnectorError,
    TeamsOutput,
    adaptive_card,
    card_action,
    teams_text,
)
from rasa_ext.teams.settings import (
    BOT_FRAMEWORK_ISSUER,
    BOT_FRAMEWORK_SCOPE,
    CHANNEL,
    ENV_NAMES,
    GUID,
    KNOWN_KEYS,
    LOOPBACK_HOSTS,
    MICROSOFT_AUTHORITY_HOST,
    MICROSOFT_OPENID_METADATA_URL,
    MULTI_TENANT_AUTHORITY,
    TEAMS_SERVICE_URL,
    ConfigError,
    TeamsSettings,
    service_url_allowed,
)
from rasa_ext.teams.tokens import (
    ALGORITHMS,
    MAX_TOKEN_CHARS,
    AuthError,
    KeysUnavailable,
    SigningKeys,
    bearer_token,
    check_activity,
    tenant_of,
    token_header,
    verify_token,
)

__all__ = [
    "ADAPTIVE_CARD",
    "ALGORITHMS",
    "BOT_FRAMEWORK_ISSUER",
    "BOT_FRAMEWORK_SCOPE",
    "CHANNEL",
    "ENV_NAMES",
    "GUID",
    "KNOWN_KEYS",
    "LOOPBACK_HOSTS",
    "MAX_ACTIVITY_BYTES",
    "MAX_SENDER_CHARS",
    "MAX_TOKEN_CHARS",
    "MICROSOFT_AUTHORITY_HOST",
    "MICROSOFT_OPENID_METADATA_URL",
    "MULTI_TENANT_AUTHORITY",
    "TEAMS_SERVICE_URL",
    "ActivityError",
    "AuthError",
    "ConfigError",
    "ConnectorAuth",
    "ConnectorError",
    "HttpClient",
    "KeysUnavailable",
    "Party",
    "SigningKeys",
    "TeamsInput",
    "TeamsOutput",
    "TeamsSettings",
    "adaptive_card",
    "bearer_token",
    "card_action",
    "check_activity",
    "message_text",
    "party_of",
    "service_url_allowed",
    "should_welcome",
    "strip_mentions",
    "submitted_payload",
    "teams_text",
    "tenant_of",
    "token_header",
    "verify_token",
]
