"""One action-server call per walkthrough turn (issue 23), counted on the real servers.

The Rasa server talks to the action server through a counting proxy (a small HTTP server in
this test process): every request Rasa makes is recorded with its action name and sender
before it is passed on. Each message below then reads which calls its turn made. A start
(check, supervision, training, resume) is the start action alone, with the first question in
its reply; an answer is walk_form's validator alone, with the feedback and the next question;
the turn that ends a walk is the validator alone too. The servers are this module's own (the
model of the current data, as for the other conversation tests)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.servers import actions_cmd, current_model, free_port, processes, rasa_cmd, server_env, wait_for

DANGER_FIRST = "If a child is in immediate danger, call 999 now."


class CountingProxy:
    """Passes Rasa's requests to the action server and records (sender, action) for each."""

    def __init__(self, target_port: int) -> None:
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _forward(self, body: bytes | None) -> None:
                req = urllib.request.Request(
                    f"http://127.0.0.1:{target_port}{self.path}",
                    data=body,
                    method=self.command,
                    headers={"Content-Type": self.headers.get("Content-Type", "application/json")},
                )
                try:
                    with urllib.request.urlopen(req, timeout=60) as r:
                        status, payload = r.status, r.read()
                except urllib.error.HTTPError as e:
                    status, payload = e.code, e.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                self._forward(None)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                call = json.loads(body or b"{}")
                with proxy.lock:
                    proxy.calls.append((str(call.get("sender_id")), str(call.get("next_action"))))
                self._forward(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CountingProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def of(self, sender: str) -> list[str]:
        with self.lock:
            return [name for who, name in self.calls if who == sender]


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    model = current_model("conversation")
    tmp = tmp_path_factory.mktemp("turn-calls")
    action_port, rasa_port = free_port(), free_port()
    with CountingProxy(action_port) as proxy:
        env = server_env(tmp, ACTION_PORT=str(proxy.port))  # Rasa reaches the actions through the proxy
        logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
        with processes(tmp, env) as start:
            actions = start("actions", actions_cmd(action_port))
            rasa = start("rasa", rasa_cmd(model, rasa_port, "credentials.yml"))
            wait_for(f"http://127.0.0.1:{action_port}/health", actions, logs["actions"])
            wait_for(f"http://127.0.0.1:{rasa_port}/", rasa, logs["rasa"])
            yield proxy, f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"


class CountedChat:
    def __init__(self, counted) -> None:
        self.proxy, self.url = counted
        self.sender = f"calls-{uuid.uuid4().hex[:8]}"
        self.texts: list[str] = []
        self.buttons: list[dict] = []

    def say(self, message: str) -> list[str]:
        """Sends one message; the action-server calls its turn made."""
        before = len(self.proxy.of(self.sender))
        r = requests.post(self.url, json={"sender": self.sender, "message": message}, timeout=120)
        assert r.status_code == 200, r.text
        self.texts = [m.get("text") or "" for m in r.json()]
        self.buttons = [b for m in r.json() for b in m.get("buttons") or []]
        return self.proxy.of(self.sender)[before:]

    def payload(self, title: str) -> str:
        return next(b["payload"] for b in self.buttons if b["title"].lower().startswith(title.lower()))

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@pytest.fixture()
def chat(counted) -> CountedChat:
    c = CountedChat(counted)
    assert c.say("hello") == []  # the greeting (and any first-use notice) is Rasa's own
    return c


def test_a_check_is_one_call_a_turn_from_start_to_pause_and_resume(chat):
    assert chat.say("/start_check") == ["action_check_start"]
    assert "immediate danger right now" in chat.texts[-1] and chat.buttons  # the first question, same reply
    assert chat.say(chat.payload("No")) == ["validate_walk_form"]
    assert "case reference" in chat.text
    assert chat.say("TCC-101") == ["validate_walk_form"]
    assert chat.say("2 and a half") == ["validate_walk_form"]
    assert "disability" in chat.text  # feedback (if any) and the next question in one reply
    assert chat.say("pause") == ["validate_walk_form"]  # the walk ends in the same call
    assert "Paused" in chat.text and "resume TCC-101" in chat.text
    assert chat.say("hello") == [] and "decision support" in chat.text  # the form is over
    assert chat.say("resume TCC-101") == ["action_resume"]
    assert "Welcome back" in chat.text and "disability" in chat.texts[-1]
    assert chat.say("no") == ["validate_walk_form"]
    assert "medical neglect" in chat.text
    assert chat.say("stop") == ["validate_walk_form"]
    assert "stopped" in chat.text
    assert chat.say("thanks") == []


def test_the_999_answer_comes_first_inside_a_walk_in_the_same_call(chat):
    assert chat.say("/start_check") == ["action_check_start"]
    assert chat.say(chat.payload("No")) == ["validate_walk_form"]
    assert chat.say("the baby is not breathing") == ["validate_walk_form"]
    assert chat.texts[0].startswith(DANGER_FIRST)
    assert "case reference" in chat.texts[-1]  # and the check goes on with its question


@pytest.mark.parametrize(
    "start, action, stop",
    [("/start_supervision", "action_start_supervision", "/stop"), ("/start_training", "action_start_training", "stop")],
)
def test_supervision_and_training_are_one_call_a_turn_too(chat, start, action, stop):
    assert chat.say(start) == [action]
    first = chat.texts[-1]
    assert first and chat.buttons  # asked in the start's own reply
    assert chat.say(stop) == ["validate_walk_form"]
    assert "stopped" in chat.text.lower()
    assert chat.say("hello") == [] and "decision support" in chat.text
