"""Records and reports: the summary of any check or session, the chronology, the distance
travelled (with its chart) and the supervisor overview, for the chat and the command line.

Who sees what: every user sees the cases they own. A supervisor (users.role) also sees
the cases of every user in their team (users.team). Nobody else sees another
practitioner's case: a reference that is not visible is answered as "not found", whether
or not it exists. Every report is written to the audit log with who asked for it.

Channel-neutral like the walkthroughs: methods take the user's (channel, id) and return
bot.walks.replies.Reply objects; the command line (bot/cli/reports.py) uses the same methods.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase, get_kb
from bot.knowledge.texts import say
from bot.records import caseref
from bot.records import store as records
from bot.records.store import Case, Check, User
from bot.reports.access import (
    ReportError,
    _day,
    can_see,
    find_user,
    is_supervisor,
    list_users,
    owner_label,
    set_role,
    visible_cases,
)
from bot.reports.chronology import case_entries, check_time, chronology_text, supervision_models
from bot.reports.overview import CaseStatus, Overview
from bot.settings import get_settings
from bot.walks.replies import Button, Reply

# the names callers import from here (actions/records.py, bot/cli/reports.py, the tests); who
# sees what is bot/reports/access.py, the overview bot/reports/overview.py
__all__ = [
    "CaseStatus",
    "RecordRef",
    "ReportError",
    "Reports",
    "can_see",
    "find_user",
    "is_supervisor",
    "list_users",
    "owner_label",
    "parse_record",
    "set_role",
    "summarised_records",
    "visible_cases",
]

V = "reports.views."  # the texts in replies/reports.yml
E = V + "export."
RECORD_RE = re.compile(r"\b(check|session)[\s_-]*(\d+)\b", re.I)
MAX_LISTED = 8


# -- records of a case ---------------------------------------------------------------------
@dataclass(frozen=True)
class RecordRef:
    kind: str  # check or session
    id: int
    at: dt.datetime
    title: str  # "Guided check of 3 Jan 2026"
    summary: str

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.id}"


def summarised_records(s: Session, case: Case, kb: KnowledgeBase) -> list[RecordRef]:
    """Completed checks and sessions of a case that have a summary, oldest first."""
    out = []
    for chk in s.execute(select(Check).where(Check.case_id == case.id, Check.status == "complete")).scalars():
        if chk.summary:
            at = check_time(chk)
            out.append(RecordRef("check", chk.id, at, say(V + "check_title", day=_day(at)), chk.summary))
    sm = supervision_models()
    if sm is not None:
        for sess in s.execute(
            select(sm.SupervisionSession).where(
                sm.SupervisionSession.case_id == case.id, sm.SupervisionSession.status == "complete"
            )
        ).scalars():
            if sess.summary:
                at = sess.ended_at or sess.started_at
                out.append(RecordRef("session", sess.id, at, say(V + "session_title", day=_day(at)), sess.summary))
    return sorted(out, key=lambda r: (r.at, r.kind, r.id))


def parse_record(text: str) -> str | None:
    """'check 3' / 'session-2' / a payload's {"record": "check-3"} -> 'check-3'."""
    m = RECORD_RE.search(text or "")
    return f"{m.group(1).lower()}-{m.group(2)}" if m else None


