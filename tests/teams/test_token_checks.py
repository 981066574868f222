"""The Teams channel's checks, without servers: tokens, activities, settings, reading and
writing Teams messages, and the webhook's answers (with keys and HTTP faked in process)."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid

import pytest
from teams_fakes import (
    ISSUER,
    Signer,
    TeamsUser,
    card_submit,
    channel_ids,
    channel_message,
    conversation_update,
    message_back,
    personal_conversation,
    personal_message,
)

from rasa_ext import teams
from rasa_ext.teams import (
    AuthError,
    ConfigError,
    TeamsSettings,
    adaptive_card,
    bearer_token,
    check_activity,
    message_text,
    service_url_allowed,
    strip_mentions,
    tenant_of,
    token_header,
    verify_token,
)

APP_ID = str(uuid.uuid4())
TENANT = str(uuid.uuid4())
SERVICE_URL = "https://smba.trafficmanager.net/uk/"
BOT = {"id": f"28:{APP_ID}", "name": "Neglect Assistant"}


@pytest.fixture(scope="module")
def signer():
    return Signer()


@pytest.fixture(scope="module")
def settings():
    return TeamsSettings.from_credentials(
        {"app_id": APP_ID, "app_password": "secret", "app_tenant_id": TENANT}, environ={}
    )


@pytest.fixture()
def user():
    return TeamsUser(TENANT)


def verify(token: str, settings, signer, activity=None):
    """The whole check, as the webhook runs it, with the signer's key as the only known key."""
    header = token_header(bearer_token(f"Bearer {token}"))
    if header["kid"] != signer.kid:
        raise AuthError("unknown key")
    claims = verify_token(token, signer.jwk, settings)
    if activity is not None:
        check_activity(activity, claims, signer.jwk, settings)
    return claims


# ------------------------------------------------------------------ tokens


def test_a_good_token_passes(signer, settings):
    claims = verify(signer.token(APP_ID, SERVICE_URL), settings, signer)
    assert claims["aud"] == APP_ID and claims["iss"] == ISSUER


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda s: s.token(APP_ID, SERVICE_URL, expires_in=-3600), "expired"),
        (lambda s: s.unsigned_token(APP_ID, SERVICE_URL), "algorithm"),
        (lambda s: s.hs256_token(APP_ID, SERVICE_URL), "algorithm"),
        (lambda s: s.hs256_token(APP_ID, SERVICE_URL, secret=b"shared-secret"), "algorithm"),
        (lambda s: s.token(APP_ID, SERVICE_URL, issuer="https://sts.windows.net/attacker/"), "issuer"),
        (lambda s: s.token(str(uuid.uuid4()), SERVICE_URL), "audience"),
        (lambda s: s.token(APP_ID, SERVICE_URL, exp=None), "no 'exp' claim"),
        (lambda s: s.token(APP_ID, SERVICE_URL, nbf=9_999_999_999), "not valid yet"),
        (lambda s: Signer(kid=s.kid).token(APP_ID, SERVICE_URL), "signature"),
        (lambda s: s.token(APP_ID, SERVICE_URL)[:-8] + "AAAAAAAA", "signature"),
        (lambda s: "not-a-jwt", "well-formed"),
    ],
)
def test_bad_tokens_are_refused(signer, settings, make, reason):
    with pytest.raises(AuthError, match=reason):
        verify(make(signer), settings, signer)


def test_an_expired_token_within_the_clock_skew_still_passes(signer, settings):
    verify(signer.token(APP_ID, SERVICE_URL, expires_in=-60), settings, signer)
    with pytest.raises(AuthError, match="expired"):
        verify(signer.token(APP_ID, SERVICE_URL, expires_in=-400), settings, signer)


def test_the_authorization_header_must_be_a_bearer_token():
    for bad in (None, "", "Basic abc", "Bearer", "Bearer a b", "Bearer " + "x" * 20_000):
        with pytest.raises(AuthError):
            bearer_token(bad)
    assert bearer_token("bearer abc.def.ghi") == "abc.def.ghi"


