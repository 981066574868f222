"""The one durable record: users, cases, checks and answers, and the audit log.

SQLAlchemy 1.4 used in its 2.0 style (future engines and sessions, `select()`).
SQLite by default, PostgreSQL when DATABASE_URL says so.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, declarative_base, relationship
from sqlalchemy.pool import QueuePool

from bot.settings import get_settings

Base = declarative_base()
ROLES = ("practitioner", "supervisor", "trainee")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id = Column(Integer, primary_key=True)
    channel = Column(String(40), nullable=False)
    external_id = Column(String(200), nullable=False)
    role = Column(String(20), nullable=False, default="practitioner")
    team = Column(String(100))
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Case(Base):
    """A case by the pseudonymous reference its practitioner chose; never a name."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("owner_id", "reference"),)
    id = Column(Integer, primary_key=True)
    reference = Column(String(40), nullable=False)
    owner_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    profile = Column(String(40), nullable=False, default="default")
    created_at = Column(DateTime, nullable=False, default=utcnow)
    owner = relationship(User)


class Check(Base):
    """A guided check. It has no case until the practitioner gives a reference (question 2)."""

    __tablename__ = "checks"
    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"))
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    status = Column(String(20), nullable=False, default="active")  # active, paused, stopped, complete
    level = Column(String(30))
    summary = Column(Text)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    case = relationship(Case)
    answers = relationship("Answer", order_by="Answer.id", back_populates="check")


class Answer(Base):
    """One answer as given. Going back marks it superseded rather than deleting it."""

    __tablename__ = "answers"
    id = Column(Integer, primary_key=True)
    check_id = Column(Integer, ForeignKey("checks.id"), nullable=False, index=True)
    question_id = Column(String(80), nullable=False)
    value = Column(String(200))  # the normalised answer (yes, no, unsure, skipped, a band, months)
    text = Column(Text)  # what was typed, with personal details scrubbed
    superseded = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    check = relationship(Check, back_populates="answers")


class AuditEvent(Base):
    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    case_id = Column(Integer, ForeignKey("cases.id"))
    event = Column(String(60), nullable=False)
    detail = Column(Text)


# Modules that add tables to Base (each walkthrough keeps its models beside its service).
# They are imported before the schema is created, so one database holds every record.
MODEL_MODULES = ("bot.records.supervision_models", "bot.records.training_models")

_engines: dict[str, Engine] = {}


def import_models() -> None:
    """Imports the modules that add tables to Base, so that Base.metadata holds every table."""
    import importlib

    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


_import_models = import_models  # the older, private name
_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """One engine per database URL. Opening a database does not change its schema: that is one
    explicit step, bot.records.migrate.migrate(url), taken at start-up (the action server, the
    command `python -m bot.records.migrate`, the test fixtures)."""
    url = url or get_settings().database_url
    with _lock:
        if url not in _engines:
            parsed = make_url(url)
            kwargs: dict = {"future": True, "pool_pre_ping": True}
            if parsed.get_backend_name() == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                kwargs.update(sqlite_engine_options(parsed))
            engine = create_engine(url, **kwargs)
            if parsed.get_backend_name() == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[url] = engine
        return _engines[url]


