"""A case's chronology from the records of this assistant: checks and the levels they
suggested, reflective supervision sessions (with drift warnings), actions agreed, done,
dropped or overdue, and immediate-danger answers, in date order.

It is a start, not the whole chronology: the guidance asks for a dated record of the
significant events in the child's life from every source (knowledge item `chronology`);
the text says so. Supervision records are read through bot/records/supervision_models.py when that
module is installed; without it the chronology has the checks only, and says so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.texts import has, say
from bot.records.store import AuditEvent, Case, Check
from bot.walks.check_plan import SKIPPED

# order of entries that share a time: what happened before what it led to
ORDER = {
    "case_opened": 0,
    "emergency": 1,
    "check": 2,
    "check_unfinished": 2,
    "session": 3,
    "session_unfinished": 3,
    "action_agreed": 4,
    "action_done": 5,
    "action_dropped": 5,
    "action_overdue": 6,
}


def words_for(group: str, value: str) -> str:
    """A stored value in words ('same' -> 'no real change'); the value itself when it has none."""
    key = f"reports.chronology.{group}.{value}"
    return say(key) if has(key) else value


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str  # a key of ORDER
    text: str
    record: str = ""  # "check 3", "session 2", "action 5"


def supervision_models():
    """bot.records.supervision_models, or None while it is not installed."""
    try:
        from bot.records import supervision_models
    except ImportError:
        return None
    return supervision_models


def theme_names(kb: KnowledgeBase) -> dict[str, str]:
    try:
        from bot.walks.supervision import load_content

        return {t.id: t.name for t in load_content(kb).themes.values()}
    except Exception:  # noqa: BLE001 - names are a nicety: ids are shown instead
        return {}


def level_words(kb: KnowledgeBase, level: str | None) -> str:
    """The council's own name for a level, with the national name when the two differ."""
    if not level:
        return say("reports.chronology.no_level")
    item = kb.items.get(level)
    name = getattr(item, "name", level.replace("_", " "))
    label = kb.profile.level_labels.get(level)
    if not label:
        return name
    short = name.split(" (")[0]
    return label if short.lower() in label.lower() else f"{label} ({short.lower()})"


def check_time(check: Check) -> dt.datetime:
    """When a check was answered: its last live answer (the clock the check service used)."""
    live = [a.created_at for a in check.answers if not a.superseded]
    return max(live) if live else check.started_at


def case_entries(s: Session, case: Case, kb: KnowledgeBase, today: dt.date) -> list[Entry]:
    out: list[Entry] = []
    checks = s.execute(select(Check).where(Check.case_id == case.id).order_by(Check.started_at, Check.id)).scalars()
    for chk in checks:
        answers = {a.question_id: a.value for a in chk.answers if not a.superseded}
        if chk.status == "complete":
            scale = answers.get("q_scale")
            shown = say("reports.chronology.your_scale", scale=scale) if scale not in (None, "", SKIPPED) else ""
            out.append(
                Entry(
                    check_time(chk),
                    "check",
                    say("reports.chronology.check_completed", level=level_words(kb, chk.level), scale=shown),
                    f"check {chk.id}",
                )
            )
        else:
            out.append(
                Entry(
                    chk.started_at,
                    "check_unfinished",
                    say(
                        "reports.chronology.check_unfinished_" + ("one" if len(answers) == 1 else "many"),
                        status=words_for("status", chk.status),
                        n=len(answers),
                    ),
                    f"check {chk.id}",
                )
            )
    for ev in s.execute(
        select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.event == "emergency_answer")
    ).scalars():
        out.append(Entry(ev.at, "emergency", say("reports.chronology.emergency")))
    sm = supervision_models()
    if sm is not None:
        out += _supervision_entries(s, case, kb, today, sm)
    first = min([e.at for e in out] + [case.created_at])
    out.append(Entry(first, "case_opened", say("reports.chronology.case_opened", ref=case.reference)))
    return sorted(out, key=lambda e: (e.at, ORDER.get(e.kind, 9)))


