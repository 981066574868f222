"""Which table plays which part in the retention rule (bot/records/retention.py explains the
rule), and what purging old records and deleting a case on request share: deleting rows by key,
the tracker store's table, and writing to the audit log."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable

from sqlalchemy import Date, DateTime, Table, inspect, tuple_
from sqlalchemy.engine import Connection

from bot.records import store as records

OWNER_TABLES = ("users", "cases")
KEEP_ON_DELETE = ("audit_log",)  # rows kept, link cleared, when the row they point at is deleted
TRACKER_TABLE = "events"  # Rasa's SQL tracker store
CHUNK = 500


class RetentionError(Exception):
    """A request that cannot be carried out (no such case, a bad number of days)."""


# -- which table plays which part --------------------------------------------------------------
def _metadata():
    records.import_models()
    return records.Base.metadata


def _date_columns(table: Table) -> list:
    return [c for c in table.columns if isinstance(c.type, (DateTime, Date))]


def _fks(table: Table) -> list[tuple[list, Table, list]]:
    """(local columns, referred table, referred columns) for each foreign key of table."""
    out = []
    for fk in table.foreign_key_constraints:
        out.append((list(fk.columns), fk.referred_table, [e.column for e in fk.elements]))
    return out


def table_roles(metadata=None) -> dict[str, str]:
    """table name -> 'owner', 'content', 'link' (no date; follows the content it points at)
    or 'other' (no date and no link to content: left alone)."""
    md = metadata if metadata is not None else _metadata()
    roles: dict[str, str] = {}
    for t in md.sorted_tables:
        if t.name in OWNER_TABLES:
            roles[t.name] = "owner"
        elif _date_columns(t):
            roles[t.name] = "content"
    changed = True
    while changed:  # dateless tables that point at content (or at a link) follow it
        changed = False
        for t in md.sorted_tables:
            if t.name in roles:
                continue
            if any(roles.get(ref.name) in ("content", "link") for _, ref, _ in _fks(t)):
                roles[t.name] = "link"
                changed = True
    for t in md.sorted_tables:
        roles.setdefault(t.name, "other")
        if roles[t.name] == "owner":
            for _, ref, _ in _fks(t):
                if roles.get(ref.name) in ("content", "link"):
                    raise RetentionError(
                        f"owner table {t.name} points at content table {ref.name}: "
                        "the retention rule needs owners to point only at owners"
                    )
    return roles


# -- purge --------------------------------------------------------------------------------------
def _key(row, cols) -> tuple:
    return tuple(row._mapping[c.name] for c in cols)


def _delete_keys(conn: Connection, t: Table, keys: Iterable[tuple]) -> int:
    pk = list(t.primary_key.columns)
    keys, n = list(keys), 0
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i : i + CHUNK]
        cond = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        n += conn.execute(t.delete().where(cond)).rowcount or 0
    return n


def _tracker_exists(conn: Connection) -> bool:
    return inspect(conn).has_table(TRACKER_TABLE)


def _epoch(when: dt.datetime) -> float:
    return when.replace(tzinfo=dt.timezone.utc).timestamp()


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return f"operator {getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "operator"


def _audit(
    conn: Connection,
    event: str,
    detail: str,
    user_id: int | None = None,
    case_id: int | None = None,
    at: dt.datetime | None = None,
) -> None:
    conn.execute(
        records.AuditEvent.__table__.insert().values(
            event=event, detail=detail, user_id=user_id, case_id=case_id, at=at or records.utcnow()
        )
    )
