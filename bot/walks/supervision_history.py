"""Reflective supervision: the case, its history and the opening look back."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records import store as records
from bot.records.store import Case, Check, User
from bot.records.supervision_models import AgreedAction, SupervisionSession
from bot.walks.check_plan import SKIPPED
from bot.walks.replies import Reply
from bot.walks.supervision_drift import OPEN, ActionView, Drift, History, _short_day, assess_drift

H = "supervision.history."  # the look back's texts in replies/supervision.yml


def look_back(s: Session, case: Case, current: int | None = None) -> History:
    """The supervision history of a case over its whole period, the one look back that both a
    session's opening (CaseHistory) and the supervisor overview (bot/reports/overview.py) judge
    drift on: the earlier sessions (complete, stopped or paused), the checks that have answers
    (with their live answers and when they were last answered) and the agreed actions, oldest
    first. `current`: the session now running, whose own record and actions are left out."""
    q = select(SupervisionSession).where(
        SupervisionSession.case_id == case.id, SupervisionSession.status.in_(("complete", "stopped", "paused"))
    )
    if current is not None:
        q = q.where(SupervisionSession.id != current)
    sessions = s.execute(q.order_by(SupervisionSession.started_at, SupervisionSession.id)).scalars().all()
    checks = (
        s.execute(select(Check).where(Check.case_id == case.id).order_by(Check.started_at, Check.id)).scalars().all()
    )
    answers, kept, times = [], [], []
    for chk in checks:
        live = [a for a in chk.answers if not a.superseded]
        if live:
            kept.append(chk)
            answers.append({a.question_id: a.value for a in live})
            times.append(max(a.created_at for a in live))
    aq = select(AgreedAction).where(AgreedAction.case_id == case.id)
    if current is not None:
        aq = aq.where(AgreedAction.session_id != current)
    acts = s.execute(aq.order_by(AgreedAction.created_at, AgreedAction.id)).scalars().all()
    views = [ActionView(a.id, a.session_id, a.what, a.owner, a.due_date, a.status, a.created_at) for a in acts]
    starts = [x.started_at for x in sessions] + [c.started_at for c in kept]
    opened = min(starts) if starts else None
    return History(case, list(sessions), kept, views, opened, answers, times)


class CaseHistory:
    """The case a session is about: its history, the opening look back, and the review of
    earlier actions (a part of bot.walks.supervision.SupervisionService)."""

    def _today(self) -> dt.date:
        return self.clock().date()

    def _unfinished(self, s: Session, user: User, ref: str, not_id: int | None = None) -> SupervisionSession | None:
        q = (
            select(SupervisionSession)
            .join(Case, SupervisionSession.case_id == Case.id)
            .where(
                Case.owner_id == user.id,
                Case.reference == ref,
                SupervisionSession.user_id == user.id,
                SupervisionSession.status.in_(("paused", "active")),
            )
        )
        if not_id:
            q = q.where(SupervisionSession.id != not_id)
        return s.execute(q.order_by(SupervisionSession.updated_at.desc())).scalars().first()

    def _set_case(self, s: Session, sess: SupervisionSession, ref: str) -> tuple[int, list[Reply]]:
        user = s.get(User, sess.user_id)
        existed = records.find_case(s, user, ref) is not None
        case = records.get_or_create_case(s, user, ref, self.kb.profile.id)
        if not existed:
            case.created_at = self.clock()
        earlier = self._unfinished(s, user, ref, not_id=sess.id)
        if earlier is not None:
            self._take_over(s, earlier, sess)
            records.audit(
                s, "supervision_resumed", f"session {earlier.id} continued as {sess.id}", user=user, case=case
            )
            return sess.id, [
                Reply(say("supervision.history.resumed", ref=ref, date=_short_day(sess.started_at.date())))
            ]
        sess.case_id = case.id
        s.flush()
        s.expire(sess, ["case"])
        records.audit(s, "supervision_case", f"session {sess.id}", user=user, case=case)
        return sess.id, self._open(s, sess)

    def _take_over(self, s: Session, old: SupervisionSession, new: SupervisionSession) -> None:
        """A paused session carries on under the new session's id (the one the conversation
        holds): its place, reflections and actions move across; the old record says so."""
        for name in (
            "case_id",
            "stage",
            "themes",
            "theme_pos",
            "question_pos",
            "asked_in_theme",
            "picked_by",
            "suggestions",
            "hint",
            "follow_up",
            "follow_up_on",
            "review_queue",
            "pending_action_id",
            "change",
            "drift_flags",
            "started_at",
        ):
            setattr(new, name, getattr(old, name))
        for r in list(old.reflections):
            r.session_id = new.id
        for a in list(old.actions):
            a.session_id = new.id
        old.status, old.summary, old.ended_at = "merged", f"continued as session {new.id}", self.clock()
        new.status, new.updated_at = "active", self.clock()
        s.flush()
        s.expire(new, ["reflections", "actions", "case"])
        s.expire(old, ["reflections", "actions"])

    def _history(self, s: Session, sess: SupervisionSession) -> History:
        return look_back(s, sess.case or s.get(Case, sess.case_id), current=sess.id)

    def drift(self, s: Session, sess: SupervisionSession) -> Drift:
        h = self._history(s, sess)
        return assess_drift(h.reviews(), h.actions, self.clock(), self.drift_days, self.content.drift)

    def _open(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        """What the session opens with: a look back, drift signs, then the first question."""
        h = self._history(s, sess)
        ref = h.case.reference
        if not h.sessions and not h.checks:
            sess.stage = "theme_choice"
            return [Reply(say("supervision.history.first_recorded", ref=ref))]
        lines: list[str] = []
        last = h.last_session
        since = last.started_at if last else None
        if last:
            names = self._theme_names(last)
            themes = say("supervision.history.last_themes", themes=names) if names else say(H + "last_no_themes")
            lines.append(say("supervision.history.last_session", ref=ref, date=_short_day(since.date()), themes=themes))
        else:
            n = len(h.checks)
            lines.append(say("supervision.history.first_with_checks", ref=ref, n=n, s="s" if n != 1 else ""))
        changes = self._since(h, since)
        if changes:
            lines.append(say(H + "since_then") if last else say(H + "from_checks"))
            lines += [f"- {c}" for c in changes]
        elif last:
            lines.append(say(H + "nothing_since"))
        today = self._today()
        overdue = [a for a in h.actions if a.status in OPEN and a.due and a.due < today]
        if overdue:
            lines.append(say(H + "overdue"))
            lines += [
                say(
                    H + "overdue_line",
                    what=a.what,
                    owner=a.owner or say(H + "no_owner"),
                    date=_short_day(a.due),
                    days=(today - a.due).days,
                )
                for a in overdue
            ]
        replies = [Reply("\n".join(lines))]
        report = assess_drift(h.reviews(), h.actions, self.clock(), self.drift_days, self.content.drift)
        sess.drift_flags = json.dumps(list(report.flags)) if report.flags else None
        if report.drifting:
            d = self.content.drift
            replies.append(
                Reply(
                    say(
                        "supervision.history.drifting",
                        flags="\n".join(f"- {f}" for f in report.flags),
                        source=self._cite(d.source, *d.also),
                    )
                )
            )
            records.audit(s, "drift_warning", "; ".join(report.flags), case=h.case)
        still_open = [a for a in h.actions if a.status in OPEN]
        sess.review_queue = ",".join(str(a.id) for a in still_open)
        if still_open:
            sess.stage = "review"
        else:
            self._after_review(s, sess)
        return replies

    def _theme_names(self, sess: SupervisionSession) -> str:
        names = [self.content.themes[t].name.lower() for t in self._taken(sess)[: sess.theme_pos + 1]]
        return ", ".join(names)

    def _since(self, h: History, since: dt.datetime | None) -> list[str]:
        out = []
        labels = self.kb.profile.level_labels
        prev_scale = None
        for chk, ans, when in zip(h.checks, h.check_answers, h.check_times, strict=False):
            scale = ans.get("q_scale")
            if since is None or when > since:
                if chk.status == "complete":
                    level = labels.get(chk.level or "", chk.level or say(H + "no_level"))
                    move = ""
                    if scale not in (None, SKIPPED) and prev_scale not in (None, SKIPPED):
                        a, b = int(prev_scale), int(scale)
                        move = (
                            say(H + "up_from", a=a)
                            if b > a
                            else (say(H + "down_from", a=a) if b < a else say(H + "no_change"))
                        )
                    shown = say(H + "scale", scale=scale, move=move) if scale not in (None, SKIPPED) else ""
                    day = _short_day(when.date())
                    out.append(say("supervision.history.check_done", date=day, level=level, shown=shown))
                else:
                    out.append(say("supervision.history.check_unfinished", date=_short_day(when.date())))
            if chk.status == "complete" and scale not in (None, SKIPPED):
                prev_scale = scale
        return out

    # -- reviewing earlier actions ---------------------------------------------------------
    @staticmethod
    def _review_ids(sess: SupervisionSession) -> list[int]:
        return [int(x) for x in (sess.review_queue or "").split(",") if x.strip().isdigit()]

    def _pop_review(self, sess: SupervisionSession) -> None:
        sess.review_queue = ",".join(str(i) for i in self._review_ids(sess)[1:])

    def _current_review(self, s: Session, sess: SupervisionSession) -> AgreedAction | None:
        while self._review_ids(sess):
            action = s.get(AgreedAction, self._review_ids(sess)[0])
            if action is not None and action.status in OPEN:
                return action
            self._pop_review(sess)
        return None

    def _after_review(self, s: Session, sess: SupervisionSession) -> None:
        h = self._history(s, sess)
        sess.stage = "changed" if h.sessions else "theme_choice"

    def _last_date(self, s: Session, sess: SupervisionSession) -> str:
        last = self._history(s, sess).last_session
        return _short_day(last.started_at.date()) if last else say(H + "last_time")