class Reports(Overview):
    def __init__(
        self, kb: KnowledgeBase | None = None, db_url: str | None = None, clock=None, drift_days: int | None = None
    ):
        self.kb = kb or get_kb()
        self.db_url = db_url
        self.clock = clock or records.utcnow
        self.drift_days = drift_days if drift_days is not None else get_settings().drift_days

    # -- shared ------------------------------------------------------------------------------
    def _cases(self, s: Session, viewer: User, ref: str) -> list[Case]:
        cases = visible_cases(s, viewer, ref)
        if cases:
            return cases
        mine = [c.reference for c in visible_cases(s, viewer)]
        where = say(V + "your_cases_or_team") if is_supervisor(viewer) and viewer.team else say(V + "your_cases")
        hint = (
            say(
                V + "you_can_see",
                refs=", ".join(dict.fromkeys(mine[:MAX_LISTED])),
                end=say(V + "and_more") if len(set(mine)) > MAX_LISTED else say(V + "end"),
            )
            if mine
            else say(V + "no_cases_yet")
        )
        raise ReportError(say(V + "not_found", ref=caseref.normalise(ref), where=where, hint=hint))

    def _heading(self, viewer: User, case: Case) -> str:
        return "" if case.owner_id == viewer.id else say(V + "practitioner", owner=owner_label(case.owner))

    @staticmethod
    def _case_buttons(ref: str, skip: str = "") -> tuple[Button, ...]:
        out = []
        for intent in ("case_summary", "show_chronology", "distance_travelled"):
            if intent != skip:
                title = say(f"reports.views.buttons.{intent}")
                out.append(Button(say(V + "button", title=title, ref=ref), f'/{intent}{json.dumps({"case_ref": ref})}'))
        return tuple(out)

    # -- summaries -----------------------------------------------------------------------------
    def summary(
        self, channel: str, sender: str, ref: str, record: str | None = None, create_user: bool = True
    ) -> list[Reply]:
        """The summary of the latest (or the chosen) check or session of a case, to paste."""
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create_user)
            replies: list[Reply] = []
            for case in self._cases(s, viewer, ref):
                recs = summarised_records(s, case, self.kb)
                who = self._heading(viewer, case)
                records.audit(
                    s,
                    "report_summary",
                    f"{record or 'latest'} of case {case.id} for user {viewer.id}",
                    user=viewer,
                    case=case,
                )
                if not recs:
                    unfinished = s.execute(
                        select(Check.id).where(Check.case_id == case.id, Check.status.in_(("paused", "active")))
                    ).first()
                    more = say(V + "carry_on", ref=case.reference) if unfinished else ""
                    replies.append(Reply(say(V + "no_summary", ref=case.reference, who=who, more=more)))
                    continue
                chosen = next((r for r in recs if r.key == record), None) if record else recs[-1]
                if chosen is None:
                    shown = record.replace("-", " ")
                    replies.append(Reply(say(V + "no_such_record", ref=case.reference, who=who, record=shown)))
                    chosen = recs[-1]
                replies.append(Reply(say(V + "ready", title=chosen.title, ref=case.reference, who=who)))
                replies.append(Reply(chosen.summary))
                others = [r for r in reversed(recs) if r is not chosen][:4]
                buttons = tuple(
                    Button(r.title, f'/case_summary{json.dumps({"case_ref": case.reference, "record": r.key})}')
                    for r in others
                ) + self._case_buttons(case.reference, skip="case_summary")
                n = len(recs)
                end = say(V + "earlier") if others else say(V + "end")
                count = V + ("count_many" if n != 1 else "count_one")
                replies.append(Reply(say(count, n=n, ref=case.reference, end=end), buttons))
            return replies

    def summary_records(self, channel: str, sender: str, ref: str) -> list[tuple[Case, str, list[RecordRef]]]:
        """For the export: (case, owner label, summaries oldest first) of each visible case."""
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create=False)
            return [(c, owner_label(c.owner), summarised_records(s, c, self.kb)) for c in self._cases(s, viewer, ref)]

    # -- chronology ----------------------------------------------------------------------------
    def chronology_texts(self, channel: str, sender: str, ref: str, create_user: bool = True) -> list[str]:
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create_user)
            out = []
            now = self.clock()
            for case in self._cases(s, viewer, ref):
                entries = case_entries(s, case, self.kb, now.date())
                owner = None if case.owner_id == viewer.id else owner_label(case.owner)
                out.append(chronology_text(case, entries, self.kb, now, owner, supervision_models() is not None))
                records.audit(s, "report_chronology", f"case {case.id} for user {viewer.id}", user=viewer, case=case)
            return out

    def chronology(self, channel: str, sender: str, ref: str) -> list[Reply]:
        texts = self.chronology_texts(channel, sender, ref)
        ref_u = caseref.normalise(ref)
        return [Reply(t) for t in texts] + [
            Reply(say(V + "anything_else"), self._case_buttons(ref_u, skip="show_chronology"))
        ]

    # -- distance travelled --------------------------------------------------------------------
    def distance_data(self, channel: str, sender: str, ref: str, create_user: bool = True):
        """[(case, owner label or None, comparison, text)] for each visible case with this reference."""
        from bot.reasoning import scoring

        r = scoring.rules(self.kb)
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create_user)
            out = []
            for case in self._cases(s, viewer, ref):
                checks = s.execute(select(Check).where(Check.case_id == case.id)).scalars().all()
                cmp_ = scoring.compare(scoring.case_scores(checks, self.kb, r), r)
                owner = None if case.owner_id == viewer.id else owner_label(case.owner)
                text = scoring.distance_text(
                    case.reference + (say(V + "practitioner", owner=owner) if owner else ""), cmp_, self.kb, r
                )
                out.append((case, owner, cmp_, text))
                records.audit(s, "report_distance", f"case {case.id} for user {viewer.id}", user=viewer, case=case)
            return out, r

    def distance(self, channel: str, sender: str, ref: str, chart: bool = True) -> list[Reply]:
        from bot.reports.chart import data_url, distance_chart

        data, r = self.distance_data(channel, sender, ref)
        replies = []
        for case, _owner, cmp_, text in data:
            image = None
            if chart and cmp_.checks:
                image = data_url(distance_chart(case.reference, cmp_.checks, r).png)
            replies.append(Reply(text))
            if image:
                replies.append(Reply(say(V + "chart", ref=case.reference, most=r.max), image=image))
        replies.append(
            Reply(say(V + "anything_else"), self._case_buttons(caseref.normalise(ref), skip="distance_travelled"))
        )
        return replies

    # -- export --------------------------------------------------------------------------------
    def export(self, channel: str, sender: str, ref: str, out_dir: str | Path) -> list[Path]:
        """Writes <REF>-summary.txt (summaries, distance travelled, chronology) and <REF>-chart.png."""
        from bot.reports.chart import distance_chart

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        summaries = self.summary_records(channel, sender, ref)
        data, r = self.distance_data(channel, sender, ref, create_user=False)
        chronos = self.chronology_texts(channel, sender, ref, create_user=False)
        now = self.clock()
        written = []
        several = len(summaries) > 1
        for (case, owner, recs), (_, _, cmp_, dist), chrono in zip(summaries, data, chronos, strict=False):
            stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", case.reference) + (f"-{case.owner_id}" if several else "")
            at = f"{now:%d %b %Y %H:%M}"
            parts = [
                say(E + "title", ref=case.reference),
                say(E + "exported", at=at, channel=channel, sender=sender, owner=owner),
                "",
            ]
            if recs:
                parts.append(say(E + "summaries", n=len(recs)))
                for rec in recs:
                    parts += ["", f"--- {rec.title} [{rec.kind} {rec.id}] ---", rec.summary]
            else:
                parts.append(say(E + "no_summaries"))
            parts += ["", say(E + "distance"), dist, "", say(E + "chronology"), chrono, ""]
            txt = out / f"{stem}-summary.txt"
            txt.write_text("\n".join(parts), encoding="utf-8")
            written.append(txt)
            png = out / f"{stem}-chart.png"
            distance_chart(case.reference, cmp_.checks, r).save(png)
            written.append(png)
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create=False)
            for case, _, _ in summaries:
                records.audit(
                    s,
                    "report_export",
                    f"case {case.id} for user {viewer.id}: " f"{', '.join(p.name for p in written)}",
                    user=viewer,
                    case=s.get(Case, case.id),
                )
        return written
