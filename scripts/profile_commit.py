"""What a turn's two SQLite commits cost, in-process (issue 23): the tracker store's `save`
(rasa_ext/tracker_store.py) and a records unit of work (bot/records/store.py `session_scope`),
each N times on a fresh SQLite file in a temporary directory, under each setting asked for:

    python scripts/profile_commit.py [--n 200] [--modes configured,full] [--out results/perf_profile.md]

Modes: `configured` is the engines exactly as the code sets them up; `full` is the same with
`PRAGMA synchronous=FULL` added on every new connection (SQLite's default, the setting before
issue 23); `normal` adds `PRAGMA synchronous=NORMAL`. A suffix `+nullpool` or `+queuepool`
rebuilds both engines with that SQLAlchemy pool (NullPool: a new SQLite connection for every
unit of work, SQLAlchemy 1.4's default for a SQLite file; QueuePool: connections kept open).
The synchronous level and journal mode are read back on the very connection each save or
unit of work uses (a pool "checkout" listener), and the figures say which values were seen, so
a pragma set on some other connection cannot pass for one that took.

A tracker save is one turn of six events (the user's message, two slots, the form, the bot's
message, action_listen) on one of 10 invented conversations, timed around `store.save` (the
scrubbing of the message, its commit and the fingerprint read of its tracker cache; one untimed
save first, as the scrubbing loads its word lists on the first message). A records unit of work
finds the user and adds an answer and an audit row, timed around the whole `with session_scope()`
block. It measures; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

SYNC_NAMES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def _pool_override(mode: str):
    """The pool class a mode asks for (`...+nullpool`, `...+queuepool`), or None (as configured)."""
    from sqlalchemy import pool

    if mode.endswith("+nullpool"):
        return pool.NullPool
    if mode.endswith("+queuepool"):
        return pool.QueuePool
    return None


def _rebuilt(engine, poolclass, pragmas=None):
    """The same database through a new engine with the given pool (a `...+pool` mode)."""
    import sqlalchemy as sa

    engine.dispose()
    new = sa.create_engine(
        engine.url,
        future=getattr(engine, "_is_future", False),
        pool_pre_ping=True,
        poolclass=poolclass,
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    for listener in pragmas or []:
        sa.event.listen(new, "connect", listener)
    return new


def _watch(engine, mode: str, seen: set) -> None:
    """Adds the mode's pragma on each new connection, and records what each checked-out
    connection reports."""
    from sqlalchemy import event

    engine.dispose()  # connections opened before (the migration's) would not get the mode's pragma
    level = mode.split("+")[0]
    if level in ("full", "normal"):
        level = level.upper()

        def set_sync(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA synchronous={level}")
            cur.close()

        event.listen(engine, "connect", set_sync)

    def read_back(dbapi_conn, _record, _proxy) -> None:
        cur = dbapi_conn.cursor()
        sync = cur.execute("PRAGMA synchronous").fetchone()[0]
        journal = cur.execute("PRAGMA journal_mode").fetchone()[0]
        cur.close()
        seen.add((journal, SYNC_NAMES.get(sync, str(sync))))

    event.listen(engine, "checkout", read_back)


def _stats(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    return {
        "n": len(ms),
        "mean": statistics.fmean(ms),
        "p50": ms[len(ms) // 2],
        "p95": ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)],
    }


def tracker_saves(url: str, mode: str, n: int) -> tuple[dict, set]:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_ext.tracker_store import CompactingSQLTrackerStore

    domain = Domain.load(str(ROOT / "domain.yml"))
    store = CompactingSQLTrackerStore(domain=domain, host=url)
    poolclass = _pool_override(mode)
    if poolclass is not None:
        store.engine = _rebuilt(store.engine, poolclass)
        store.sessionmaker.configure(bind=store.engine)
    seen: set = set()
    _watch(store.engine, mode, seen)
    trackers = {}
    times = []

    async def run() -> None:
        # one untimed save first: the scrubbing's word lists load on the first message
        warm = DialogueStateTracker("bench-warm-up", domain.slots)
        warm.update(UserUttered("invented warm-up", {"name": "ask_question", "confidence": 0.9}, [], {}))
        warm.update(ActionExecuted("action_listen"))
        await store.save(warm)
        for i in range(n):
            sender = f"bench-{i % 10}"
            tracker = await store.retrieve(sender)
            if tracker is None:
                tracker = DialogueStateTracker(sender, domain.slots)
                tracker.update(ActionExecuted("action_listen"))
            text = f"invented answer number {i}"
            parse = {"intent": {"name": "ask_question", "confidence": 0.9}, "entities": [], "text": text}
            tracker.update(UserUttered(text, parse["intent"], [], parse, input_channel="rest"))
            tracker.update(SlotSet("answer", text))
            tracker.update(ActionExecuted("walk_form"))
            tracker.update(BotUttered("Thank you."))
            tracker.update(SlotSet("answer", None))
            tracker.update(ActionExecuted("action_listen"))
            start = time.perf_counter()
            await store.save(tracker)
            times.append(time.perf_counter() - start)
            trackers[sender] = tracker

    asyncio.run(run())
    store.engine.dispose()
    return _stats(times), seen


def records_commits(url: str, mode: str, n: int) -> tuple[dict, set]:
    from bot.records import store as records
    from bot.records.migrate import migrate

    migrate(url)
    poolclass = _pool_override(mode)
    if poolclass is not None:
        records._engines[url] = _rebuilt(records.get_engine(url), poolclass, [records._sqlite_pragmas])
    seen: set = set()
    _watch(records.get_engine(url), mode, seen)
    times = []
    for i in range(n):
        start = time.perf_counter()
        with records.session_scope(url) as session:
            user = records.get_or_create_user(session, "rest", "bench-user")
            check = session.get(records.Check, 1) or records.Check(user_id=user.id)
            session.add(check)
            session.flush()
            session.add(records.Answer(check_id=check.id, question_id=f"q{i % 20}", value="yes", text="invented"))
            records.audit(session, "answer", f"q{i % 20}", user=user)
        times.append(time.perf_counter() - start)
    records.get_engine(url).dispose()
    return _stats(times), seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--modes", default="configured,full", help="comma-separated: configured, full, normal")
    parser.add_argument("--out", help="append the markdown table to this file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    rows = []
    for mode in args.modes.split(","):
        with tempfile.TemporaryDirectory(dir=os.environ.get("PROFILE_COMMIT_DIR")) as tmp:
            # the records first, as at start-up: the action server migrates the file
            url = f"sqlite:///{Path(tmp) / 'assistant.db'}"
            rec, rec_seen = records_commits(url, mode, args.n)
            trk, trk_seen = tracker_saves(url, mode, args.n)
        rows.append((mode, "tracker store save", trk, trk_seen))
        rows.append((mode, "records session_scope", rec, rec_seen))

    load = os.getloadavg()[0]
    lines = [
        f"Measured {dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}, load average {load:.2f}"
        f" (`python scripts/profile_commit.py --n {args.n} --modes {args.modes}`), SQLite file on local disk.",
        "",
        "| mode | operation | N | mean ms | p50 ms | p95 ms | seen on the connection used (journal, synchronous) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode, what, s, seen in rows:
        seen_text = ", ".join(f"{j}/{y}" for j, y in sorted(seen))
        lines.append(
            f"| {mode} | {what} | {s['n']} | {s['mean']:.2f} | {s['p50']:.2f} | {s['p95']:.2f} | {seen_text} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
