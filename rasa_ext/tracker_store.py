"""Rasa's SQL tracker store with bounded conversation length, and failures a channel can see.

Why: Rasa 3.6 rebuilds a conversation from every event since the last session start on
each turn, and sends all of them to the action server twice a turn (the form's validation
and its question). A long conversation therefore gets slower turn by turn (RASA_NOTES.md:
~40-60 ms at the start, ~270 ms by turn 300).

`CompactingSQLTrackerStore` keeps every event in the `events` table, as the stock store
does, but when the current session holds more than `max_session_events` events it ends
the turn with a *compaction*: the same events Rasa writes for a new session
(`action_session_start`, `session_started`, the slots, `action_listen`), plus the active
form, so nothing the conversation depends on is lost. Rasa's SQL store loads only the
events since the latest `session_started`, so a turn costs the same at turn 300 as at
turn 30. Slots are carried over whatever `carry_over_slots_to_new_session` says (this is a
compaction, not a new conversation); the policies lose the history before the compaction,
as at any session start, which only matters to stories spanning that boundary
(`max_history` is 4 here). Rasa's ordinary session expiry is unchanged.

It is the scrubbing store of rasa_ext/scrubbing.py (what users type is written with personal
details replaced by labels), and it also:
- stops Rasa from re-checking a JSON schema on every action call (`fast_action_validation`,
  on by default: rasa_ext/workarounds.py, which lists every Rasa internal this store relies on);
- keeps the trackers of the last `cache_trackers` conversations it saved in memory (nginx
  sends a conversation to one instance, so its next turn comes here): rebuilding a tracker
  from its events was a quarter of an instance's CPU time under load (py-spy). A cached
  tracker is used only when the conversation's events in the database are exactly those it
  was saved with (same count, same latest id), so a turn handled by another instance, or
  events deleted by the retention job, send it back to the database; it is taken out of the
  cache while a turn uses it, and not cached after a compaction (the next turn loads the
  short session);
- pings pooled connections before use (`pool_pre_ping`), so a restarted PostgreSQL costs
  no failed turn once it is back;
- retries a failed read or write for up to `retry_seconds` (a PostgreSQL restart takes a
  second or two); a write is safe to retry because only events not yet stored are written;
- tells the channel when a turn could not be read or saved (`current_turn()`, rasa_ext/turn.py): Rasa wraps
  every tracker store in a `FailSafeTrackerStore` that swallows errors and carries on with
  an empty conversation, and the channel must answer "please try again" instead. A turn
  whose conversation could not be read is never saved, so that empty conversation does not
  reach the database.

endpoints.yml:

    tracker_store:
      type: rasa_ext.tracker_store.CompactingSQLTrackerStore
      url: ${DATABASE_URL}           # a whole SQLAlchemy URL, as in the default endpoints.yml
      max_session_events: 400        # optional (default 400; 0 turns compaction off)
      retry_seconds: 8               # optional
      fast_action_validation: true   # optional
      cache_trackers: 500            # optional (0 turns the cache off)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, ActiveLoop, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.records.store import sqlite_engine_options, sqlite_pragmas
from rasa_ext.scrubbing import ScrubbingSQLTrackerStore
from rasa_ext.turn import TurnState, current_turn, note_failure, start_turn  # noqa: F401  (the channels' API)
from rasa_ext.workarounds import (  # noqa: F401  (kept importable here)
    _STOCK_VALIDATE,
    _validate_action_result,
    install_fast_action_validation,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_SESSION_EVENTS = 400
DEFAULT_RETRY_SECONDS = 8.0
DEFAULT_CACHE_TRACKERS = 500
COMPACTION_METADATA = {"compaction": True}


# -- compaction --------------------------------------------------------------------------------
def session_events(tracker: DialogueStateTracker) -> int:
    """Events since the latest session start (what Rasa's SQL store loads on each turn)."""
    n = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return n
        n += 1
    return n


def compaction_events(tracker: DialogueStateTracker) -> list[Event]:
    """Events that start a new session holding the tracker's current state: every slot that
    differs from its initial value, the active form (and whether it was rejected)."""
    now = time.time()
    events: list[Event] = [
        ActionExecuted(ACTION_SESSION_START_NAME, timestamp=now),
        SessionStarted(timestamp=now + 1e-4, metadata=dict(COMPACTION_METADATA)),
    ]
    stamp = now + 2e-4
    for name, slot in tracker.slots.items():
        if slot.value != slot.initial_value:
            events.append(SlotSet(name, slot.value, timestamp=stamp))
    loop = tracker.active_loop
    if loop is not None and loop.name:
        events.append(ActiveLoop(loop.name, timestamp=stamp))
        if loop.rejected:
            events.append(ActionExecutionRejected(loop.name, timestamp=stamp))
    events.append(ActionExecuted(ACTION_LISTEN_NAME, timestamp=stamp + 1e-4))
    return events


def should_compact(tracker: DialogueStateTracker, max_session_events: int) -> bool:
    """At the end of a turn (the bot listens) of a session longer than the cap."""
    if max_session_events <= 0 or not tracker.events:
        return False
    last = tracker.events[-1]
    if not (isinstance(last, ActionExecuted) and last.action_name == ACTION_LISTEN_NAME):
        return False
    return session_events(tracker) > max_session_events


def compact(tracker: DialogueStateTracker) -> int:
    """Appends the compaction events to the tracker; returns how many."""
    events = compaction_events(tracker)
    for event in events:
        tracker.update(event)
    return len(events)


# -- the store ---------------------------------------------------------------------------------
def _truthy(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")


class CompactingSQLTrackerStore(ScrubbingSQLTrackerStore):
    def __init__(
        self,
        domain=None,
        host: str | None = None,
        max_session_events: Any = DEFAULT_MAX_SESSION_EVENTS,
        retry_seconds: Any = DEFAULT_RETRY_SECONDS,
        fast_action_validation: Any = True,
        cache_trackers: Any = DEFAULT_CACHE_TRACKERS,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain=domain, host=host, **kwargs)
        self.cache_size = int(cache_trackers if cache_trackers is not None else DEFAULT_CACHE_TRACKERS)
        self._cache: OrderedDict[str, tuple[tuple, DialogueStateTracker]] = OrderedDict()
        self.cache_hits = 0
        if _truthy(fast_action_validation):
            install_fast_action_validation()
        self.max_session_events = int(
            max_session_events if max_session_events is not None else DEFAULT_MAX_SESSION_EVENTS
        )
        self.retry_seconds = float(retry_seconds if retry_seconds is not None else DEFAULT_RETRY_SECONDS)
        # the stock engine does not ping pooled connections: after a database restart every
        # pooled connection would fail once
        url = self.engine.url
        self.engine.dispose()
        engine_kwargs = dict(create_engine_kwargs(url))
        engine_kwargs["pool_pre_ping"] = True
        sqlite = url.get_backend_name() == "sqlite"
        if sqlite:
            # SQLite only (production runs PostgreSQL: deploy/): the records' settings
            # (bot/records/store.py, issue 23): connections kept open in a pool, WAL with
            # synchronous=NORMAL, a busy timeout. A committed turn survives a killed process;
            # only an OS crash or power cut can lose the last commits.
            engine_kwargs.update(sqlite_engine_options(url))
        self.engine = sa.create_engine(url, **engine_kwargs)
        if sqlite:
            sa.event.listen(self.engine, "connect", sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        logger.info(
            "CompactingSQLTrackerStore: compaction after %s events a session, retries for %.0f s",
            self.max_session_events,
            self.retry_seconds,
        )

    async def _with_retries(self, what: str, sender_id: str, call):
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.25
        while True:
            try:
                return await call()
            except sa.exc.DBAPIError as exc:
                transient = (
                    isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError)) or exc.connection_invalidated
                )
                if not transient or time.monotonic() + delay > deadline:
                    note_failure(f"tracker store {what} failed: {type(exc).__name__}", retrieve=(what == "read"))
                    logger.error(
                        "Tracker store: could not %s the conversation %s: %s",
                        what,
                        sender_id,
                        str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                    )
                    raise
                logger.warning("Tracker store: %s failed (%s), retrying in %.2f s", what, type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        parent = super()._retrieve
        return await self._with_retries("read", sender_id, lambda: parent(sender_id, fetch_events_from_all_sessions))

    def _fingerprint_now(self, sender_id: str) -> tuple:
        """(number of events, latest event id) of a conversation: changes with any insert or delete."""
        with self.session_scope() as session:
            count, latest = (
                session.query(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id))
                .filter(self.SQLEvent.sender_id == sender_id)
                .one()
            )
            return int(count or 0), latest

    async def _fingerprint(self, sender_id: str) -> tuple:
        async def call():
            return self._fingerprint_now(sender_id)

        return await self._with_retries("read", sender_id, call)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        cached = self._cache.pop(sender_id, None)  # a turn owns the tracker until it saves it
        if cached is not None and await self._fingerprint(sender_id) == cached[0]:
            self.cache_hits += 1
            return cached[1]
        return await super().retrieve(sender_id)

    @staticmethod
    def _loads_as_is(tracker: DialogueStateTracker) -> bool:
        """True when the tracker holds exactly what the database would load: the events from its
        only session start on (a new conversation's tracker also holds the `action_session_start`
        before it, which the database does not load; its next turn goes to the database)."""
        starts = [i for i, e in enumerate(tracker.events) if isinstance(e, SessionStarted)]
        return not starts or starts == [0]

    async def create_tracker(self, sender_id: str, append_action_listen: bool = True) -> DialogueStateTracker:
        tracker = await super().create_tracker(sender_id, append_action_listen)
        self._cache.pop(sender_id, None)  # the caller goes on with this tracker: it must not stay cached
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        turn = current_turn()
        if turn is not None and turn.retrieve_failed and turn.sender_id == tracker.sender_id:
            # the conversation could not be read, so this tracker is not the real one: saving it
            # would write a stray new session into the real conversation
            raise RuntimeError("the conversation could not be read this turn; not saving a partial tracker")
        self._cache.pop(tracker.sender_id, None)
        compacted = should_compact(tracker, self.max_session_events)
        if compacted:
            n = compact(tracker)
            logger.debug("Tracker store: compacted %s (%s events added)", tracker.sender_id, n)
        parent = super().save
        await self._with_retries("save", tracker.sender_id, lambda: parent(tracker))
        if self.cache_size > 0 and not compacted and self._loads_as_is(tracker):
            self._cache[tracker.sender_id] = (await self._fingerprint(tracker.sender_id), tracker)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
