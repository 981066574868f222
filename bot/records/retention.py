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
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, DateTime, Table, and_, inspect, or_, select, text, tuple_
from sqlalchemy.engine import Connection

from bot.records import caseref
from bot.records import store as records
from bot.settings import get_settings

OWNER_TABLES = ("users", "cases")
KEEP_ON_DELETE = ("audit_log",)  # rows kept, link cleared, when the row they point at is deleted
TRACKER_TABLE = "events"  # Rasa's SQL tracker store
CONVERSATION_MARGIN = dt.timedelta(minutes=5)
CHUNK = 500
SPANS_PER_QUERY = 200


class RetentionError(Exception):
    """A request that cannot be carried out (no such case, a bad number of days)."""


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


# -- which table plays which part --------------------------------------------------------------
def _metadata():
    records._import_models()
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


def _delete_keys(conn: Connection, t: Table, keys: Iterable[tuple]) -> int:
    pk = list(t.primary_key.columns)
    keys, n = list(keys), 0
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i : i + CHUNK]
        cond = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        n += conn.execute(t.delete().where(cond)).rowcount or 0
    return n


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


def _tracker_exists(conn: Connection) -> bool:
    return inspect(conn).has_table(TRACKER_TABLE)


def _epoch(when: dt.datetime) -> float:
    return when.replace(tzinfo=dt.timezone.utc).timestamp()


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


# -- one case: export and delete -------------------------------------------------------------------
@dataclass
class CaseRecords:
    user: dict
    case: dict
    rows: dict[str, list[dict]]  # table -> rows that belong to the case (checks, answers, ...)
    audit: list[dict]  # audit rows that name the case
    conversation: list[dict]  # the owner's tracker events during the case's checks
    spans: list[tuple[float, float]]  # when the case was talked about (epoch seconds)


def _plain(row) -> dict:
    return {k: (v.isoformat() if isinstance(v, (dt.datetime, dt.date)) else v) for k, v in row._mapping.items()}


def _find_case(conn: Connection, md, channel: str, external_id: str, reference: str):
    users, cases = md.tables["users"], md.tables["cases"]
    user = conn.execute(select(users).where(users.c.channel == channel, users.c.external_id == external_id)).first()
    ref = caseref.normalise(reference)
    case = None
    if user is not None:
        case = conn.execute(select(cases).where(cases.c.owner_id == user.id, cases.c.reference == ref)).first()
    if case is None:
        raise RetentionError(f"no case {ref} belongs to user {external_id!r} on channel {channel!r}")
    return user, case


def _collect(conn: Connection, md, roles: dict[str, str], case) -> dict[str, dict[tuple, Any]]:
    """Rows that point at the case, directly or through other collected rows (table -> pk -> row)."""
    cases = md.tables["cases"]
    found: dict[str, dict[tuple, Any]] = {"cases": {(case.id,): case}}
    changed = True
    while changed:
        changed = False
        for t in md.sorted_tables:
            if t.name in KEEP_ON_DELETE or roles[t.name] == "owner" and t is not cases:
                continue
            pk = list(t.primary_key.columns)
            for cols, ref, rcols in _fks(t):
                parents = found.get(ref.name)
                if not parents:
                    continue
                values = {tuple(p._mapping[c.name] for c in rcols) for p in parents.values()}
                cond = cols[0].in_([v[0] for v in values]) if len(cols) == 1 else tuple_(*cols).in_(list(values))
                for r in conn.execute(select(t).where(cond)).fetchall():
                    key = _key(r, pk)
                    bucket = found.setdefault(t.name, {})
                    if key not in bucket:
                        bucket[key] = r
                        changed = True
    return found


SPAN_COLUMNS = ("started_at", "updated_at")  # a walkthrough's record: the chat ran between the two


def _spans(found: dict, md) -> list[tuple[float, float]]:
    """When the case was being talked about, as merged (start, end) epoch spans: from start
    to last update of each walkthrough record (a check, a session, an attempt), and a few
    minutes around every other time stamp of the case's rows (answers, reflections)."""
    raw = []
    for name, bucket in found.items():
        cols = [c.name for c in md.tables[name].columns if isinstance(c.type, DateTime)]
        for row in bucket.values():
            values = {c: row._mapping[c] for c in cols if row._mapping[c] is not None}
            if all(c in values for c in SPAN_COLUMNS):
                raw.append((min(values[c] for c in SPAN_COLUMNS), max(values[c] for c in SPAN_COLUMNS)))
                values = {c: v for c, v in values.items() if c not in SPAN_COLUMNS}
            raw.extend((v, v) for v in values.values())
    merged: list[list[float]] = []
    for a, b in sorted((_epoch(a - CONVERSATION_MARGIN), _epoch(b + CONVERSATION_MARGIN)) for a, b in raw):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _in_spans(spans) -> tuple[str, dict]:
    """A SQL condition on the tracker's `timestamp` for the spans, and its parameters."""
    parts = [f"(timestamp >= :a{i} AND timestamp <= :b{i})" for i in range(len(spans))]
    params = {f"a{i}": a for i, (a, _) in enumerate(spans)} | {f"b{i}": b for i, (_, b) in enumerate(spans)}
    return "(" + " OR ".join(parts) + ")", params


