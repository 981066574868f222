"""What the second run of the conversation tests adds (CONVERSATION_BACKEND=postgres,
tests/conversation/conftest.py): the servers really run on PostgreSQL and Redis, and the
production channel's Redis paths work. Collected only in that run (the first run has no
Redis and Rasa's own REST channel; see pytest_ignore_collect in conftest.py).

- the tracker store and the records are in the throwaway PostgreSQL server;
- each turn takes and gives back a ticket of Rasa's Redis lock store (seen with Redis
  MONITOR), and the production channel writes its in-flight marker, then its "done" record,
  and the instance's heartbeat to Redis;
- a turn left half way by an instance that is gone (an in-flight marker in Redis, no
  heartbeat): the next message is not taken as an answer; the current question is asked
  again ("here is where we are") and the check goes on;
- a message sent again with the same message_id gets the same answer, not a second turn.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid

import redis
from sqlalchemy import create_engine, text

LOCK_DB, INFLIGHT_DB = 1, 2  # deploy/endpoints.prod.yml's lock store; rasa_ext.prod_channel's default


def client(servers, db: int) -> redis.Redis:
    r = servers["redis"]
    return redis.Redis(
        host=r["REDIS_HOST"], port=int(r["REDIS_PORT"]), password=r["REDIS_PASSWORD"], db=db, socket_timeout=30
    )


@contextlib.contextmanager
def monitor(servers):
    """Every command Redis runs while inside (Redis MONITOR), as {"db", "command"} dicts."""
    seen: list[dict] = []
    marker = f"monitor-end-{uuid.uuid4().hex}"
    conn = client(servers, 0)
    ready = threading.Event()

    def listen() -> None:
        with conn.monitor() as m:
            ready.set()
            for cmd in m.listen():
                if marker in cmd.get("command", ""):
                    return
                seen.append(cmd)

    t = threading.Thread(target=listen, daemon=True)
    t.start()
    assert ready.wait(10)
    time.sleep(0.2)  # MONITOR is on once its reply has come back
    try:
        yield seen
    finally:
        client(servers, 0).echo(marker)
        t.join(30)


def rows(servers, sql: str, **params):
    engine = create_engine(servers["database_url"], future=True)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).fetchall()
    finally:
        engine.dispose()


def post(servers, sender: str, message: str, message_id: str | None = None):
    import requests

    body = {"sender": sender, "message": message}
    if message_id:
        body["message_id"] = message_id
    r = requests.post(f"{servers['url']}/webhooks/rest/webhook", json=body, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def test_turns_are_stored_in_postgresql_and_locked_and_marked_in_redis(servers, new_chat):
    assert servers["backend"] == "postgres" and servers["database_url"].startswith("postgresql://")
    chat = new_chat()
    with monitor(servers) as seen:
        chat.say("/start_check")
    assert "immediate danger right now" in chat.text
    commands = [(c["db"], c["command"]) for c in seen]
    lock_key, turn_key = f"neglect:lock:{chat.sender}", f"rasa:turn:{chat.sender}"
    assert any(db == LOCK_DB and lock_key in c and c.upper().startswith("SET") for db, c in commands), commands
    assert any(db == LOCK_DB and lock_key in c and c.upper().startswith("DEL") for db, c in commands), commands
    turn_writes = [c for db, c in commands if db == INFLIGHT_DB and turn_key in c and c.upper().startswith("SET")]
    assert len(turn_writes) == 2 and '"inflight"' in turn_writes[0] and '"done"' in turn_writes[1], turn_writes
    assert json.loads(client(servers, INFLIGHT_DB).get(turn_key))["state"] == "done"
    assert client(servers, INFLIGHT_DB).exists("rasa:instance:conversation-tests")  # the heartbeat
    assert not client(servers, LOCK_DB).exists(lock_key)  # given back after the turn
    # the tracker store and the records are PostgreSQL's
    chat.click("No")
    users = [r[0] for r in rows(servers, "SELECT type_name FROM events WHERE sender_id = :s", s=chat.sender)]
    assert users.count("user") == 2
    answers = rows(
        servers,
        "SELECT a.question_id, a.value FROM answers a JOIN checks c ON a.check_id = c.id "
        "JOIN users u ON c.user_id = u.id WHERE u.external_id = :s",
        s=chat.sender,
    )
    assert answers == [("q_danger_now", "no")]


def test_a_turn_left_half_way_by_a_gone_instance_is_not_taken_as_an_answer(servers, new_chat):
    chat = new_chat()
    chat.say("/start_check")
    chat.click("No")
    assert "case reference" in chat.text
    question = chat.last[-1]["text"]
    # another instance began a turn of this conversation and died: its marker is in Redis, its
    # heartbeat is not, and its lock ticket is still held
    turn_key = f"rasa:turn:{chat.sender}"
    client(servers, INFLIGHT_DB).set(
        turn_key, json.dumps({"state": "inflight", "instance": "rasa-gone", "at": time.time(), "message_id": None})
    )
    chat.say("REF-1")
    assert chat.last[0]["custom"] == {"resync": True} and "here is where we are" in chat.text
    assert chat.last[-1]["text"] == question  # the same question again, nothing stored for it
    stored = rows(
        servers,
        "SELECT a.question_id FROM answers a JOIN checks c ON a.check_id = c.id JOIN users u "
        "ON c.user_id = u.id WHERE u.external_id = :s ORDER BY a.id",
        s=chat.sender,
    )
    assert [q for (q,) in stored] == ["q_danger_now"]
    assert json.loads(client(servers, INFLIGHT_DB).get(turn_key))["state"] == "done"
    chat.say("REF-2")  # the conversation goes on
    assert "How old is the child" in chat.text
    stored = rows(
        servers,
        "SELECT a.question_id, a.value FROM answers a JOIN checks c ON a.check_id = c.id JOIN "
        "users u ON c.user_id = u.id WHERE u.external_id = :s ORDER BY a.id",
        s=chat.sender,
    )
    assert stored == [("q_danger_now", "no"), ("q_case_ref", "REF-2")]


def test_a_message_sent_again_with_its_id_gets_the_same_answer_not_a_second_turn(servers):
    sender = f"again-{uuid.uuid4().hex[:8]}"
    first = post(servers, sender, "/start_check", "m-1")
    again = post(servers, sender, "/start_check", "m-1")
    assert again == first
    events = rows(servers, "SELECT type_name FROM events WHERE sender_id = :s", s=sender)
    assert [t for (t,) in events].count("user") == 1