def test_a_token_without_a_key_id_is_refused(signer):
    import jwt

    token = jwt.encode({"aud": APP_ID}, signer.private_key, algorithm="RS256")
    with pytest.raises(AuthError, match="kid"):
        token_header(token)


def test_a_key_that_is_not_rsa_is_refused(signer, settings):
    with pytest.raises(AuthError, match="RSA"):
        verify_token(signer.token(APP_ID, SERVICE_URL), {"kty": "oct", "k": "c2VjcmV0"}, settings)


def test_the_issuer_allow_list_is_a_setting(signer):
    gov = TeamsSettings.from_credentials(
        {"app_id": APP_ID, "app_password": "s", "app_tenant_id": TENANT, "issuers": ["https://api.botframework.us"]},
        environ={},
    )
    verify(signer.token(APP_ID, SERVICE_URL, issuer="https://api.botframework.us"), gov, signer)
    with pytest.raises(AuthError, match="issuer"):
        verify(signer.token(APP_ID, SERVICE_URL), gov, signer)


# ------------------------------------------------------------------ activities


def test_a_teams_activity_from_an_allowed_tenant_passes(signer, settings, user):
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    verify(signer.token(APP_ID, SERVICE_URL), settings, signer, activity)


def test_another_tenant_is_refused(signer, settings):
    stranger = TeamsUser(str(uuid.uuid4()))
    activity = personal_message(stranger, BOT, SERVICE_URL, "hello", personal_conversation(stranger))
    with pytest.raises(AuthError, match="tenant is not allowed"):
        verify(signer.token(APP_ID, SERVICE_URL), settings, signer, activity)


def test_tenant_must_be_named_once_and_consistently(user):
    activity = personal_message(user, BOT, SERVICE_URL, "hi", personal_conversation(user))
    assert tenant_of(activity) == TENANT
    activity["conversation"]["tenantId"] = str(uuid.uuid4())
    with pytest.raises(AuthError, match="two different tenants"):
        tenant_of(activity)
    del activity["conversation"]["tenantId"], activity["channelData"]["tenant"]
    with pytest.raises(AuthError, match="no tenant"):
        tenant_of(activity)


def test_any_tenant_only_when_asked_for(signer):
    open_settings = TeamsSettings.from_credentials(
        {"app_id": APP_ID, "app_password": "s", "app_type": "MultiTenant", "allow_any_tenant": True}, environ={}
    )
    stranger = TeamsUser(str(uuid.uuid4()))
    verify(
        signer.token(APP_ID, SERVICE_URL),
        open_settings,
        signer,
        personal_message(stranger, BOT, SERVICE_URL, "hi", personal_conversation(stranger)),
    )


@pytest.mark.parametrize(
    "service_url",
    [
        "https://evil.example.com/",
        "http://smba.trafficmanager.net/uk/",
        "https://smba.trafficmanager.net.evil.com/",
        "https://smba.trafficmanager.net@evil.com/",
        "https://smba.trafficmanager.net:8443/uk/",
        "https://smba.trafficmanager.net/uk/../../x",
        "https://smba.trafficmanager.net/uk/%2e%2e/x",
        "https://smba.trafficmanager.net/uk/?x=1",
        "https://smba.trafficmanager.net/ük/",
        None,
        42,
    ],
)
def test_service_urls_outside_the_allow_list_are_refused(signer, settings, user, service_url):
    activity = personal_message(user, BOT, service_url, "hello", personal_conversation(user))
    with pytest.raises(AuthError, match="serviceUrl"):
        verify(signer.token(APP_ID, str(service_url)), settings, signer, activity)


def test_the_token_must_name_the_activitys_service_url(signer, settings, user):
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    with pytest.raises(AuthError, match="serviceurl does not match"):
        verify(signer.token(APP_ID, "https://smba.trafficmanager.net/emea/"), settings, signer, activity)
    with pytest.raises(AuthError, match="no serviceurl claim"):
        verify(signer.token(APP_ID, SERVICE_URL, serviceurl=None), settings, signer, activity)
    verify(signer.token(APP_ID, SERVICE_URL.rstrip("/")), settings, signer, activity)  # a trailing slash apart