def _conversation(conn: Connection, sender: str, spans) -> list[dict]:
    if not spans or not _tracker_exists(conn):
        return []
    rows = []
    for i in range(0, len(spans), SPANS_PER_QUERY):
        cond, params = _in_spans(spans[i : i + SPANS_PER_QUERY])
        rows += conn.execute(
            text(f"SELECT id, type_name, timestamp, data FROM {TRACKER_TABLE} " f"WHERE sender_id = :s AND {cond}"),
            {"s": sender, **params},
        ).fetchall()
    rows.sort(key=lambda r: r.id)
    out = []
    for r in rows:
        try:
            data = json.loads(r.data or "{}")
        except ValueError:
            data = {}
        at = dt.datetime.fromtimestamp(r.timestamp or 0, dt.timezone.utc).replace(tzinfo=None).isoformat()
        out.append(
            {
                "event_id": r.id,
                "type": r.type_name,
                "at": at,
                **({"text": data.get("text")} if r.type_name in ("user", "bot") else {}),
            }
        )
    return out


def case_records(
    channel: str, external_id: str, reference: str, db_url: str | None = None, conn: Connection | None = None
) -> CaseRecords:
    md = _metadata()
    roles = table_roles(md)
    if conn is None:
        with records.get_engine(db_url).connect() as c:
            return case_records(channel, external_id, reference, conn=c)
    user, case = _find_case(conn, md, channel, external_id, reference)
    found = _collect(conn, md, roles, case)
    audit_t = md.tables["audit_log"]
    audit_rows = conn.execute(select(audit_t).where(audit_t.c.case_id == case.id).order_by(audit_t.c.id)).fetchall()
    spans = _spans(found, md)
    rows = {name: [_plain(r) for _, r in sorted(bucket.items())] for name, bucket in found.items() if name != "cases"}
    return CaseRecords(
        _plain(user),
        _plain(case),
        rows,
        [_plain(r) for r in audit_rows],
        _conversation(conn, external_id, spans),
        spans,
    )


def export_case(
    channel: str, external_id: str, reference: str, db_url: str | None = None, actor: str | None = None
) -> dict:
    """Everything stored about one case, as a JSON-ready dict. The export is audited."""
    engine = records.get_engine(db_url)
    with engine.begin() as conn:
        recs = case_records(channel, external_id, reference, conn=conn)
        now = records.utcnow()
        counts = {name: len(rows) for name, rows in recs.rows.items()}
        _audit(
            conn,
            "case_exported",
            f"case {recs.case['reference']} exported by {_actor(actor)}: " + _counts(counts, len(recs.conversation)),
            user_id=recs.user["id"],
            case_id=recs.case["id"],
            at=now,
        )
    return {
        "exported_at": now.isoformat(),
        "case": recs.case,
        "owner": {"channel": recs.user["channel"], "user_id": recs.user["external_id"]},
        "records": recs.rows,
        "audit_log": recs.audit,
        "conversation": recs.conversation,
        "note": "Answers were scrubbed of personal details before they were stored. The conversation is "
        "Rasa's record of the chat while the case's checks ran.",
    }


def delete_case(
    channel: str, external_id: str, reference: str, db_url: str | None = None, actor: str | None = None
) -> dict[str, int]:
    """Deletes a case and everything that belongs to it, in one transaction; audited.
    Returns table -> rows deleted."""
    md = _metadata()
    roles = table_roles(md)
    engine = records.get_engine(db_url)
    with engine.begin() as conn:
        user, case = _find_case(conn, md, channel, external_id, reference)
        found = _collect(conn, md, roles, case)
        spans = _spans(found, md)
        deleted: dict[str, int] = {}
        # links from kept rows (the audit log) are cleared first
        for t in md.sorted_tables:
            if t.name not in KEEP_ON_DELETE:
                continue
            for cols, ref, _rcols in _fks(t):
                keys = list(found.get(ref.name, {}))
                if keys and len(cols) == 1 and cols[0].nullable:
                    conn.execute(t.update().where(cols[0].in_([k[0] for k in keys])).values({cols[0].name: None}))
        for t in reversed(md.sorted_tables):
            if found.get(t.name):
                deleted[t.name] = _delete_keys(conn, t, found[t.name])
        if spans and _tracker_exists(conn):
            deleted[TRACKER_TABLE] = 0
            for i in range(0, len(spans), SPANS_PER_QUERY):
                cond, params = _in_spans(spans[i : i + SPANS_PER_QUERY])
                deleted[TRACKER_TABLE] += (
                    conn.execute(
                        text(f"DELETE FROM {TRACKER_TABLE} WHERE sender_id = :s AND {cond}"),
                        {"s": external_id, **params},
                    ).rowcount
                    or 0
                )
        detail = f"case {case.reference} deleted on request by {_actor(actor)}: " + ", ".join(
            f"{n} from {t}" for t, n in sorted(deleted.items())
        )
        _audit(conn, "case_deleted", detail, user_id=user.id)
    return deleted


def _counts(counts: dict[str, int], conversation: int) -> str:
    parts = [f"{n} {t}" for t, n in sorted(counts.items())]
    return ", ".join(parts + [f"{conversation} conversation events"])


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
