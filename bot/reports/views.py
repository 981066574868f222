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
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase, get_kb
from bot.records import caseref
from bot.records import store as records
from bot.records.store import ROLES, Case, Check, User
from bot.reports.chronology import case_entries, check_time, chronology_text, level_words, supervision_models
from bot.settings import get_settings
from bot.walks.replies import Button, Reply

RECORD_RE = re.compile(r"\b(check|session)[\s_-]*(\d+)\b", re.I)
MAX_LISTED = 8


class ReportError(Exception):
    """A request that cannot be answered (no such user, a case that is not visible); the
    message is fit to show to the user."""


def owner_label(user: User) -> str:
    return f"{user.channel}:{user.external_id}"


def _day(d: dt.datetime | dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


# -- who sees what -------------------------------------------------------------------------
def find_user(s: Session, channel: str, external_id: str, create: bool = True) -> User:
    if create:
        return records.get_or_create_user(s, channel, external_id)
    user = s.execute(select(User).where(User.channel == channel, User.external_id == external_id)).scalar_one_or_none()
    if user is None:
        raise ReportError(f"There is no user {channel}:{external_id} in the records.")
    return user


def is_supervisor(user: User) -> bool:
    return user.role == "supervisor"


def visible_cases(s: Session, viewer: User, reference: str | None = None) -> list[Case]:
    """The cases the viewer may see (their own first), optionally with one reference."""
    q = select(Case).join(User, Case.owner_id == User.id)
    if is_supervisor(viewer) and viewer.team:
        q = q.where(or_(Case.owner_id == viewer.id, User.team == viewer.team))
    else:
        q = q.where(Case.owner_id == viewer.id)
    if reference:
        q = q.where(Case.reference == caseref.normalise(reference))
    cases = s.execute(q.order_by(Case.reference, Case.id)).scalars().all()
    return sorted(cases, key=lambda c: (c.owner_id != viewer.id, c.reference, c.id))


def can_see(viewer: User, case: Case) -> bool:
    if case.owner_id == viewer.id:
        return True
    return is_supervisor(viewer) and bool(viewer.team) and case.owner.team == viewer.team


def set_role(
    channel: str, external_id: str, role: str, team: str | None, db_url: str | None = None, clear_team: bool = False
) -> tuple[str, str | None]:
    """Sets a user's role (and team); creates the user if they have not used the assistant yet."""
    if role not in ROLES:
        raise ReportError(f"'{role}' is not a role: use one of {', '.join(ROLES)}.")
    with records.session_scope(db_url) as s:
        user = records.get_or_create_user(s, channel, external_id)
        before = (user.role, user.team)
        user.role = role
        if team is not None:
            user.team = team.strip() or None
        elif clear_team:
            user.team = None
        records.audit(
            s,
            "role_set",
            f"{owner_label(user)}: {before[0]}/{before[1] or '-'} -> {user.role}/" f"{user.team or '-'}",
            user=user,
        )
        return user.role, user.team


def list_users(db_url: str | None = None, team: str | None = None) -> list[tuple[str, str, str | None, int]]:
    """(channel:id, role, team, number of cases) of every user (or of one team)."""
    with records.session_scope(db_url) as s:
        q = select(User).order_by(User.team, User.role, User.channel, User.external_id)
        if team:
            q = q.where(User.team == team)
        out = []
        for u in s.execute(q).scalars():
            n = len(s.execute(select(Case.id).where(Case.owner_id == u.id)).all())
            out.append((owner_label(u), u.role, u.team, n))
        return out


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
            out.append(RecordRef("check", chk.id, at, f"Guided check of {_day(at)}", chk.summary))
    sm = supervision_models()
    if sm is not None:
        for sess in s.execute(
            select(sm.SupervisionSession).where(
                sm.SupervisionSession.case_id == case.id, sm.SupervisionSession.status == "complete"
            )
        ).scalars():
            if sess.summary:
                at = sess.ended_at or sess.started_at
                out.append(RecordRef("session", sess.id, at, f"Reflective supervision of {_day(at)}", sess.summary))
    return sorted(out, key=lambda r: (r.at, r.kind, r.id))


def parse_record(text: str) -> str | None:
    """'check 3' / 'session-2' / a payload's {"record": "check-3"} -> 'check-3'."""
    m = RECORD_RE.search(text or "")
    return f"{m.group(1).lower()}-{m.group(2)}" if m else None


# -- the overview --------------------------------------------------------------------------
@dataclass
class CaseStatus:
    case: Case
    owner: str
    last_activity: dt.datetime
    last_level: str | None = None
    last_level_at: dt.datetime | None = None
    scale: str | None = None
    checks: int = 0
    sessions: int = 0
    open_actions: int = 0
    overdue: list[str] = field(default_factory=list)
    drift: list[str] = field(default_factory=list)
    unfinished: int = 0

    @property
    def attention(self) -> bool:
        return bool(self.overdue or self.drift)


class Reports:
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
        where = "your cases or your team's" if is_supervisor(viewer) and viewer.team else "your cases"
        hint = (
            (
                " The cases you can see: "
                + ", ".join(dict.fromkeys(mine[:MAX_LISTED]))
                + (" and more." if len(set(mine)) > MAX_LISTED else ".")
            )
            if mine
            else " You have no cases here yet: a case is made when you give a reference in a guided check or a "
            "supervision session."
        )
        raise ReportError(f"I can't find a case {caseref.normalise(ref)} among {where}.{hint}")

    def _heading(self, viewer: User, case: Case) -> str:
        return "" if case.owner_id == viewer.id else f" (practitioner {owner_label(case.owner)})"

    @staticmethod
    def _case_buttons(ref: str, skip: str = "") -> tuple[Button, ...]:
        out = []
        for intent, title in (
            ("case_summary", "Summary"),
            ("show_chronology", "Chronology"),
            ("distance_travelled", "Distance travelled"),
        ):
            if intent != skip:
                out.append(Button(f"{title} of {ref}", f'/{intent}{json.dumps({"case_ref": ref})}'))
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
                    more = f" To carry on with a paused check, say 'resume {case.reference}'." if unfinished else ""
                    replies.append(
                        Reply(
                            f"There is no finished check or supervision session for {case.reference}"
                            f"{who} yet, so there is no summary to show.{more}"
                        )
                    )
                    continue
                chosen = next((r for r in recs if r.key == record), None) if record else recs[-1]
                if chosen is None:
                    replies.append(
                        Reply(
                            f"{case.reference}{who} has no finished {record.replace('-', ' ')}; "
                            "here is the latest summary instead."
                        )
                    )
                    chosen = recs[-1]
                replies.append(
                    Reply(f"{chosen.title} for {case.reference}{who}, ready to paste into your case " "system:")
                )
                replies.append(Reply(chosen.summary))
                others = [r for r in reversed(recs) if r is not chosen][:4]
                buttons = tuple(
                    Button(r.title, f'/case_summary{json.dumps({"case_ref": case.reference, "record": r.key})}')
                    for r in others
                ) + self._case_buttons(case.reference, skip="case_summary")
                n = len(recs)
                replies.append(
                    Reply(
                        f"{n} summar{'ies' if n != 1 else 'y'} for {case.reference}"
                        + (". Earlier ones:" if others else "."),
                        buttons,
                    )
                )
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
            Reply("Anything else for this case?", self._case_buttons(ref_u, skip="show_chronology"))
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
                    case.reference + (f" (practitioner {owner})" if owner else ""), cmp_, self.kb, r
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
                replies.append(
                    Reply(
                        f"The chart for {case.reference}: each area of care (0-{r.max}) and your 0-10 "
                        "scale at each completed check.",
                        image=image,
                    )
                )
        replies.append(
            Reply("Anything else for this case?", self._case_buttons(caseref.normalise(ref), skip="distance_travelled"))
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
            parts = [
                f"Case {case.reference}: records from the neglect practice assistant",
                f"Exported {now:%d %b %Y %H:%M} for {channel}:{sender}; practitioner {owner}. The reference is "
                "the practitioner's own: no names are stored.",
                "",
            ]
            if recs:
                parts.append(f"== Summaries ({len(recs)}, oldest first) ==")
                for rec in recs:
                    parts += ["", f"--- {rec.title} [{rec.kind} {rec.id}] ---", rec.summary]
            else:
                parts.append("== Summaries ==\nNo finished check or supervision session yet.")
            parts += ["", "== Distance travelled ==", dist, "", "== Chronology ==", chrono, ""]
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

    # -- the overview --------------------------------------------------------------------------
    def statuses(self, channel: str, sender: str, create_user: bool = True) -> tuple[User, list[CaseStatus], bool]:
        """(viewer, the status of each visible case, whether drift and actions could be read)."""
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create_user)
            now = self.clock()
            out = []
            available = supervision_models() is not None
            for case in visible_cases(s, viewer):
                out.append(self._status(s, case, now))
                if not self._drift_ready():
                    available = False
            records.audit(s, "report_overview", f"{len(out)} cases for user {viewer.id}", user=viewer)
            out.sort(key=lambda st: (not st.attention, -st.last_activity.timestamp()))
            s.expunge(viewer)
            return viewer, out, available

    def _drift_ready(self) -> bool:
        try:
            from bot.walks.supervision import load_content

            load_content(self.kb)
            return True
        except Exception:  # noqa: BLE001
            return False

    def _status(self, s: Session, case: Case, now: dt.datetime) -> CaseStatus:
        checks = (
            s.execute(select(Check).where(Check.case_id == case.id).order_by(Check.started_at, Check.id))
            .scalars()
            .all()
        )
        times = [check_time(c) for c in checks] or [case.created_at]
        st = CaseStatus(case, owner_label(case.owner), max(times))
        done = [c for c in checks if c.status == "complete"]
        st.checks, st.unfinished = len(done), sum(1 for c in checks if c.status in ("active", "paused"))
        if done:
            last = max(done, key=check_time)
            st.last_level, st.last_level_at = last.level, check_time(last)
            answers = {a.question_id: a.value for a in last.answers if not a.superseded}
            scale = answers.get("q_scale")
            st.scale = scale if scale not in (None, "", "skipped") else None
        sm = supervision_models()
        if sm is None:
            return st
        sessions = (
            s.execute(
                select(sm.SupervisionSession)
                .where(sm.SupervisionSession.case_id == case.id)
                .order_by(sm.SupervisionSession.started_at, sm.SupervisionSession.id)
            )
            .scalars()
            .all()
        )
        st.sessions = sum(1 for x in sessions if x.status == "complete")
        if sessions:
            latest = max(x.ended_at or x.updated_at or x.started_at for x in sessions)
            st.last_activity = latest if not checks else max(st.last_activity, latest)
        actions = (
            s.execute(
                select(sm.AgreedAction)
                .where(sm.AgreedAction.case_id == case.id)
                .order_by(sm.AgreedAction.created_at, sm.AgreedAction.id)
            )
            .scalars()
            .all()
        )
        today = now.date()
        st.open_actions = sum(1 for a in actions if a.status == "open")
        for a in actions:
            if a.status == "open" and a.due_date and a.due_date < today:
                st.overdue.append(
                    f"\"{a.what}\" ({a.owner or 'no owner'}), due {_day(a.due_date)}, "
                    f"{(today - a.due_date).days} days ago"
                )
        st.drift = self._drift(s, case, sessions, checks, actions, now)
        return st

    def _drift(self, s: Session, case: Case, sessions, checks, actions, now: dt.datetime) -> list[str]:
        """The drift signs of bot.walks.supervision's rules, judged now (none when they cannot be read)."""
        try:
            from bot.walks.supervision import ActionView, History, assess_drift, load_content

            settings = load_content(self.kb).drift
        except Exception:  # noqa: BLE001 - no supervision content: no drift signs
            return []
        kept, answers, times = [], [], []
        for chk in checks:
            live = [a for a in chk.answers if not a.superseded]
            if live:
                kept.append(chk)
                answers.append({a.question_id: a.value for a in live})
                times.append(max(a.created_at for a in live))
        done = [x for x in sessions if x.status in ("complete", "stopped", "paused")]
        views = [ActionView(a.id, a.session_id, a.what, a.owner, a.due_date, a.status, a.created_at) for a in actions]
        starts = [x.started_at for x in done] + [c.started_at for c in kept]
        h = History(case, list(done), kept, views, min(starts) if starts else None, answers, times)
        return list(assess_drift(h.reviews(), h.actions, now, self.drift_days, settings).flags)

    def overview_text(self, channel: str, sender: str, create_user: bool = True) -> str:
        viewer, statuses, available = self.statuses(channel, sender, create_user)
        now = self.clock()
        if is_supervisor(viewer) and viewer.team:
            owners = {st.owner for st in statuses}
            head = (
                f"Supervisor overview for team {viewer.team}, {_day(now)}: {len(statuses)} case"
                f"{'s' if len(statuses) != 1 else ''} of {len(owners)} practitioner{'s' if len(owners) != 1 else ''}."
            )
        else:
            head = f"Your cases, {_day(now)}: {len(statuses)}."
            if is_supervisor(viewer):
                head += (
                    " You are a supervisor without a team, so only your own cases are shown: ask your "
                    "administrator to set your team (python -m bot users set-role ... --team NAME)."
                )
        lines = [head]
        if statuses:
            lines.append("Cases needing attention (overdue actions or drift) come first.")
        if not available:
            lines.append(
                "Supervision records are not available here, so overdue actions and drift warnings are not " "shown."
            )
        for st in statuses:
            lines.append("")
            who = "" if st.case.owner_id == viewer.id else f", practitioner {st.owner}"
            lines.append(
                f"{st.case.reference}{who}: last activity {_day(st.last_activity)}; {st.checks} completed "
                f"check{'s' if st.checks != 1 else ''}, {st.sessions} supervision session"
                f"{'s' if st.sessions != 1 else ''}" + (f", {st.unfinished} unfinished" if st.unfinished else "")
            )
            if st.last_level:
                scale = f", scale {st.scale}/10" if st.scale else ""
                lines.append(
                    f"  Last level suggested: {level_words(self.kb, st.last_level)} "
                    f"(check of {_day(st.last_level_at)}{scale})"
                )
            else:
                lines.append("  No completed check yet.")
            if available:
                lines.append(f"  Actions: {st.open_actions} open, {len(st.overdue)} overdue")
                lines += [f"  - overdue: {o}" for o in st.overdue]
                if st.drift:
                    lines.append("  Drift warning:")
                    lines += [f"  - {d}" for d in st.drift]
        if not statuses:
            lines.append("No cases yet.")
        return "\n".join(lines)

    def overview(self, channel: str, sender: str) -> list[Reply]:
        text = self.overview_text(channel, sender)
        refs = self.references(channel, sender, attention_first=True)[:4]
        buttons = tuple(
            Button(f"Chronology of {ref}", f'/show_chronology{json.dumps({"case_ref": ref})}') for ref in refs
        )
        return [Reply(text, buttons)]

    def references(self, channel: str, sender: str, attention_first: bool = False) -> list[str]:
        """The references of the cases this user can see, the latest active first (not audited)."""
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender)
            cases = visible_cases(s, viewer)
            now = self.clock()
            statuses = [self._status(s, c, now) if attention_first else None for c in cases]
            if attention_first:
                order = sorted(statuses, key=lambda st: (not st.attention, -st.last_activity.timestamp()))
                refs = [st.case.reference for st in order]
            else:

                def last(c: Case) -> float:
                    times = [check_time(k) for k in s.execute(select(Check).where(Check.case_id == c.id)).scalars()]
                    return max(times or [c.created_at]).timestamp()

                refs = [c.reference for c in sorted(cases, key=last, reverse=True)]
            return list(dict.fromkeys(refs))
