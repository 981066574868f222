"""The supervisor overview (and "my cases"): the status of each case a user can see, those that
need attention (overdue actions, drift) first. A part of bot.reports.views.Reports."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records import store as records
from bot.records.store import Case, Check, User
from bot.reports import chronology
from bot.reports.access import _day, find_user, is_supervisor, owner_label, visible_cases
from bot.reports.chronology import check_time, level_words
from bot.walks.replies import Button, Reply

OV = "reports.overview."  # the texts in replies/reports.yml


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


def _case_rows(s: Session, model, case: Case, first) -> list:
    """The rows of one model (checks, sessions, actions) of a case, ordered by `first`, then id."""
    return s.execute(select(model).where(model.case_id == case.id).order_by(first, model.id)).scalars().all()


class Overview:
    """The overview's methods of Reports (self.kb, self.db_url, self.clock, self.drift_days).
    Supervision records are read through bot.reports.chronology.supervision_models (None when
    they are not installed)."""

    def statuses(self, channel: str, sender: str, create_user: bool = True) -> tuple[User, list[CaseStatus], bool]:
        """(viewer, the status of each visible case, whether drift and actions could be read)."""
        with records.session_scope(self.db_url) as s:
            viewer = find_user(s, channel, sender, create_user)
            now = self.clock()
            out = []
            available = chronology.supervision_models() is not None
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
        checks = _case_rows(s, Check, case, Check.started_at)
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
        sm = chronology.supervision_models()
        if sm is None:
            return st
        sessions = _case_rows(s, sm.SupervisionSession, case, sm.SupervisionSession.started_at)
        st.sessions = sum(1 for x in sessions if x.status == "complete")
        if sessions:
            latest = max(x.ended_at or x.updated_at or x.started_at for x in sessions)
            st.last_activity = latest if not checks else max(st.last_activity, latest)
        actions = _case_rows(s, sm.AgreedAction, case, sm.AgreedAction.created_at)
        today = now.date()
        st.open_actions = sum(1 for a in actions if a.status == "open")
        for a in actions:
            if a.status == "open" and a.due_date and a.due_date < today:
                st.overdue.append(
                    say(
                        OV + "overdue",
                        what=a.what,
                        owner=a.owner or say(OV + "no_owner"),
                        date=_day(a.due_date),
                        days=(today - a.due_date).days,
                    )
                )
        st.drift = self._drift(s, case, now)
        return st

    def _drift(self, s: Session, case: Case, now: dt.datetime) -> list[str]:
        """The drift signs of bot.walks.supervision's rules, judged now on the case's look back
        (bot.walks.supervision_history.look_back); none when they cannot be read."""
        try:
            from bot.walks.supervision import assess_drift, load_content
            from bot.walks.supervision_history import look_back

            settings = load_content(self.kb).drift
        except Exception:  # noqa: BLE001 - no supervision content: no drift signs
            return []
        h = look_back(s, case)
        return list(assess_drift(h.reviews(), h.actions, now, self.drift_days, settings).flags)

    def overview_text(self, channel: str, sender: str, create_user: bool = True) -> str:
        viewer, statuses, available = self.statuses(channel, sender, create_user)
        now = self.clock()
        if is_supervisor(viewer) and viewer.team:
            owners = {st.owner for st in statuses}
            head = say(
                OV + "team_head",
                team=viewer.team,
                date=_day(now),
                cases=say(OV + "cases_one" if len(statuses) == 1 else OV + "cases_many", n=len(statuses)),
                practitioners=say(
                    OV + "practitioners_one" if len(owners) == 1 else OV + "practitioners_many", n=len(owners)
                ),
            )
        else:
            n = len(statuses)
            head = say(
                OV + "own_head", date=_day(now), cases=say(OV + "cases_one" if n == 1 else OV + "cases_many", n=n)
            )
            if is_supervisor(viewer):
                head += say(OV + "no_team")
        lines = [head]
        if statuses:
            lines.append(say(OV + "attention_first"))
        if not available:
            lines.append(say(OV + "no_supervision"))
        for st in statuses:
            lines.append("")
            who = "" if st.case.owner_id == viewer.id else say(OV + "practitioner", owner=st.owner)
            lines.append(
                say(
                    OV + "case_line",
                    ref=st.case.reference,
                    who=who,
                    date=_day(st.last_activity),
                    checks=say(OV + "checks_one" if st.checks == 1 else OV + "checks_many", n=st.checks),
                    sessions=say(OV + "sessions_one" if st.sessions == 1 else OV + "sessions_many", n=st.sessions),
                    unfinished=say(OV + "unfinished", n=st.unfinished) if st.unfinished else "",
                )
            )
            if st.last_level:
                scale = say(OV + "scale", scale=st.scale) if st.scale else ""
                level = level_words(self.kb, st.last_level)
                lines.append(say(OV + "last_level", level=level, date=_day(st.last_level_at), scale=scale))
            else:
                lines.append(say(OV + "no_check"))
            if available:
                lines.append(say(OV + "actions", open=st.open_actions, overdue=len(st.overdue)))
                lines += [say(OV + "overdue_line", what=o) for o in st.overdue]
                if st.drift:
                    lines.append(say(OV + "drift"))
                    lines += [f"  - {d}" for d in st.drift]
        if not statuses:
            lines.append(say(OV + "no_cases"))
        return "\n".join(lines)

    def overview(self, channel: str, sender: str) -> list[Reply]:
        text = self.overview_text(channel, sender)
        refs = self.references(channel, sender, attention_first=True)[:4]
        buttons = tuple(
            Button(say(OV + "chronology_button", ref=ref), f'/show_chronology{json.dumps({"case_ref": ref})}')
            for ref in refs
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
