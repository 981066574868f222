"""The channel with JWT on (/jwt/socket.io): who may connect, and whose conversation they reach.
First over socket.io itself (python-socketio's client, polling), then with the widget in Chromium."""

from __future__ import annotations

import json
import queue
import time

import jwt
import requests
import socketio
from browser_kit import Chat
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

PATH = "/jwt/socket.io"


def token(stack, sub: str | None = "alice", key: str | None = None, exp: float | None = 600, alg="HS256", **claims):
    payload = dict(claims)
    if sub is not None:
        payload["sub"] = sub
    if exp is not None:
        payload["exp"] = int(time.time() + exp)
    return jwt.encode(payload, key or stack["jwt_key"], algorithm=alg)


class Client:
    """A socket.io client as a script would use it, with the page's origin."""

    def __init__(self, stack, tok: str | None, origin: str | None = None):
        self.sio = socketio.Client(reconnection=False)
        self.bot: queue.Queue[dict] = queue.Queue()
        self.statements: list[dict] = []  # the first-use statement of a new session (test_widget_first_use.py)
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.refused: list = []
        self.sio.on("bot_uttered", self._bot)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("connect_error", self.refused.append)
        self.sio.connect(
            stack["rasa"],
            socketio_path=PATH,
            transports=["polling"],
            wait_timeout=10,
            headers={"Origin": origin or stack["origin"]},
            auth={"token": tok} if tok else None,
        )
        self.connected_at = time.time()

    def _bot(self, message: dict) -> None:
        if str(message.get("text") or "").startswith("About this assistant"):
            self.statements.append(message)
        else:
            self.bot.put(message)

    def session(self, wanted: str | None = None) -> str:
        self.sio.emit("session_request", {"session_id": wanted})
        return self.confirmed.get(timeout=10)

    def say(self, message: str, session_id: str | None = None) -> dict:
        return self.sio.call("user_uttered", {"message": message, "session_id": session_id}, timeout=60)

    def history(self) -> list[dict]:
        return self.sio.call("history_request", {}, timeout=10)["messages"]

    def close(self) -> None:
        # close the Engine.IO connection without waiting for the pending long-poll (up to 25 s)
        self.sio.eio.disconnect(abort=True)


def handshake(stack, tok, origin: str | None = None) -> str:
    """Connects by hand (Engine.IO 4 / Socket.IO 5 over HTTP long-polling): "connected", the
    server's reason for refusing, or the HTTP status of a refused handshake."""
    url, headers = f"{stack['rasa']}{PATH}/", {"Origin": origin or stack["origin"]}
    params = {"EIO": "4", "transport": "polling"}
    r = requests.get(url, params=params, headers=headers, timeout=10)
    if r.status_code != 200:
        return f"HTTP {r.status_code}"
    params["sid"] = json.loads(r.text[1:])["sid"]  # the open packet: 0{"sid": ...}
    auth = json.dumps({"token": tok}) if tok is not None else ""
    assert requests.post(url, params=params, data="40" + auth, headers=headers, timeout=10).text.lower() == "ok"
    answer = requests.get(url, params=params, headers=headers, timeout=10).text
    requests.post(url, params=params, data="1", headers=headers, timeout=10)  # close
    for pkt in answer.split("\x1e"):
        if pkt.startswith("40"):
            return "connected"
        if pkt.startswith("44"):
            return json.loads(pkt[2:]).get("message", "refused")
    raise AssertionError(f"no answer to the connection: {answer!r}")


def test_clients_without_a_valid_token_are_refused(stack):
    assert handshake(stack, None) == "missing token"
    assert handshake(stack, "not-a-token") == "invalid token"
    assert handshake(stack, token(stack, key="another-key-that-is-long-enough-000000")) == "invalid token"
    assert handshake(stack, token(stack, exp=-600)) == "token expired"
    assert handshake(stack, token(stack, exp=None)) == "invalid token"  # no expiry
    assert handshake(stack, token(stack, sub=None)) == "invalid token"  # no subject
    unsigned = jwt.encode({"sub": "alice", "exp": int(time.time()) + 600}, None, algorithm="none")
    assert handshake(stack, unsigned) == "invalid token"
    assert handshake(stack, token(stack), origin="http://intruder.invalid") == "HTTP 400"  # origin not allowed
    assert handshake(stack, token(stack)) == "connected"


