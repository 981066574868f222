"""The widget channel's own logic, without servers: session ownership, origins, tokens, history."""

from __future__ import annotations

import time

import jwt
import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from socketio.exceptions import ConnectionRefusedError

from rasa_ext.socketio import (
    WebChatInput,
    _origins,
    history_from_events,
    message_payload,
    new_session_id,
    owner_tag,
    session_allowed,
)

KEY = "a-test-secret-that-is-long-enough-for-hs256-and-hs512-0123456789ab"


def test_session_ids_belong_to_their_owner():
    alice = new_session_id("alice")
    assert session_allowed(alice, "alice")
    assert not session_allowed(alice, "bob")
    assert not session_allowed(alice, None)  # an owned session is not open to anonymous clients
    anon = new_session_id(None)
    assert session_allowed(anon, None) and not session_allowed(anon, "alice")
    for bad in ("", None, 42, "../x", "A" * 32, owner_tag("alice"), alice + "x", "0" * 32 + ".zz"):
        assert not session_allowed(bad, "alice")
    assert owner_tag("alice") != owner_tag("alice ") and "alice" not in alice


def test_origins(monkeypatch):
    assert _origins(None, None) is None  # the server's own origin only
    assert _origins([], None) is None
    assert _origins(["https://a.example/", "https://b.example"], None) == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("W_ORIGINS", "https://c.example, https://a.example")
    assert _origins(["https://a.example"], "W_ORIGINS") == ["https://a.example", "https://c.example"]
    assert _origins("*", None) == "*"
    monkeypatch.setenv("W_ORIGINS", "*")
    assert _origins([], "W_ORIGINS") == "*"


def channel(**kw) -> WebChatInput:
    return WebChatInput.from_credentials({"jwt_key": KEY, **kw})


def test_tokens():
    ch = channel()
    good = jwt.encode({"sub": "alice", "exp": int(time.time()) + 60}, KEY, algorithm="HS256")
    assert ch.check_token(good)["sub"] == "alice"
    assert ch.check_token("Bearer " + good)["sub"] == "alice"
    cases = {
        "missing token": [None, "", 12],
        "invalid token": [
            "x",
            jwt.encode({"sub": "a", "exp": int(time.time()) + 60}, KEY + "!", algorithm="HS256"),
            jwt.encode({"sub": "a"}, KEY, algorithm="HS256"),
            jwt.encode({"exp": int(time.time()) + 60}, KEY, algorithm="HS256"),
            jwt.encode({"sub": "", "exp": int(time.time()) + 60}, KEY, algorithm="HS256"),
            jwt.encode({"sub": "a", "exp": int(time.time()) + 60}, None, algorithm="none"),
            jwt.encode({"sub": "a", "exp": int(time.time()) + 60}, KEY, algorithm="HS512"),
        ],
        "token expired": [jwt.encode({"sub": "a", "exp": int(time.time()) - 120}, KEY, algorithm="HS256")],
    }
    for reason, tokens in cases.items():
        for t in tokens:
            with pytest.raises(ConnectionRefusedError) as e:
                ch.check_token(t)
            assert e.value.error_args["message"] == reason, t


def test_audience_issuer_and_key_sources(tmp_path, monkeypatch):
    ch = channel(jwt_audience="neglect-assistant", jwt_issuer="https://idp.example")
    ok = {"sub": "a", "exp": int(time.time()) + 60, "aud": "neglect-assistant", "iss": "https://idp.example"}
    assert ch.check_token(jwt.encode(ok, KEY, algorithm="HS256"))["sub"] == "a"
    for wrong in ({"aud": "other"}, {"iss": "https://evil.example"}):
        with pytest.raises(ConnectionRefusedError):
            ch.check_token(jwt.encode({**ok, **wrong}, KEY, algorithm="HS256"))
    monkeypatch.setenv("W_KEY", KEY)
    assert WebChatInput.from_credentials({"jwt_key_env": "W_KEY"}).jwt_key == KEY
    (tmp_path / "key.pem").write_text(KEY)
    assert WebChatInput.from_credentials({"jwt_key_file": str(tmp_path / "key.pem")}).jwt_key == KEY
    monkeypatch.delenv("W_KEY")
    assert WebChatInput.from_credentials({"jwt_key_env": "W_KEY"}).jwt_key is None  # JWT off
    with pytest.raises(ValueError):
        WebChatInput.from_credentials({"jwt_key_env": "W_KEY", "jwt_required": True})
    with pytest.raises(ValueError):
        WebChatInput.from_credentials({"jwt_key": KEY, "jwt_method": "none"})


def test_one_payload_per_bot_message():
    msg = {
        "text": "Question?\n\n- a\n- b",
        "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": ""}],
        "image": "https://example.org/chart.png",
    }
    assert message_payload(msg) == {
        "text": "Question?\n\n- a\n- b",
        "quick_replies": [{"content_type": "text", "title": "Yes", "payload": "/affirm"}],
        "attachment": {"type": "image", "payload": {"src": "https://example.org/chart.png"}},
    }
    assert message_payload({"text": "  "}) == {}


def test_history_shows_button_titles_and_skips_the_rest():
    events = [
        ActionExecuted("action_session_start"),
        UserUttered("hello"),
        BotUttered("Hi", {"buttons": [{"title": "Check my concerns", "payload": "/start_check"}]}),
        ActionExecuted("action_listen"),
        UserUttered("/start_check"),
        BotUttered("Danger?", {"buttons": [{"title": "No", "payload": "/deny"}]}),
        UserUttered("/deny"),
        BotUttered(None, {"image": "data:image/png;base64,AAAA", "attachment": "data:image/png;base64,AAAA"}),
        UserUttered("/deny"),
    ]
    assert history_from_events(events) == [
        {"sender": "user", "text": "hello"},
        {
            "sender": "bot",
            "text": "Hi",
            "quick_replies": [{"content_type": "text", "title": "Check my concerns", "payload": "/start_check"}],
        },
        {"sender": "user", "text": "Check my concerns"},
        {
            "sender": "bot",
            "text": "Danger?",
            "quick_replies": [{"content_type": "text", "title": "No", "payload": "/deny"}],
        },
        {"sender": "user", "text": "No"},
        {"sender": "bot", "attachment": {"type": "image", "payload": {"src": "data:image/png;base64,AAAA"}}},
        {"sender": "user", "text": "/deny"},  # no button offered it just before: shown as typed
    ]
    assert len(history_from_events(events, limit=3)) == 3