def _supervision_entries(s: Session, case: Case, kb: KnowledgeBase, today: dt.date, sm) -> list[Entry]:
    out: list[Entry] = []
    names = theme_names(kb)
    sessions = s.execute(
        select(sm.SupervisionSession)
        .where(sm.SupervisionSession.case_id == case.id)
        .order_by(sm.SupervisionSession.started_at, sm.SupervisionSession.id)
    ).scalars()
    for sess in sessions:
        rec = f"session {sess.id}"
        if sess.status != "complete":
            if sess.status == "merged":
                continue
            out.append(
                Entry(
                    sess.started_at,
                    "session_unfinished",
                    say("reports.chronology.session_unfinished", status=words_for("status", sess.status)),
                    rec,
                )
            )
            continue
        parts = [say("reports.chronology.session")]
        taken = [t for t in (sess.themes or "").split(",") if t]
        discussed = {r.theme_id for r in sess.reflections if r.theme_id and not r.superseded}
        themes = [names.get(t, t.replace("_", " ")) for t in taken if t in discussed]
        if themes:
            parts.append(say("reports.chronology.session_themes", themes=", ".join(t.lower() for t in themes)))
        if sess.change:
            parts.append(say("reports.chronology.session_change", change=words_for("change", sess.change)))
        text = parts[0] + (" (" + "; ".join(parts[1:]) + ")" if len(parts) > 1 else "") + "."
        flags = json.loads(sess.drift_flags) if sess.drift_flags else []
        if flags:
            text += say("reports.chronology.drift_warning", flags=" ".join(flags))
        out.append(Entry(sess.started_at, "session", text, rec))  # before the actions agreed in it
    actions = s.execute(
        select(sm.AgreedAction)
        .where(sm.AgreedAction.case_id == case.id)
        .order_by(sm.AgreedAction.created_at, sm.AgreedAction.id)
    ).scalars()
    for a in actions:
        if a.status == "draft":
            continue
        rec = f"action {a.id}"
        due = (
            say("reports.chronology.by_date", date=f"{a.due_date.day} {a.due_date:%b %Y}")
            if a.due_date
            else say("reports.chronology.no_date")
        )
        owner = a.owner or say("reports.chronology.no_owner")
        agreed = say("reports.chronology.action_agreed", what=a.what, owner=owner, due=due)
        out.append(Entry(a.created_at, "action_agreed", agreed, rec))
        if a.status == "done":
            out.append(
                Entry(
                    a.completed_at or a.reviewed_at or a.created_at,
                    "action_done",
                    say("reports.chronology.action_done", what=a.what),
                    rec,
                )
            )
        elif a.status == "dropped":
            out.append(
                Entry(
                    a.reviewed_at or a.created_at,
                    "action_dropped",
                    say("reports.chronology.action_dropped", what=a.what),
                    rec,
                )
            )
        elif a.status == "open" and a.due_date and a.due_date < today:
            out.append(
                Entry(
                    dt.datetime.combine(a.due_date, dt.time(23, 59)),
                    "action_overdue",
                    say(
                        "reports.chronology.action_overdue",
                        what=a.what,
                        due=f"{a.due_date.day} {a.due_date:%b %Y}",
                        days=(today - a.due_date).days,
                    ),
                    rec,
                )
            )
    return out


def chronology_text(
    case: Case,
    entries: list[Entry],
    kb: KnowledgeBase,
    now: dt.datetime,
    owner: str | None = None,
    supervision: bool = True,
) -> str:
    head = say("reports.chronology.title", ref=case.reference)
    if owner:
        head += say("reports.chronology.practitioner", owner=owner)
    lines = [head, say("reports.chronology.from_records", date=f"{now.day} {now:%b %Y}", n=len(entries))]
    if not supervision:
        lines.append(say("reports.chronology.no_supervision"))
    lines.append("")
    for e in entries:
        rec = f" [{e.record}]" if e.record else ""
        lines.append(f"{e.at.day:2d} {e.at:%b %Y}  {e.text}{rec}")
    item = kb.items.get("chronology")
    if item is not None:
        lines += [
            "",
            say("reports.chronology.why", source=kb.cite_item(item)),
        ]
    return "\n".join(lines)
