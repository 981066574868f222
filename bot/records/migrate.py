"""The records schema through Alembic: `migrate(url)` brings a database to the newest revision
in migrations/. It is one explicit step, taken once at start-up: by the action server (actions/),
by `python -m bot.records.migrate` (a deployment's migrate job), and by the test fixtures that
make a database. Opening a database (bot.records.store.get_engine) never changes its schema.
This module imports bot.records.store, never the other way round.

- An empty database gets every revision in order; an older one gets the revisions it lacks.
- One process migrates a database at a time: a lock file beside a SQLite file, an advisory
  lock on PostgreSQL. The others wait, then find the database already at head.
- A database already at head costs one small query (no Alembic environment is loaded).
- Rasa's tracker store keeps its `events` table in the same database: never touched here.
- A model table that no revision creates yet (a model added since the last revision) is
  created as a stopgap, with a warning, so work on a new model is not blocked; the
  migration test fails until a revision for it is written.
"""

from __future__ import annotations

import fcntl
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from bot.records import store as records
from bot.settings import ROOT

log = logging.getLogger(__name__)
VERSION_TABLE = "alembic_version"
TRACKER_TABLES = ("events",)  # Rasa's SQL tracker store
PG_LOCK_KEY = zlib.crc32(b"neglect-assistant-migrations")  # one advisory lock id for this schema


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """The Alembic config of this repository; with a connection, Alembic runs on it."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["configure_logger"] = False
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision id."""
    heads = _script().get_heads()
    if len(heads) != 1:
        raise RuntimeError(
            f"migrations/ has {len(heads)} heads ({', '.join(heads)}): merge them " "with `alembic merge heads`"
        )
    return heads[0]


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


def current(conn_or_engine: Connection | Engine) -> str | None:
    """The revision a database is at (None: never migrated)."""
    if isinstance(conn_or_engine, Engine):
        with conn_or_engine.connect() as conn:
            return current(conn)
    if not inspect(conn_or_engine).has_table(VERSION_TABLE):
        return None
    rows = conn_or_engine.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"the database is at several revisions ({', '.join(rows)})")
    return rows[0] if rows else None


def upgrade(engine: Engine, revision: str = "head", stopgap: bool = True) -> str | None:
    """Migrates the database to `revision` (default: the newest) and returns the revision reached.
    stopgap: also create model tables that no revision creates yet (see the module's doc)."""
    target = head() if revision == "head" else revision
    with engine.connect() as conn:
        at = current(conn)
    if at == target and not stopgap:
        return at
    if at == target and _all_tables_present(engine):
        return at
    with _migration_lock(engine) as conn:
        command.upgrade(alembic_config(connection=conn), revision)
        if revision == "head" and stopgap:
            _stopgap_tables(conn)
        conn.commit()
        at = current(conn)
    log.info("records database at revision %s", at)
    return at


def downgrade(engine: Engine, revision: str) -> str | None:
    """Back to an earlier revision ("base": no tables of ours). For tests and recovery."""
    with _migration_lock(engine) as conn:
        command.downgrade(alembic_config(connection=conn), revision)
        conn.commit()
        return current(conn)


def migrate(url: str | None = None) -> str | None:
    """The one explicit migration step: the database of `url` (default: DATABASE_URL) brought to
    the newest revision; returns the revision reached."""
    return upgrade(records.get_engine(url))


def _all_tables_present(engine: Engine) -> bool:
    records.import_models()
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
    return all(t in present for t in records.Base.metadata.tables)


def _stopgap_tables(conn: Connection) -> None:
    records.import_models()
    present = set(inspect(conn).get_table_names())
    missing = [t for t in records.Base.metadata.sorted_tables if t.name not in present]
    if missing:
        log.warning(
            "no migration creates the table(s) %s yet: created from the models for now. Write a revision: "
            "alembic revision --autogenerate -m '...'",
            ", ".join(t.name for t in missing),
        )
        records.Base.metadata.create_all(conn, tables=missing)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection held under the lock that keeps other processes from migrating at the same time."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        path = url.database
        if path and path != ":memory:" and not path.startswith("file:"):
            lock_path = Path(path).with_name(Path(path).name + ".migrate-lock")
            with open(lock_path, "a+") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    with engine.connect() as conn:
                        yield conn
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)
            return
        with engine.connect() as conn:
            yield conn
        return
    with engine.connect() as conn:
        if url.get_backend_name() == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_LOCK_KEY})
            conn.commit()
            try:
                yield conn
            finally:
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                conn.commit()
        else:
            yield conn


def main() -> int:
    """python -m bot.records.migrate: upgrade the database of DATABASE_URL and print its revision."""
    at = migrate()
    print(f"records database at revision {at} (head {head()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
