"""Retention: purge old records, and export or delete one case on request.

Every purge, export and deletion is written to the audit log (bot.records.store.audit_log).

The retention rule (docs/what_this_is.md says the same in plain words)
---------------------------------------------------------------------
Nothing is kept longer than RETENTION_DAYS (bot/settings.py, default 2555 days, 7 years)
after it was last touched. `purge()` applies the rule to every table in
`bot.records.store.Base.metadata`, including the tables that the modules in
`bot.records.store.MODEL_MODULES` add later, without naming them:

* **Owner tables** (`users`, `cases`: who a record belongs to and the case reference it is
  filed under) are deleted when their own dates are before the cut-off *and* no row in any
  table refers to them any more ("cases without newer records").
* **Content tables** are every other table with a date column (DateTime or Date): checks,
  answers, the audit log, supervision sessions, training attempts, ... A row is *old* when
  every date in it is before the cut-off (a check's `updated_at` keeps it alive while it
  is in use). Rows linked by a foreign key between content tables (a check and its
  answers) form one record and go together: the record is purged when every row in it is
  old. A table without a date column whose rows point at a content table (a link table)
  follows the record it points at; one that points only at owners is left alone.
* **Rasa's tracker store** (the `events` table in the same database, when it exists):
  events whose timestamp is before the cut-off are deleted.

`delete_case()` deletes, on request, a case (found by its owner and reference), every row
that refers to it directly or through other rows (checks, answers, supervision sessions,
...), and the owner's conversation turns in Rasa's tracker store while the case was being
talked about (same sender id; from the start to the last update of each check or session,
and a few minutes around every answer or reflection). Audit rows are kept, with their link
to the case cleared: the audit log is the record that the deletion happened.
`export_case()` returns the same rows as JSON, with the audit rows that name the case.

Deletion on request goes through the case's owner and reference only: the sender id is
the owner's user id on the REST channel; other channels pass theirs as `--user`.

This module purges; one case on request is bot/records/case_requests.py; which table plays
which part is bot/records/retention_tables.py. The names of all three are importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Table, and_, or_, select, text, tuple_
from sqlalchemy.engine import Connection

from bot.records import store as records
from bot.records.case_requests import CaseRecords, case_records, delete_case, export_case
from bot.records.retention_tables import (
    TRACKER_TABLE,
    RetentionError,
    _actor,
    _audit,
    _date_columns,
    _delete_keys,
    _epoch,
    _fks,
    _key,
    _metadata,
    _tracker_exists,
    table_roles,
)
from bot.settings import get_settings

# the names callers use from here (bot/cli/records.py, the tests): purge is this module's own,
# one case on request is bot/records/case_requests.py, the table roles bot/records/retention_tables.py
__all__ = [
    "TRACKER_TABLE",
    "CaseRecords",
    "PurgeReport",
    "RetentionError",
    "case_records",
    "delete_case",
    "export_case",
    "purge",
    "table_roles",
]


@dataclass
class PurgeReport:
    days: int
    cutoff: dt.datetime
    dry_run: bool
    deleted: dict[str, int] = field(default_factory=dict)  # table -> rows (would be) deleted

    @property
    def total(self) -> int:
        return sum(self.deleted.values())

    def describe(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        parts = ", ".join(f"{n} from {t}" for t, n in sorted(self.deleted.items()) if n) or "nothing"
        return f"records older than {self.days} days (before {self.cutoff:%Y-%m-%d %H:%M} UTC): {verb} {parts}"


# -- purge --------------------------------------------------------------------------------------
class _Groups:
    """Union-find over (table, primary key): rows linked by a foreign key are one record."""

    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _old(row, dates, cutoff: dt.datetime) -> bool:
    """Every date in the row is before the cut-off; a row with no dates at all counts as
    recent (nothing says it is old), except in a dateless link table (dates == [])."""
    if not dates:
        return True
    values = [row._mapping[c.name] for c in dates]
    values = [v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time()) for v in values if v is not None]
    return bool(values) and all(v < cutoff for v in values)


def _expired_content(conn: Connection, md, roles: dict[str, str], cutoff: dt.datetime) -> dict[str, set]:
    """table name -> primary keys of the rows of records in which every row is old."""
    members = [t for t in md.sorted_tables if roles[t.name] in ("content", "link")]
    links = [
        (t, cols, ref, rcols) for t in members for cols, ref, rcols in _fks(t) if roles[ref.name] in ("content", "link")
    ]
    referred: dict[str, set[tuple]] = defaultdict(set)  # table -> column tuples that others point at
    for _, _, ref, rcols in links:
        referred[ref.name].add(tuple(rcols))
    groups, old, rows_of = _Groups(), {}, {}
    index: dict[tuple, dict[tuple, tuple]] = defaultdict(dict)  # (table, cols) -> values -> node
    for t in members:
        pk = list(t.primary_key.columns)
        dates = _date_columns(t)
        wanted = pk + [c for lt, cols, _, _ in links if lt is t for c in cols] + dates
        wanted += [c for rc in referred[t.name] for c in rc]
        cols = list({c.name: c for c in wanted}.values())
        rows_of[t.name] = conn.execute(select(*cols)).fetchall()
        for r in rows_of[t.name]:
            node = (t.name, _key(r, pk))
            groups.find(node)
            old[node] = _old(r, dates, cutoff)
            for rc in referred[t.name]:
                index[(t.name, rc)][_key(r, rc)] = node
    for t, cols, ref, rcols in links:
        pk = list(t.primary_key.columns)
        lookup = index[(ref.name, tuple(rcols))]
        for r in rows_of[t.name]:
            target = lookup.get(_key(r, cols))
            if target is not None:
                groups.union((t.name, _key(r, pk)), target)
    recent = {groups.find(n) for n, is_old in old.items() if not is_old}
    out: dict[str, set] = defaultdict(set)
    for node in old:
        if groups.find(node) not in recent:
            out[node[0]].add(node[1])
    return out


def _delete_unreferenced_owners(conn: Connection, md, t: Table, cutoff: dt.datetime) -> int:
    conds = []
    for c in _date_columns(t):
        conds.append(or_(c.is_(None), c < cutoff))
    if not _date_columns(t):
        return 0
    pk = list(t.primary_key.columns)
    for other in md.sorted_tables:
        for cols, ref, rcols in _fks(other):
            if ref is not t:
                continue
            if len(cols) == 1:
                conds.append(rcols[0].not_in(select(cols[0]).where(cols[0].is_not(None))))
            else:
                conds.append(tuple_(*rcols).not_in(select(*cols)))
    ids = [tuple(r) for r in conn.execute(select(*pk).where(and_(*conds))).fetchall()]
    return _delete_keys(conn, t, ids)


def purge(
    days: int | None = None,
    *,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    db_url: str | None = None,
    actor: str | None = None,
) -> PurgeReport:
    """Deletes what the retention rule says has expired, in one transaction. A dry run does
    the same work and rolls it back, so its counts are exact."""
    days = get_settings().retention_days if days is None else int(days)
    if days < 1:
        raise RetentionError("the retention period must be at least 1 day")
    now = now or records.utcnow()
    cutoff = now - dt.timedelta(days=days)
    report = PurgeReport(days, cutoff, dry_run)
    md = _metadata()
    roles = table_roles(md)
    engine = records.get_engine(db_url)
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            expired = _expired_content(conn, md, roles, cutoff)
            for t in reversed(md.sorted_tables):  # rows that point at others go first
                if expired.get(t.name):
                    report.deleted[t.name] = _delete_keys(conn, t, expired[t.name])
            for t in reversed(md.sorted_tables):  # cases before the users they point at
                if roles[t.name] == "owner":
                    report.deleted[t.name] = _delete_unreferenced_owners(conn, md, t, cutoff)
            if _tracker_exists(conn):
                report.deleted[TRACKER_TABLE] = (
                    conn.execute(
                        text(f"DELETE FROM {TRACKER_TABLE} WHERE timestamp < :cut"), {"cut": _epoch(cutoff)}
                    ).rowcount
                    or 0
                )
            if dry_run:
                tx.rollback()
                return report
            _audit(conn, "records_purged", f"{report.describe()}; by {_actor(actor)}", at=now)
            tx.commit()
        except Exception:
            tx.rollback()
            raise
    return report