def test_a_valid_token_cannot_reach_another_users_session(stack):
    alice = Client(stack, token(stack, "alice"))
    bob = Client(stack, token(stack, "bob"))
    try:
        a_session = alice.session()
        assert alice.say("hello") == {"ok": True}
        assert "decision support" in alice.bot.get(timeout=60)["text"]
        assert len(alice.history()) == 2

        # bob asks for alice's session: he gets a new, empty one of his own
        b_session = bob.session(a_session)
        assert b_session != a_session
        assert bob.history() == []
        # bob names alice's session in a message: it goes to his own conversation
        assert bob.say("hello", session_id=a_session) == {"ok": True}
        bob.bot.get(timeout=60)
        assert len(alice.history()) == 2
        assert [m["sender"] for m in bob.history()] == ["user", "bot"]
        # nor does bob receive alice's replies
        alice.say("hello")
        alice.bot.get(timeout=60)
        time.sleep(0.5)
        assert bob.bot.empty()

        # alice, on a second connection (a reload), gets her own session back
        again = Client(stack, token(stack, "alice"))
        try:
            assert again.session(a_session) == a_session
            assert len(again.history()) == 4
        finally:
            again.close()
    finally:
        alice.close()
        bob.close()


def test_bad_messages_get_an_answer_not_a_crash(stack):
    c = Client(stack, token(stack, "frank"))
    try:
        assert c.say("hello") == {"ok": False, "error": "no session: send session_request first"}
        c.session()
        too_long = c.say("x" * 5001)
        assert too_long["ok"] is False and "too long" in too_long["error"]
        shown = c.bot.get(timeout=10)
        assert "too long" in shown["text"] and shown["transient"] is True
        assert c.say("   ")["ok"] is False
        shown = c.bot.get(timeout=10)
        assert "receive any text" in shown["text"] and shown["transient"] is True
        assert c.say("/no_such_intent") == {"ok": False, "error": "unknown button"}  # never a button of ours
        shown = c.bot.get(timeout=10)
        assert "don't recognise that button" in shown["text"] and shown["transient"] is True
        assert c.history() == []  # none of these was stored
    finally:
        c.close()


def connect_until(stack, sub: str, lifetime: int = 2) -> tuple[Client, int]:
    """A connection whose token expires at a moment the test knows, soon after connecting. No
    assertion depends on how fast the machine is: if the connection itself took longer than the
    token's life (a busy machine), it is made again with a token that lives twice as long."""
    while True:
        expires = int(time.time()) + lifetime
        try:
            return Client(stack, jwt.encode({"sub": sub, "exp": expires}, stack["jwt_key"], algorithm="HS256")), expires
        except socketio.exceptions.ConnectionError as exc:
            if "expired" not in str(exc).lower() or lifetime >= 256:
                raise
            lifetime *= 2


def test_a_token_that_expires_while_connected_gets_an_answer_and_the_server_hangs_up(stack):
    c, expires = connect_until(stack, "frank")
    try:
        c.session()  # a session is not refused for an old token; its messages are
        while time.time() <= expires + 0.5:  # the channel's leeway here is 0 (tests/browser/conftest.py)
            time.sleep(0.1)
        assert c.say("hello") == {"ok": False, "error": "token expired"}
        deadline = time.time() + 30  # the server hangs up half a second after its answer
        while c.sio.connected and time.time() < deadline:
            time.sleep(0.1)
        assert not c.sio.connected
    finally:
        c.close()


def test_the_token_subject_is_the_user_in_the_records(stack):
    carol = Client(stack, token(stack, "carol@council.example"))
    try:
        carol.session()
        carol.say("/start_check")
        carol.bot.get(timeout=60)
    finally:
        carol.close()
    engine = create_engine(stack["database_url"], future=True)
    with engine.connect() as conn:
        users = conn.execute(text("SELECT channel, external_id FROM users")).fetchall()
    assert ("web", "carol@council.example") in users


def test_the_widget_with_jwt(new_page, stack):
    # the page gets its token from a function the intranet provides (here: from sessionStorage)
    init = """window.NeglectAssistantConfig = {path: "%s", getToken: () => sessionStorage.getItem("test-token")};
              if (!sessionStorage.getItem("test-token")) sessionStorage.setItem("test-token", "%s");"""
    page = new_page()
    page.add_init_script(init % (PATH, "not-a-valid-token"))
    page.goto(stack["page"])
    expect(page.get_by_role("alert")).to_contain_text("could not sign you in", timeout=20_000)
    expect(page.locator(".na-status")).to_contain_text("Not signed in")

    page = new_page()
    page.add_init_script(init % (PATH, token(stack, "dave")))
    page.goto(stack["page"])
    chat = Chat(page).connected()
    assert "decision support" in chat.say("hello")
    page.reload()
    Chat(page).connected()
    expect(page.locator(".na-earlier .na-msg-user .na-body")).to_have_text(["hello"])

    # another user signs in on the same browser tab: the stored conversation is not theirs
    page.evaluate("(t) => sessionStorage.setItem('test-token', t)", token(stack, "erin"))
    page.reload()
    Chat(page).connected()
    expect(page.locator(".na-log")).to_contain_text("A new conversation has started")
    expect(page.locator(".na-msg-user")).to_have_count(0)
    expect(page.locator(".na-msg-bot")).to_have_count(1)  # only the first-use statement of erin's conversation
    expect(page.locator(".na-msg-bot")).to_contain_text("About this assistant")
