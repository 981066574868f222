"""Issue 23: the two engines that commit a turn to a SQLite file (the records', bot/records/store.py,
and the tracker store's, rasa_ext/tracker_store.py) keep their connections open in a pool and set
journal_mode=WAL, synchronous=NORMAL and a busy timeout on every connection they use; PostgreSQL
engines get none of it. Read back on the connection each engine hands out, not a connection of
the test's own. Temporary files only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import QueuePool

from bot.records import store as records
from rasa_ext.tracker_store import CompactingSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
NORMAL = 1


def pragmas(conn) -> dict:
    read = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
    names = ("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "secure_delete")
    return {name: read(name) for name in names}


def dbapi_id(conn) -> int:
    return id(conn.connection.dbapi_connection)


@pytest.fixture()
def tracker_store(tmp_path):
    store = CompactingSQLTrackerStore(domain=None, host=f"sqlite:///{tmp_path / 'tracker.db'}")
    yield store
    store.engine.dispose()


def test_a_records_unit_of_work_runs_on_a_wal_normal_connection_kept_in_the_pool(db_url):
    engine = records.get_engine(db_url)
    assert isinstance(engine.pool, QueuePool)
    seen = []
    for _ in range(2):
        with records.session_scope(db_url) as session:
            conn = session.connection()
            seen.append((pragmas(conn), dbapi_id(conn)))
    first, second = seen
    assert first[0] == {
        "journal_mode": "wal",
        "synchronous": NORMAL,
        "busy_timeout": 30000,
        "foreign_keys": 1,
        "secure_delete": 1,
    }
    assert second[1] == first[1], "the second unit of work opened a new SQLite connection"


def test_the_tracker_store_saves_on_a_wal_normal_connection_kept_in_the_pool(tracker_store):
    assert isinstance(tracker_store.engine.pool, QueuePool)
    seen = []
    for _ in range(2):
        with tracker_store.session_scope() as session:
            conn = session.connection()
            seen.append((pragmas(conn), dbapi_id(conn)))
    first, second = seen
    assert first[0]["journal_mode"] == "wal"
    assert first[0]["synchronous"] == NORMAL
    assert first[0]["busy_timeout"] == 30000
    assert first[0]["secure_delete"] == 1
    assert second[1] == first[1], "the second save opened a new SQLite connection"


def test_a_fresh_connection_of_each_engine_gets_the_settings_too(db_url, tracker_store):
    for engine in (records.get_engine(db_url), tracker_store.engine):
        engine.dispose()  # whatever was pooled is gone: the next connection is a new one
        with engine.connect() as conn:
            got = pragmas(conn)
        assert (got["journal_mode"], got["synchronous"]) == ("wal", NORMAL), engine.url


def test_postgresql_engines_get_no_sqlite_setting():
    url = "postgresql://invented:invented@127.0.0.1:1/none"  # never connected to
    engine = records.get_engine(url)
    try:
        assert not sa.event.contains(engine, "connect", records.sqlite_pragmas)
    finally:
        records._engines.pop(url, None)
        engine.dispose()
    assert "poolclass" not in records.sqlite_engine_options("sqlite://")  # in memory: its own pool


def test_a_commit_survives_the_process_being_killed_straight_after(tmp_path):
    """The trade-off of synchronous=NORMAL: no fsync per commit, yet a committed row is in the WAL
    the moment commit returns, so a killed process (not an OS crash) loses nothing."""
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    child = (
        "import os, signal, sqlalchemy as sa\n"
        "from bot.records import store\n"
        f"engine = store.get_engine({url!r})\n"
        "with engine.begin() as conn:\n"
        "    conn.exec_driver_sql('CREATE TABLE t (x TEXT)')\n"
        "with engine.connect() as conn:\n"
        "    assert conn.exec_driver_sql('PRAGMA synchronous').scalar() == 1\n"
        "with engine.begin() as conn:\n"
        "    conn.exec_driver_sql(\"INSERT INTO t VALUES ('invented turn')\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1")
    proc = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert (tmp_path / "killed.db-wal").exists(), "the child closed cleanly: the test did not kill it mid-pool"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT x FROM t").scalars().all() == ["invented turn"]
    finally:
        engine.dispose()