# -- SQLite only (never PostgreSQL, which production runs: deploy/) -----------------------------
# Issue 23: a turn commits twice to the SQLite file (Rasa's tracker store, rasa_ext/tracker_store.py,
# and a records unit of work here), and both engines share these settings.
# - A pool that keeps connections open. SQLAlchemy 1.4 gives a SQLite file a NullPool: a new
#   connection for every unit of work, and when the last one closes SQLite checkpoints the WAL
#   into the database and deletes it, so the next commit creates and syncs a new one. That churn,
#   not the commit, was most of a save (scripts/profile_commit.py: docs/performance.md).
#   QueuePool is what SQLAlchemy 2.0 gives a SQLite file.
# - journal_mode=WAL with synchronous=NORMAL: a commit is written to the WAL without waiting for
#   an fsync; the WAL is synced at each checkpoint. A committed turn survives a crash or kill of
#   any process (the fault test kills them); only an OS crash or a power cut can lose the last
#   commits before a checkpoint (never corrupt the file). synchronous=FULL would sync every commit.
# - a 30 s busy timeout: the Rasa instances and the action server write to the same file.
# - secure_delete: a deleted or overwritten row is zeroed, not left in the file's free pages
#   (issue 20: every stored byte is scanned; nothing unscrubbed is written, this is a safeguard).
def sqlite_engine_options(url) -> dict:
    """create_engine keyword arguments for a SQLite URL (an in-memory database keeps SQLAlchemy's
    own pool: its one connection is the database)."""
    options: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:" and "mode=memory" not in str(parsed):
        options["poolclass"] = QueuePool
    return options


def sqlite_pragmas(dbapi_conn, _record) -> None:
    """Set on every new SQLite connection (an engine "connect" listener): see above."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


_sqlite_pragmas = sqlite_pragmas  # the older, private name


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A unit of work: committed when the block ends, rolled back on an error."""
    session = Session(get_engine(url), future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def get_or_create_user(session: Session, channel: str, external_id: str, role: str = "practitioner") -> User:
    user = session.execute(
        select(User).where(User.channel == channel, User.external_id == external_id)
    ).scalar_one_or_none()
    if user is None:
        user = User(channel=channel, external_id=external_id, role=role if role in ROLES else "practitioner")
        session.add(user)
        session.flush()
    return user


def get_or_create_case(session: Session, owner: User, reference: str, profile: str) -> Case:
    case = find_case(session, owner, reference)
    if case is None:
        case = Case(reference=reference, owner_id=owner.id, profile=profile)
        session.add(case)
        session.flush()
    return case


def find_case(session: Session, owner: User, reference: str) -> Case | None:
    from bot.records.caseref import normalise

    return session.execute(
        select(Case).where(Case.owner_id == owner.id, Case.reference == normalise(reference))
    ).scalar_one_or_none()


@dataclass(frozen=True)
class CaseActivity:
    """A case of the user's and the last thing done under it: a check or a supervision
    session (kind) and its status, or nothing yet (kind None)."""

    reference: str
    kind: str | None
    status: str | None
    at: dt.datetime


def case_activity(channel: str, external_id: str, url: str | None = None) -> list[CaseActivity]:
    """The user's own cases, most recently active first ("my cases"). The supervision sessions
    are read through their table (a module of MODEL_MODULES adds it): this module imports none
    of the modules that build on it."""
    import_models()
    kinds = [("check", Check.__table__), ("supervision", Base.metadata.tables.get("supervision_sessions"))]
    with session_scope(url) as s:
        user = s.execute(
            select(User).where(User.channel == channel, User.external_id == external_id)
        ).scalar_one_or_none()
        if user is None:
            return []
        out = []
        for case in s.execute(select(Case).where(Case.owner_id == user.id)).scalars():
            last: CaseActivity = CaseActivity(case.reference, None, None, case.created_at)
            for kind, table in kinds:
                if table is None:
                    continue
                row = s.execute(
                    select(table.c.status, table.c.updated_at)
                    .where(table.c.case_id == case.id, table.c.status != "merged")
                    .order_by(table.c.updated_at.desc(), table.c.id.desc())
                ).first()
                if row is not None and (last.kind is None or row.updated_at > last.at):
                    last = CaseActivity(case.reference, kind, row.status, row.updated_at)
            out.append(last)
        return sorted(out, key=lambda a: a.at, reverse=True)


def audit(
    session: Session, event_name: str, detail: str = "", user: User | None = None, case: Case | None = None
) -> None:
    session.add(
        AuditEvent(
            event=event_name, detail=detail, user_id=user.id if user else None, case_id=case.id if case else None
        )
    )
