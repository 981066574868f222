"""One case on request: export everything stored about it, or delete it with everything that
belongs to it (the rule is described in bot/records/retention.py). Both are audited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import DateTime, select, text, tuple_
from sqlalchemy.engine import Connection

from bot.records import caseref
from bot.records import store as records
from bot.records.retention_tables import (
    KEEP_ON_DELETE,
    TRACKER_TABLE,
    RetentionError,
    _actor,
    _audit,
    _delete_keys,
    _epoch,
    _fks,
    _key,
    _metadata,
    _tracker_exists,
    table_roles,
)

CONVERSATION_MARGIN = dt.timedelta(minutes=5)
SPANS_PER_QUERY = 200


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