def test_the_key_must_be_endorsed_for_the_channel(settings, user):
    webchat_only = Signer(endorsements=("webchat",))
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    with pytest.raises(AuthError, match="endorsed"):
        verify(webchat_only.token(APP_ID, SERVICE_URL), settings, webchat_only, activity)
    activity["channelId"] = "webchat"
    with pytest.raises(AuthError, match="channel 'webchat' is not allowed"):
        verify(webchat_only.token(APP_ID, SERVICE_URL), settings, webchat_only, activity)


def test_service_url_allow_list_matching():
    allowed = ("https://smba.trafficmanager.net/", "http://127.0.0.1:5999/teams/")
    assert service_url_allowed("https://smba.trafficmanager.net/emea/", allowed)
    assert service_url_allowed("https://SMBA.trafficmanager.net:443/teams/", allowed)
    assert service_url_allowed("http://127.0.0.1:5999/teams", allowed)
    assert not service_url_allowed("http://127.0.0.1:5998/teams/", allowed)
    assert not service_url_allowed("http://127.0.0.1:5999/other/", allowed)
    assert not service_url_allowed("https://smba.trafficmanager.net/ uk/", allowed)


# ------------------------------------------------------------------ settings


def test_single_tenant_replies_use_the_tenants_own_authority():
    s = TeamsSettings.from_credentials({"app_id": APP_ID, "app_password": "s", "app_tenant_id": TENANT}, environ={})
    assert s.app_type == "SingleTenant"
    assert s.token_url == f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"
    assert s.tenant_ids == {TENANT}
    assert s.openid_metadata_url == "https://login.botframework.com/v1/.well-known/openidconfiguration"
    assert s.token_scope == "https://api.botframework.com/.default"
    assert s.service_urls == ("https://smba.trafficmanager.net/",) and s.issuers == ("https://api.botframework.com",)
    m = TeamsSettings.from_credentials(
        {"app_id": APP_ID, "app_password": "s", "app_type": "MultiTenant", "tenant_ids": [TENANT]}, environ={}
    )
    assert m.token_url == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    local = TeamsSettings.from_credentials(
        {"app_id": APP_ID, "app_password": "s", "app_tenant_id": TENANT, "authority_host": "http://127.0.0.1:9/"},
        environ={},
    )
    assert local.token_url == f"http://127.0.0.1:9/{TENANT}/oauth2/v2.0/token"


def test_settings_fall_back_to_the_environment_and_credentials_win():
    env = {
        "TEAMS_BOT_ID": APP_ID,
        "TEAMS_BOT_PASSWORD": "from-env",
        "TEAMS_BOT_TENANT_ID": TENANT,
        "TEAMS_ALLOWED_TENANTS": f"{TENANT}, {TENANT.upper()}",
        "TEAMS_SERVICE_URLS": "https://smba.example.net/x",
    }
    s = TeamsSettings.from_credentials(None, environ=env)
    assert s.app_password == "from-env" and s.tenant_ids == {TENANT}
    assert s.service_urls == ("https://smba.example.net/x/",)
    s2 = TeamsSettings.from_credentials({"app_password": "from-file"}, environ=env)
    assert s2.app_password == "from-file"
    assert "from-env" not in repr(s) and "from-file" not in repr(s2)


def test_no_app_id_means_the_channel_is_off():
    assert TeamsSettings.from_credentials(None, environ={}) is None
    assert TeamsSettings.from_credentials({"app_id": ""}, environ={}) is None


