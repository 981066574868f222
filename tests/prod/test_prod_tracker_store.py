"""The compacting SQL tracker store (rasa_ext/tracker_store.py), on a temporary SQLite file."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from rasa_ext import tracker_store as ts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def run(coro):
    return asyncio.run(coro)


def make_store(domain, tmp_path, **kwargs):
    return ts.CompactingSQLTrackerStore(domain=domain, host=f"sqlite:///{tmp_path / 't.db'}", **kwargs)


def stored(tmp_path, sender="u1"):
    with sqlite3.connect(tmp_path / "t.db") as c:
        return c.execute("SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()


def start_check(store, sender="u1"):
    """A conversation in the middle of the guided check: walk_form active, asking for `answer`."""

    async def go():
        tr = await store.get_or_create_tracker(sender, append_action_listen=False)
        for e in (
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("/start_check", {"name": "start_check", "confidence": 1.0}),
            ActionExecuted("action_check_start"),
            SlotSet("flow", "check"),
            SlotSet("flow_id", 7.0),
            ActionExecuted("walk_form"),
            ActiveLoop("walk_form"),
            SlotSet("requested_slot", "answer"),
            BotUttered("question 1"),
            ActionExecuted("action_listen"),
        ):
            tr.update(e)
        await store.save(tr)

    run(go())


def answer_turns(store, n, sender="u1", start=0):
    sizes = []

    async def go():
        for i in range(start, start + n):
            tr = await store.retrieve(sender)
            sizes.append(len(tr.events))
            tr.update(UserUttered(f"answer {i}", {"name": "affirm", "confidence": 1.0}))
            tr.update(ActionExecuted("walk_form"))
            tr.update(SlotSet("answer", None))
            tr.update(BotUttered(f"question {i + 2}"))
            tr.update(ActionExecuted("action_listen"))
            await store.save(tr)

    run(go())
    return sizes


def test_a_long_conversation_is_loaded_in_bounded_size_with_its_state(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=40)
    start_check(store)
    sizes = answer_turns(store, 120)
    assert max(sizes) <= 40 + 12  # the cap plus one turn and the compaction events
    assert sizes[-1] < sizes[5] + 40
    tr = run(store.retrieve("u1"))
    assert tr.active_loop_name == "walk_form"
    assert tr.get_slot("flow") == "check" and tr.get_slot("flow_id") == 7.0
    assert tr.get_slot("requested_slot") == "answer"
    assert tr.latest_action_name == "action_listen"
    # nothing is lost or written twice: every user message is in the table once, in order
    rows = stored(tmp_path)
    texts = [json.loads(d)["text"] for t, d in rows if t == "user"]
    assert texts == ["/start_check"] + [f"answer {i}" for i in range(120)]
    sessions = [json.loads(d) for t, d in rows if t == "session_started"]
    assert len(sessions) >= 3 and all(s.get("metadata") == {"compaction": True} for s in sessions[1:])
    # the whole conversation is still there for retention and export
    full = run(store.retrieve_full_tracker("u1"))
    assert len(full.events) == len(rows)


def test_the_next_turn_after_a_compaction_continues_the_form(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=20)
    start_check(store)
    answer_turns(store, 5)
    tr = run(store.retrieve("u1"))
    assert tr.events[0].type_name == "session_started"  # a compacted session
    assert tr.applied_events()  # so Rasa does not start a session of its own
    assert not tr.active_loop.rejected and not tr.active_loop.is_interrupted


def test_no_compaction_below_the_cap_or_mid_turn_or_when_off(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=0)
    start_check(store)
    answer_turns(store, 30)
    assert sum(1 for t, _ in stored(tmp_path) if t == "session_started") == 1

    store2 = ts.CompactingSQLTrackerStore(domain=domain, host=f"sqlite:///{tmp_path / 'u.db'}", max_session_events=5)
    tr = run(store2.get_or_create_tracker("u2", append_action_listen=False))
    for i in range(10):
        tr.update(UserUttered(f"m{i}", {"name": "affirm", "confidence": 1.0}))
    assert not ts.should_compact(tr, 5)  # the bot is not listening: not the end of a turn
    tr.update(ActionExecuted("action_listen"))
    assert ts.should_compact(tr, 5)


def test_a_rejected_form_stays_rejected(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=5)
    start_check(store)
    tr = run(store.retrieve("u1"))
    tr.update(UserUttered("what is drift?", {"name": "faq", "confidence": 1.0}))
    tr.update(ActionExecutionRejected("walk_form"))
    tr.update(ActionExecuted("action_listen"))
    assert tr.active_loop.rejected
    run(store.save(tr))
    again = run(store.retrieve("u1"))
    assert again.active_loop_name == "walk_form" and again.active_loop.rejected


def test_a_turn_whose_conversation_could_not_be_read_is_not_saved(domain, tmp_path):
    store = make_store(domain, tmp_path)
    start_check(store)
    before = len(stored(tmp_path))

    async def go():
        turn = ts.start_turn("u1")
        ts.note_failure("tracker store read failed", retrieve=True)
        fresh = store.init_tracker("u1")  # what Rasa makes when the read fails
        fresh.update(ActionExecuted("action_session_start"))
        fresh.update(SessionStarted())
        with pytest.raises(RuntimeError):
            await store.save(fresh)
        return turn

    turn = run(go())
    assert turn.failed
    assert len(stored(tmp_path)) == before


def test_a_failed_database_call_is_retried_then_reported(domain, tmp_path):
    store = make_store(domain, tmp_path, retry_seconds=1.0)
    calls = {"n": 0}

    async def flaky():
        calls["n"] += 1
        if calls["n"] < 3:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        return "ok"

    async def always_down():
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    async def go():
        assert await store._with_retries("read", "u1", flaky) == "ok"
        turn = ts.start_turn("u1")
        with pytest.raises(sa.exc.OperationalError):
            await store._with_retries("read", "u1", always_down)
        return turn

    turn = run(go())
    assert calls["n"] == 3
    assert turn.failed and turn.retrieve_failed


def test_pooled_connections_are_pinged(domain, tmp_path):
    store = make_store(domain, tmp_path)
    assert store.engine.pool._pre_ping


def test_action_server_responses_are_validated_as_before_with_the_schema_checked_once(domain, tmp_path, monkeypatch):
    # what makes it faster, counted rather than timed: Rasa's own method checks the response
    # schema against the meta-schema on every call, this one once (the time it saves is a
    # figure for scripts/bench.py, not an assertion)
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    installed_before = RemoteAction._validate_action_result
    make_store(domain, tmp_path)  # installs it (fast_action_validation defaults to on)
    original = ts._STOCK_VALIDATE[0]
    action = RemoteAction("action_ask_answer", None)
    good = {"events": [{"event": "slot", "name": "answer", "value": None}], "responses": [{"text": "hi"}]}
    bad = {"events": [{"event": "slot", "timestamp": "yesterday"}], "responses": []}
    schema_class = validators.validator_for(action.action_response_format_spec())
    checks = {"n": 0}
    stock_check = schema_class.check_schema.__func__

    def counted(cls, schema, *args, **kwargs):
        checks["n"] += 1
        return stock_check(cls, schema, *args, **kwargs)

    monkeypatch.setattr(schema_class, "check_schema", classmethod(counted))
    try:
        assert RemoteAction._validate_action_result is ts._validate_action_result
        assert action._validate_action_result(good)
        with pytest.raises(ValidationError) as fast_error:
            action._validate_action_result(bad)
        with pytest.raises(ValidationError) as stock_error:
            original(action, bad)
        assert fast_error.value.message == stock_error.value.message
        checks["n"] = 0
        for _ in range(20):
            assert action._validate_action_result(good)
        assert checks["n"] == 0  # the validator made once is reused
        for _ in range(20):
            assert original(action, good)
        assert checks["n"] == 20  # Rasa's: the schema checked again on each call
    finally:
        RemoteAction._validate_action_result = installed_before


def test_a_saved_tracker_is_reused_only_while_the_database_agrees(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=0)
    start_check(store)
    assert "u1" not in store._cache  # it holds action_session_start, which the database does not load
    tr = run(store.retrieve("u1"))
    tr.update(UserUttered("No", {"name": "deny", "confidence": 1.0}))
    tr.update(ActionExecuted("action_listen"))
    run(store.save(tr))
    hits = store.cache_hits
    again = run(store.retrieve("u1"))
    assert again is tr and store.cache_hits == hits + 1
    # while a turn has it, it is not handed out twice
    other = run(store.retrieve("u1"))
    assert other is not tr and [e.as_dict()["event"] for e in other.events] == [e.as_dict()["event"] for e in tr.events]
    run(store.save(again))

    # another instance writes to the conversation: the cached tracker is stale
    elsewhere = make_store(domain, tmp_path, max_session_events=0, cache_trackers=0)
    t2 = run(elsewhere.retrieve("u1"))
    t2.update(UserUttered("from the other instance", {"name": "affirm", "confidence": 1.0}))
    t2.update(ActionExecuted("action_listen"))
    run(elsewhere.save(t2))
    fresh = run(store.retrieve("u1"))
    assert fresh is not again and fresh.events[-2].text == "from the other instance"
    run(store.save(fresh))

    # events deleted (the retention job): stale too
    with sqlite3.connect(tmp_path / "t.db") as c:
        c.execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events WHERE type_name = 'user')")
    assert run(store.retrieve("u1")) is not fresh


def test_a_failed_turn_leaves_nothing_cached(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=0)
    start_check(store)
    tr = run(store.retrieve("u1"))
    tr.update(UserUttered("half a turn", {"name": "affirm", "confidence": 1.0}))  # then the turn fails: no save
    again = run(store.retrieve("u1"))
    assert again is not tr and all(getattr(e, "text", None) != "half a turn" for e in again.events)
    new = run(store.get_or_create_tracker("brand-new"))
    new.update(UserUttered("first words", {"name": "greet", "confidence": 1.0}))  # then the turn fails
    assert all(getattr(e, "text", None) != "first words" for e in run(store.retrieve("brand-new")).events)


def test_a_compacted_tracker_is_not_cached_and_nothing_is_written_twice(domain, tmp_path):
    store = make_store(domain, tmp_path, max_session_events=20)
    start_check(store)
    seen = []
    for i in range(12):
        before = sum(1 for t, _ in stored(tmp_path) if t == "session_started")
        answer_turns(store, 1, start=i)
        compacted = sum(1 for t, _ in stored(tmp_path) if t == "session_started") > before
        seen.append((compacted, "u1" in store._cache))
    assert (True, False) in seen and (False, True) in seen
    assert all(not cached for compacted, cached in seen if compacted)
    assert store.cache_hits > 0
    texts = [json.loads(d)["text"] for t, d in stored(tmp_path) if t == "user"]
    assert texts == ["/start_check"] + [f"answer {i}" for i in range(12)]
    assert len(stored(tmp_path)) == len(run(store.retrieve_full_tracker("u1")).events)
