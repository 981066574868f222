"""rasa_ext/workarounds.py: the one list of Rasa 3.6 internals the project patches, overrides or
calls; the version check at start; and the Sanic request-head patch, on a real socket."""

from __future__ import annotations

import inspect
import logging
import socket
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

import pytest

from rasa_ext import workarounds as w
from rasa_ext.turn import start_turn

ROOT = Path(__file__).resolve().parents[2]


# -- the version check -----------------------------------------------------------------------------
def test_the_installed_rasa_is_the_one_the_workarounds_were_written_for():
    assert w.check_rasa_version(environ={}).startswith("3.6.")


@pytest.mark.parametrize("version", ["3.7.0", "2.8.1", "4.0.0a1", "not installed"])
def test_another_rasa_stops_the_start_with_what_to_check(version):
    with pytest.raises(w.UnsupportedRasaVersion) as e:
        w.check_rasa_version(version, environ={})
    message = str(e.value)
    assert f"Rasa {version} is installed" in message and "3.6.x" in message
    assert "rasa_ext/workarounds.py" in message and w.ALLOW_ENV in message


def test_another_rasa_is_a_warning_when_allowed(caplog):
    with caplog.at_level(logging.WARNING, logger="rasa_ext.workarounds"):
        assert w.check_rasa_version("3.7.2", environ={w.ALLOW_ENV: "1"}) == "3.7.2"
    assert "Rasa 3.7.2 is installed" in caplog.text
    assert w.check_rasa_version("3.6.0", environ={}) == "3.6.0"


# -- the list ----------------------------------------------------------------------------------------
def test_every_listed_internal_exists_in_this_rasa():
    assert w.missing_internals() == []


def test_a_missing_internal_is_named_with_its_workaround():
    gone = w.Workaround(
        "example",
        ("rasa.core.processor:MessageProcessor._no_such_method", "rasa.no_such_module:Thing"),
        "rasa_ext/x.py",
        "an example",
    )
    assert w.missing_internals([gone]) == [
        "rasa.core.processor:MessageProcessor._no_such_method (example, rasa_ext/x.py)",
        "rasa.no_such_module:Thing (example, rasa_ext/x.py)",
    ]


def test_every_project_module_named_in_the_list_exists_and_each_override_is_still_there():
    for workaround in w.WORKAROUNDS:
        assert (ROOT / workaround.used_by).exists(), workaround
    # the overrides that stay in their class: the class still overrides the named Rasa method
    from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
    from rasa.core.tracker_store import SQLTrackerStore

    from rasa_ext.scrubbing import ScrubbingSQLTrackerStore
    from rasa_ext.teams import TeamsInput, TeamsOutput
    from rasa_ext.tracker_store import CompactingSQLTrackerStore

    for ours, theirs, name in (
        (TeamsInput, BotFrameworkInput, "_update_cached_jwk_keys"),
        (TeamsOutput, BotFramework, "_get_headers"),
        (CompactingSQLTrackerStore, SQLTrackerStore, "_retrieve"),
        (ScrubbingSQLTrackerStore, SQLTrackerStore, "_additional_events"),
    ):
        assert getattr(ours, name) is not getattr(theirs, name), (ours, name)


def test_each_failure_message_the_handler_listens_for_is_still_in_rasas_source():
    sources = "".join(
        inspect.getsource(import_module(m))
        for m in ("rasa.core.processor", "rasa.core.tracker_store", "rasa.core.lock_store", "rasa.core.actions.action")
    )
    for marker in w.FAILURE_MARKERS:
        assert marker in sources, marker


def test_no_other_rasa_ext_module_reaches_into_the_processor_or_patches_rasa():
    """The processor's private calls and the monkeypatches live in workarounds.py only."""
    for path in sorted((ROOT / "rasa_ext").rglob("*.py")):
        if path.name == "workarounds.py":
            continue
        text = path.read_text()
        for reach in ("processor._", "._validate_action_result =", "Http.http1_request_header =", ".addHandler("):
            assert reach not in text, f"{path.relative_to(ROOT)} has {reach!r}: move it to rasa_ext/workarounds.py"


# -- the patches ----------------------------------------------------------------------------------------
def test_the_failure_handler_marks_only_a_turn_in_progress_and_only_on_errors():
    w.install_turn_failure_handler()
    w.install_turn_failure_handler()  # idempotent: one handler a logger
    rasa_processor = logging.getLogger("rasa.core.processor")
    assert sum(isinstance(h, w.TurnFailureHandler) for h in rasa_processor.handlers) == 1

    import asyncio

    async def turn(level: int, message: str):
        state = start_turn("fixture-sender")
        rasa_processor.log(level, message)
        return state

    assert not asyncio.run(turn(logging.INFO, "Encountered an exception while running action 'x'")).failed
    assert not asyncio.run(turn(logging.ERROR, "an unrelated error")).failed
    failed = asyncio.run(turn(logging.ERROR, "Encountered an exception while running action 'x'"))
    assert failed.failures == ["rasa.core.processor: Encountered an exception while running action 'x'"]


def test_run_actions_runs_the_named_actions_through_the_processor_in_order():
    import asyncio

    from rasa.shared.core.domain import Domain

    calls = []

    class Processor:
        domain = Domain.from_yaml("version: '3.1'\nactions: [action_ask_answer]\n")
        nlg = object()

        def _get_action(self, name):
            return f"<{name}>"

        async def _run_action(self, action, tracker, output, nlg, prediction):
            calls.append((action, tracker, output, nlg is self.nlg, prediction.max_confidence))

    asyncio.run(w.run_actions(Processor(), "tracker", "out", ["action_ask_answer", "action_listen"]))
    assert calls == [
        ("<action_ask_answer>", "tracker", "out", True, 1.0),
        ("<action_listen>", "tracker", "out", True, 1.0),
    ]


SERVER = r"""
import sys
from sanic import Sanic, response
import rasa_ext.channels  # applies the request-head patch, as in the Rasa server

app = Sanic("workaround_fixture")

@app.post("/echo")
async def echo(request):
    return response.json({"bytes": len(request.body or b"")})

app.run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False, workers=1)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _send(port: int, head: bytes, timeout: float = 5.0) -> bytes:
    """What the server answers before it closes the connection (or the timeout passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(head)
        data = b""
        try:
            while chunk := s.recv(4096):
                data += chunk
        except TimeoutError:
            pass
        return data


@pytest.fixture(scope="module")
def patched_server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("sanic") / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(port)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"the fixture server exited: {log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize(
    "head",
    [
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
        b"GET /%zz\x01bad HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
    ids=["negative length", "length not a number", "unparsable url"],
)
def test_a_bad_request_head_gets_a_400_at_once(patched_server, head):
    started = time.monotonic()
    answer = _send(patched_server, head)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert time.monotonic() - started < 4


def test_a_good_request_still_goes_through(patched_server):
    head = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
    answer = _send(patched_server, head)
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b'{"bytes":3}'), answer[-200:]