@pytest.mark.parametrize(
    "creds, problem",
    [
        ({"app_id": "not-a-guid"}, "GUID"),
        ({"app_password": ""}, "app_password"),
        ({"app_tenant_id": ""}, "SingleTenant app registration needs app_tenant_id"),
        ({"app_type": "MultiTenant", "app_tenant_id": ""}, "set tenant_ids"),
        ({"app_type": "Both"}, "SingleTenant or MultiTenant"),
        ({"tenant_ids": ["contoso.onmicrosoft.com"]}, "tenant GUIDs"),
        ({"openid_metadata_url": "http://login.example.com/x"}, "https"),
        ({"token_url": "https://user:pw@login.example.com/x"}, "user info"),
        ({"service_urls": ["ftp://x/"]}, "https"),
        ({"clock_skew_seconds": 3600}, "between"),
        ({"colour": "blue"}, "unknown"),
    ],
)
def test_bad_settings_fail_at_start_with_what_to_fix(creds, problem):
    base = {"app_id": APP_ID, "app_password": "s", "app_tenant_id": TENANT}
    with pytest.raises(ConfigError, match=problem):
        TeamsSettings.from_credentials({**base, **creds}, environ={})


def test_nothing_is_fetched_when_the_channel_is_built(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network used while building the channel")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    channel = teams.TeamsInput.from_credentials({"app_id": APP_ID, "app_password": "s", "app_tenant_id": TENANT})
    assert channel.name() == "teams" and channel.url_prefix() == "teams"
    assert channel.signing_keys.keys == {}
    channel.blueprint(lambda m: None)


# ------------------------------------------------------------------ reading Teams messages


def test_the_bots_mention_is_stripped(user):
    channel, team = channel_ids()
    activity = channel_message(user, BOT, SERVICE_URL, "start a check please", channel, team)
    assert message_text(activity) == ("start a check please", False)
    activity["text"] = "<at>Neglect Assistant</at>&nbsp;what is <b>drift</b>?<br>and <at>Jo Bloggs</at> said so"
    assert message_text(activity)[0] == "what is drift?\nand Jo Bloggs said so"
    no_entities = dict(activity, entities=[], text="<at>Neglect Assistant</at> hello")
    assert strip_mentions(no_entities["text"], no_entities) == "hello"


def test_card_submits_are_read_as_the_users_message(user):
    conv = personal_conversation(user)
    action = adaptive_card("Is the child in danger?", [{"title": "No", "payload": "/deny"}])["content"]["body"][1][
        "actions"
    ][0]
    assert message_text(card_submit(user, BOT, SERVICE_URL, conv, action, "1")) == ("/deny", True)
    assert message_text(message_back(user, BOT, SERVICE_URL, conv, action, "1")) == ("/deny", True)
    as_string = personal_message(user, BOT, SERVICE_URL, "", conv)
    as_string["value"] = json.dumps({"payload": "1 to 4"})
    assert message_text(as_string) == ("1 to 4", True)


def test_welcome_when_the_bot_is_added_or_a_personal_chat_starts(user):
    conv = personal_conversation(user)
    assert teams.should_welcome(conversation_update(user, BOT, SERVICE_URL, conv, [{"id": BOT["id"]}]))
    channel, team = channel_ids()
    team_conv = {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": channel}
    assert teams.should_welcome(conversation_update(user, BOT, SERVICE_URL, team_conv, [{"id": BOT["id"]}]))
    assert not teams.should_welcome(conversation_update(user, BOT, SERVICE_URL, team_conv, [{"id": "29:someone"}]))
    assert not teams.should_welcome(conversation_update(user, BOT, SERVICE_URL, conv, []))


def test_identity_and_conversation_of_a_party(user):
    conv = personal_conversation(user)
    party = teams.party_of(personal_message(user, BOT, SERVICE_URL, "hi", conv), TENANT)
    assert party.user_id == f"{TENANT}:{user.aad_object_id}"
    assert party.sender_id == conv["id"]
    meta = party.metadata()
    assert meta["channel"] == "teams" and meta["user_id"] == party.user_id and meta["tenant_id"] == TENANT
    assert meta["teams_user_id"] == user.teams_id
    channel, team = channel_ids()
    in_channel = teams.party_of(channel_message(user, BOT, SERVICE_URL, "hi", channel, team), TENANT)
    assert in_channel.sender_id.startswith(channel) and in_channel.sender_id.endswith(user.aad_object_id)
    long = teams.Party("x" * 300, "channel", SERVICE_URL, BOT, user.teams_id, user.aad_object_id, TENANT)
    assert len(long.sender_id) <= 200


# ------------------------------------------------------------------ writing Teams messages


def test_buttons_become_teams_card_actions():
    card = adaptive_card(
        "Is the child in immediate danger right now?\nAnswer yes or no.",
        [
            {"title": "Yes", "payload": "/affirm"},
            {"title": "No", "payload": "/deny"},
            {"title": "Guidance", "type": "web_url", "url": "https://example.org/g"},
        ],
    )
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = card["content"]
    assert content["type"] == "AdaptiveCard" and content["version"] == "1.2"
    blocks = [e for e in content["body"] if e["type"] == "TextBlock"]
    assert [b["text"] for b in blocks] == ["Is the child in immediate danger right now?", "Answer yes or no."]
    assert all(b["wrap"] for b in blocks)
    actions = [a for e in content["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    yes = actions[0]
    assert yes["type"] == "Action.Submit" and yes["title"] == "Yes" and yes["data"]["payload"] == "/affirm"
    assert yes["data"]["msteams"] == {
        "type": "messageBack",
        "displayText": "Yes",
        "text": "/affirm",
        "value": json.dumps({"payload": "/affirm"}),
    }
    assert actions[2] == {"type": "Action.OpenUrl", "title": "Guidance", "url": "https://example.org/g"}
    long = adaptive_card(
        "Menu",
        [
            {"title": "Check my concerns about a child", "payload": "/start_check"},
            {"title": "Ask a question", "payload": "/ask_question"},
        ],
    )
    assert [len(e["actions"]) for e in long["content"]["body"] if e["type"] == "ActionSet"] == [1, 1]


# ------------------------------------------------------------------ the webhook, in process


class StaticKeys:
    def __init__(self, *jwks):
        self.keys = {k["kid"]: k for k in jwks}

    async def get(self, kid):
        return self.keys.get(kid)


class NoKeys:
    async def get(self, kid):
        raise teams.KeysUnavailable("down")


class FakeHttp:
    def __init__(self, statuses=()):
        self.posts, self.statuses = [], list(statuses)

    async def post(self, url, *, json_body=None, form=None, headers=None):
        self.posts.append({"url": url, "json": json_body, "form": form, "headers": headers})
        if form is not None:
            return 200, json.dumps({"access_token": "out-token", "expires_in": 3600}), {}
        return (self.statuses.pop(0) if self.statuses else 200), "{}", {"Retry-After": "0"}

    async def close(self):
        pass


def run_webhook(channel, token, activity, body=None):
    got = []

    async def on_new_message(message):
        got.append(message)
        await message.output_channel.send_response(
            message.sender_id, {"text": "Hello", "buttons": [{"title": "Start a check", "payload": "/start_check"}]}
        )

    async def go():
        raw = body if body is not None else json.dumps(activity).encode()
        status, answer = await channel.handle(f"Bearer {token}" if token else None, raw, on_new_message)
        await channel.drain()
        return status, answer

    status, answer = asyncio.run(go())
    return status, answer, got


def make_channel(settings, signer, http=None, keys=None):
    return teams.TeamsInput(settings, http=http or FakeHttp(), keys=keys or StaticKeys(signer.jwk))


def test_webhook_passes_a_good_message_on_with_identity_and_replies_with_a_card(settings, signer, user):
    http = FakeHttp()
    channel = make_channel(settings, signer, http)
    conv = personal_conversation(user)
    status, _, got = run_webhook(
        channel, signer.token(APP_ID, SERVICE_URL), personal_message(user, BOT, SERVICE_URL, "hello", conv)
    )
    assert status == 202
    assert [m.text for m in got] == ["hello"] and got[0].input_channel == "teams"
    assert got[0].metadata["user_id"] == f"{TENANT}:{user.aad_object_id}"
    token_post, reply = http.posts
    assert token_post["url"] == settings.token_url and token_post["form"]["client_id"] == APP_ID
    assert token_post["form"]["grant_type"] == "client_credentials"
    assert reply["url"].startswith(SERVICE_URL + "v3/conversations/a%3A1")
    assert reply["headers"]["Authorization"] == "Bearer out-token"
    assert reply["json"]["conversation"]["id"] == conv["id"] and reply["json"]["from"] == BOT
    assert reply["json"]["attachments"][0]["content"]["body"][1]["actions"][0]["data"]["payload"] == "/start_check"


@pytest.mark.parametrize(
    "kind",
    [
        "expired",
        "none",
        "hs256",
        "issuer",
        "audience",
        "tenant",
        "no header",
        "garbage",
        "unknown key",
        "service url",
        "body not json",
    ],
)
def test_webhook_answers_every_bad_request_with_4xx_never_500(settings, signer, user, kind):
    http = FakeHttp()
    channel = make_channel(settings, signer, http)
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    token, body = signer.token(APP_ID, SERVICE_URL), None
    if kind == "expired":
        token = signer.token(APP_ID, SERVICE_URL, expires_in=-3600)
    elif kind == "none":
        token = signer.unsigned_token(APP_ID, SERVICE_URL)
    elif kind == "hs256":
        token = signer.hs256_token(APP_ID, SERVICE_URL)
    elif kind == "issuer":
        token = signer.token(APP_ID, SERVICE_URL, issuer="https://login.example.com")
    elif kind == "audience":
        token = signer.token(str(uuid.uuid4()), SERVICE_URL)
    elif kind == "tenant":
        stranger = TeamsUser(str(uuid.uuid4()))
        activity = personal_message(stranger, BOT, SERVICE_URL, "hello", personal_conversation(stranger))
    elif kind == "no header":
        token = None
    elif kind == "garbage":
        token = "eyJhbGciOiJSUzI1NiJ9.%%%.###"
    elif kind == "unknown key":
        token = signer.token(APP_ID, SERVICE_URL, kid="rolled-over")
    elif kind == "service url":
        activity["serviceUrl"] = "https://evil.example.com/"
        token = signer.token(APP_ID, "https://evil.example.com/")
    elif kind == "body not json":
        body = b"{not json"
    status, answer, got = run_webhook(channel, token, activity, body)
    assert status == (400 if kind == "body not json" else 401), answer
    assert got == [] and http.posts == []


def test_webhook_503_when_keys_cannot_be_loaded_and_when_not_configured(settings, signer, user):
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    status, _, _ = run_webhook(
        make_channel(settings, signer, keys=NoKeys()), signer.token(APP_ID, SERVICE_URL), activity
    )
    assert status == 503
    status, answer, _ = run_webhook(teams.TeamsInput(None), signer.token(APP_ID, SERVICE_URL), activity)
    assert status == 503 and "TEAMS_BOT_ID" in answer["error"]
    # a bad token is still a 401 while the keys are down: it is refused before they are needed
    status, _, _ = run_webhook(
        make_channel(settings, signer, keys=NoKeys()), signer.hs256_token(APP_ID, SERVICE_URL), activity
    )
    assert status == 401


def test_empty_and_too_long_messages_are_answered_without_nlu(settings, signer, user):
    http = FakeHttp()
    channel = make_channel(settings, signer, http)
    conv = personal_conversation(user)
    token = signer.token(APP_ID, SERVICE_URL)
    _, _, got = run_webhook(
        channel, token, personal_message(user, BOT, SERVICE_URL, "<at>Neglect Assistant</at>", conv)
    )
    _, _, got2 = run_webhook(channel, token, personal_message(user, BOT, SERVICE_URL, "a" * 6000, conv))
    assert got == got2 == []
    texts = [p["json"]["text"] for p in http.posts if p["json"]]
    assert "didn't receive any text" in texts[0] and "too long" in texts[1]


def test_replies_are_retried_on_throttling_and_a_refused_token_is_renewed(settings, signer, user):
    http = FakeHttp(statuses=[429, 401, 200])
    channel = make_channel(settings, signer, http)
    run_webhook(
        channel,
        signer.token(APP_ID, SERVICE_URL),
        personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user)),
    )
    kinds = ["token" if p["form"] else "reply" for p in http.posts]
    assert kinds == ["token", "reply", "reply", "token", "reply"]


def test_other_activity_types_are_acknowledged_and_ignored(settings, signer, user):
    activity = personal_message(user, BOT, SERVICE_URL, "hello", personal_conversation(user))
    activity["type"] = "typing"
    status, _, got = run_webhook(make_channel(settings, signer), signer.token(APP_ID, SERVICE_URL), activity)
    assert status == 200 and got == []


# ------------------------------------------------------------------ keys and the bot's token


class FakeJwksHttp:
    """OpenID metadata and JWKS over a fake HTTP client; counts fetches; can fail."""

    def __init__(self, *jwks):
        self.jwks, self.gets, self.fail = list(jwks), [], False

    async def get_json(self, url):
        self.gets.append(url)
        await asyncio.sleep(0.01)
        if self.fail:
            raise RuntimeError("network down")
        if url.endswith("openidconfiguration"):
            return {"issuer": ISSUER, "jwks_uri": "https://login.botframework.com/v1/.well-known/keys"}
        return {"keys": self.jwks}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_keys_load_once_refresh_for_an_unknown_key_at_most_every_5_minutes_and_daily(settings, signer):
    other = {"kty": "EC", "kid": "ec-key", "crv": "P-256", "x": "x", "y": "y"}
    http, clock = FakeJwksHttp(signer.jwk, other), Clock()
    keys = teams.SigningKeys(settings, http, clock)

    async def go():
        got = await asyncio.gather(*(keys.get(signer.kid) for _ in range(5)))  # concurrent first requests
        assert all(k == signer.jwk for k in got) and len(http.gets) == 2  # metadata + JWKS, once
        assert set(keys.keys) == {signer.kid}  # only RSA signing keys are kept
        assert await keys.get("new-key") is None and len(http.gets) == 2  # just loaded: no refetch
        clock.now += 301
        assert await keys.get("new-key") is None and len(http.gets) == 4  # unknown key: one refetch
        assert await keys.get("new-key") is None and len(http.gets) == 4  # ... not on every request
        clock.now += 24 * 3600 + 1
        http.fail = True
        assert await keys.get(signer.kid) == signer.jwk and len(http.gets) == 5  # stale: tried, old keys kept
        assert await keys.get(signer.kid) == signer.jwk and len(http.gets) == 5  # not retried at once

    asyncio.run(go())
    assert settings.openid_metadata_url in http.gets


def test_no_keys_at_all_is_a_503_not_a_401(settings, signer):
    http, clock = FakeJwksHttp(signer.jwk), Clock()
    http.fail = True
    keys = teams.SigningKeys(settings, http, clock)

    async def go():
        with pytest.raises(teams.KeysUnavailable):
            await keys.get(signer.kid)
        http.fail = False
        with pytest.raises(teams.KeysUnavailable):  # retried after 10 s, not on every request
            await keys.get(signer.kid)
        clock.now += 11
        assert await keys.get(signer.kid) == signer.jwk

    asyncio.run(go())


def test_the_bots_token_is_fetched_once_and_reused_until_it_nears_expiry(settings, signer, user):
    http = FakeHttp()
    channel = make_channel(settings, signer, http)
    conv = personal_conversation(user)
    for text in ("hello", "menu"):
        run_webhook(channel, signer.token(APP_ID, SERVICE_URL), personal_message(user, BOT, SERVICE_URL, text, conv))
    assert [bool(p["form"]) for p in http.posts] == [True, False, False]
