"""Teams activities, as Teams posts them, through the running Rasa and action servers: replies
are captured on a loopback fake of the Bot Connector; tokens are signed by a test key that a
loopback JWKS serves."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

import pytest
import requests
from sqlalchemy import create_engine, text
from teams_fakes import (
    TeamsUser,
    actions_of,
    card_of,
    card_submit,
    channel_ids,
    channel_message,
    conversation_update,
    find_action,
    message_back,
    personal_conversation,
    personal_message,
    text_of,
)


def post(env, activity: dict, token: str | None = None, auth: str | None = None) -> requests.Response:
    if auth is None:
        auth = f"Bearer {token or env.signer.token(env.app_id, activity['serviceUrl'])}"
    return requests.post(
        env.webhook,
        data=json.dumps(activity),
        headers={"Authorization": auth, "Content-Type": "application/json"},
        timeout=30,
    )


def turn(env, activity: dict, expect: str, timeout: float = 120) -> list[dict]:
    """Posts an activity and returns the replies to its conversation, once one says `expect`."""
    conversation_id = activity["conversation"]["id"]
    before = len(env.fake.replies_to(conversation_id))
    r = post(env, activity)
    assert r.status_code == 202, r.text
    replies = env.fake.wait_for_replies(
        conversation_id,
        after=before,
        timeout=timeout,
        settle=0.7,
        until=lambda got: any(expect.lower() in text_of(g["activity"]).lower() for g in got),
    )
    return replies


def stored(env, sql: str, **params):
    engine = create_engine(env.database_url, future=True)
    with engine.connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def assert_delivered_to(env, replies: list[dict], conversation_id: str, user: TeamsUser, reply_to: str | None):
    for r in replies:
        a = r["activity"]
        assert r["conversation_id"] == conversation_id
        assert r["raw_conversation_id"] == quote(conversation_id, safe="")  # the id is escaped in the URL
        assert r["authorization"] == "Bearer fake-outbound-token"
        assert a["type"] == "message" and a["conversation"]["id"] == conversation_id
        assert a["from"]["id"] == env.bot["id"] and a["recipient"]["id"] == user.teams_id
        if reply_to:
            assert a["replyToId"] == reply_to


def assert_working_actions(replies: list[dict]) -> list[dict]:
    """Every button is an Adaptive Card Action.Submit that Teams sends back as a message: a
    messageBack whose text is the payload and whose display text is the title."""
    actions = [a for r in replies for a in actions_of(r["activity"])]
    assert actions, "no card actions in the replies"
    for r in replies:
        card = card_of(r["activity"])
        if card:
            assert card["type"] == "AdaptiveCard" and card["version"] == "1.2"
    for a in actions:
        assert a["type"] == "Action.Submit", a
        mb = a["data"]["msteams"]
        assert mb["type"] == "messageBack" and mb["displayText"] == a["title"]
        assert mb["text"] == a["data"]["payload"] == json.loads(mb["value"])["payload"]
    return actions


def test_nothing_is_fetched_from_microsoft_before_the_first_activity(teams_servers):
    assert teams_servers.metadata_requests_at_start == 0


def test_personal_chat_message_gets_a_card_with_working_buttons(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    activity = personal_message(user, env.bot, env.service_url, "hello", conv)
    replies = turn(env, activity, "I help practitioners")
    assert_delivered_to(env, replies, conv["id"], user, reply_to=activity["id"])
    payloads = {a["title"]: a["data"]["payload"] for a in assert_working_actions(replies)}
    assert payloads["Check my concerns about a child"] == "/start_check"
    token_requests = env.fake.token_requests
    assert token_requests and token_requests[0]["path"] == f"/{env.tenant_id}/oauth2/v2.0/token"  # single tenant
    form = token_requests[0]["form"]
    assert form["client_id"] == env.app_id and form["client_secret"] == "test-secret"
    assert form["grant_type"] == "client_credentials" and form["scope"] == "https://api.botframework.com/.default"


def test_an_unknown_button_payload_is_answered_and_not_taken_as_an_answer(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    asked = turn(env, personal_message(user, env.bot, env.service_url, "/start_check", conv), "immediate danger")
    replies = turn(
        env, personal_message(user, env.bot, env.service_url, "/no_such_intent", conv), "don't recognise that button"
    )
    assert "999" in " ".join(text_of(r["activity"]) for r in replies)
    action, _ = find_action(asked, "No")  # the question is still open: its own button works
    turn(env, message_back(user, env.bot, env.service_url, conv, action, uuid.uuid4().hex), "case reference")
    turn(env, personal_message(user, env.bot, env.service_url, "TMS-202", conv), "How old is the child")
    rows = stored(
        env,
        "SELECT a.question_id, a.value FROM answers a JOIN checks c ON a.check_id = c.id "
        "JOIN cases k ON c.case_id = k.id WHERE k.reference = :ref ORDER BY a.id",
        ref="TMS-202",
    )
    assert [tuple(r) for r in rows] == [("q_danger_now", "no"), ("q_case_ref", "TMS-202")]


def test_card_submits_drive_a_check_and_the_records_carry_the_teams_identity(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    replies = turn(env, personal_message(user, env.bot, env.service_url, "hello", conv), "I help practitioners")

    action, card_activity = find_action(replies, "Check my concerns")
    submit = card_submit(user, env.bot, env.service_url, conv, action, reply_to_id=uuid.uuid4().hex)
    assert "text" not in submit  # a plain Action.Submit: only `value`
    replies = turn(env, submit, "immediate danger right now")
    assert_delivered_to(env, replies, conv["id"], user, reply_to=submit["id"])
    assert_working_actions(replies)

    action, _ = find_action(replies, "No")
    replies = turn(env, message_back(user, env.bot, env.service_url, conv, action, uuid.uuid4().hex), "case reference")
    replies = turn(env, personal_message(user, env.bot, env.service_url, "TMS-101", conv), "How old is the child")
    assert_working_actions(replies)

    rows = stored(
        env,
        "SELECT u.channel, u.external_id FROM checks c JOIN users u ON c.user_id = u.id "
        "JOIN cases k ON c.case_id = k.id WHERE k.reference = :ref",
        ref="TMS-101",
    )
    assert rows == [("teams", f"{env.tenant_id}:{user.aad_object_id}")]


def test_channel_message_with_a_mention_is_answered_in_its_thread(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    channel, team = channel_ids()
    activity = channel_message(user, env.bot, env.service_url, "hello", channel, team)
    assert activity["text"].startswith("<at>Neglect Assistant</at> ")
    thread = activity["conversation"]["id"]
    replies = turn(env, activity, "I help practitioners")
    assert_delivered_to(env, replies, thread, user, reply_to=activity["id"])
    assert_working_actions(replies)
    assert env.fake.replies_to(channel) == []  # the thread, not a new post in the channel

    # what NLU saw, from Rasa's tracker store (the same database): the mention is gone
    sender = f"{thread}|{user.aad_object_id}"
    rows = stored(env, "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id", s=sender)
    assert rows, "no user message stored under the thread-and-user conversation id"
    latest = json.loads(rows[-1][0])
    assert latest["text"] == "hello"
    assert latest["parse_data"]["intent"]["name"] == "greet"
    meta = latest["metadata"]
    assert meta["channel"] == "teams" and meta["user_id"] == f"{env.tenant_id}:{user.aad_object_id}"
    assert meta["tenant_id"] == env.tenant_id and meta["teams_user_id"] == user.teams_id
    assert latest["input_channel"] == "teams"


def test_conversation_update_welcomes_once(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    update = conversation_update(user, env.bot, env.service_url, conv, [{"id": env.bot["id"]}])
    replies = turn(env, update, "I help practitioners")
    assert_delivered_to(env, replies, conv["id"], user, reply_to=None)
    assert all("replyToId" not in r["activity"] for r in replies)
    assert_working_actions(replies)

    channel, team = channel_ids()
    team_conv = {"isGroup": True, "conversationType": "channel", "tenantId": env.tenant_id, "id": channel}
    colleague_joined = conversation_update(user, env.bot, env.service_url, team_conv, [{"id": "29:1colleague"}])
    assert post(env, colleague_joined).status_code == 200  # acknowledged, nothing to say
    bot_added = conversation_update(user, env.bot, env.service_url, team_conv, [{"id": env.bot["id"]}])
    replies = turn(env, bot_added, "I help practitioners")
    assert [r["conversation_id"] for r in replies] == [channel] * len(replies)
    assert len(env.fake.replies_to(channel)) == len(replies)


def _bad(env, kind: str, user: TeamsUser, activity: dict) -> tuple[dict, str]:
    s, app, url = env.signer, env.app_id, env.service_url
    if kind == "expired":
        return activity, f"Bearer {s.token(app, url, expires_in=-3600)}"
    if kind == "unsigned (alg none)":
        return activity, f"Bearer {s.unsigned_token(app, url)}"
    if kind == "wrong issuer":
        return activity, f"Bearer {s.token(app, url, issuer='https://sts.windows.net/' + str(uuid.uuid4()) + '/')}"
    if kind == "wrong audience":
        return activity, f"Bearer {s.token(str(uuid.uuid4()), url)}"
    if kind == "wrong tenant":
        stranger = TeamsUser(str(uuid.uuid4()))
        return personal_message(
            stranger, env.bot, url, "hello", personal_conversation(stranger)
        ), f"Bearer {s.token(app, url)}"
    if kind == "HS256":
        return activity, f"Bearer {s.hs256_token(app, url)}"
    if kind == "HS256 with a shared secret":
        return activity, f"Bearer {s.hs256_token(app, url, secret=b'test-secret')}"
    if kind == "unknown key":
        return activity, f"Bearer {s.token(app, url, kid='another-key')}"
    if kind == "service URL not allowed":
        evil = env.fake.identity_url + "/teams/"
        return dict(activity, serviceUrl=evil), f"Bearer {s.token(app, evil)}"
    if kind == "service URL not the token's":
        return activity, f"Bearer {s.token(app, url + 'other/')}"
    if kind == "no token":
        return activity, ""
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "expired",
        "unsigned (alg none)",
        "wrong issuer",
        "wrong audience",
        "wrong tenant",
        "HS256",
        "HS256 with a shared secret",
        "unknown key",
        "service URL not allowed",
        "service URL not the token's",
        "no token",
    ],
)
def test_bad_tokens_get_401_and_no_reply(teams_servers, kind):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    activity = personal_message(user, env.bot, env.service_url, "hello", personal_conversation(user))
    activity, auth = _bad(env, kind, user, activity)
    r = post(env, activity, auth=auth)
    assert r.status_code == 401, (kind, r.status_code, r.text)
    assert r.json()["error"].startswith("Unauthorized")
    assert env.fake.replies_to(activity["conversation"]["id"]) == []


def test_the_manifests_commands_are_understood(teams_servers):
    """The commands Teams offers under the message box are sent as text: NLU must know them."""
    from pathlib import Path

    manifest = json.loads((Path(__file__).resolve().parents[2] / "teams" / "manifest.json").read_text())
    expected = {"menu": "menu", "start a check": "start_check", "help": "help"}
    commands = [c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]]
    assert sorted(commands) == sorted(expected)
    for title in commands:
        r = requests.post(f"{teams_servers.url}/model/parse", json={"text": title}, timeout=30)
        assert r.status_code == 200 and r.json()["intent"]["name"] == expected[title], (title, r.json()["intent"])
