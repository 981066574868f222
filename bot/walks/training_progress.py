"""Training progress over time: a trainee's attempts and scores, as shown to them, and
exported for trainers (JSON, or flat CSV rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records import store as records
from bot.records.store import User
from bot.records.training_models import TrainingAttempt
from bot.walks.replies import Button, Reply
from bot.walks.training_library import KIND_LABELS, KINDS, MARK


# -- progress -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AttemptResult:
    id: int
    ref: str
    title: str
    status: str
    points: int
    max_points: int
    started_at: dt.datetime
    completed_at: dt.datetime | None

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.max_points) if self.max_points else 0


@dataclass(frozen=True)
class Progress:
    channel: str
    trainee: str
    attempts: tuple[AttemptResult, ...]  # every attempt with a scenario, oldest first
    by_kind: dict[str, tuple[int, int]]  # ask kind -> (points, max points) over completed attempts
    not_tried: tuple[str, ...]  # refs of scenarios never completed

    @property
    def completed(self) -> tuple[AttemptResult, ...]:
        return tuple(a for a in self.attempts if a.status == "complete")

    @property
    def average(self) -> int | None:
        done = self.completed
        if not done:
            return None
        return round(100 * sum(a.points for a in done) / sum(a.max_points for a in done))

    @property
    def best(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in self.completed:
            out[a.ref] = max(out.get(a.ref, 0), a.percent)
        return out

    def as_dict(self) -> dict:
        return {
            "channel": self.channel,
            "trainee": self.trainee,
            "attempts_started": len(self.attempts),
            "attempts_completed": len(self.completed),
            "scenarios_completed": len(self.best),
            "average_percent": self.average,
            "best_percent": self.best,
            "by_question": {
                k: {"points": p, "max_points": m, "percent": round(100 * p / m) if m else None}
                for k, (p, m) in self.by_kind.items()
            },
            "not_tried": list(self.not_tried),
        }


def _fmt_date(value: dt.datetime | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


class ProgressViews:
    """The trainee's progress and the trainers' exports (a part of
    bot.walks.training.TrainingService)."""

    # -- progress over time ----------------------------------------------------------------
    def _best_scores(self, s: Session, user: User) -> dict[str, int]:
        return self.progress_of(s, user).best

    def progress_of(self, s: Session, user: User) -> Progress:
        attempts = (
            s.execute(
                select(TrainingAttempt)
                .where(TrainingAttempt.user_id == user.id, TrainingAttempt.scenario_id.is_not(None))
                .order_by(TrainingAttempt.started_at, TrainingAttempt.id)
            )
            .scalars()
            .all()
        )
        results = []
        by_kind: dict[str, list[int]] = {}
        for a in attempts:
            sc = self.library.by_id(a.scenario_id)
            results.append(
                AttemptResult(
                    a.id,
                    a.scenario_ref or "",
                    sc.title if sc else say("training.progress.scenario_removed"),
                    a.status,
                    a.points or 0,
                    a.max_points or 0,
                    a.started_at,
                    a.completed_at,
                )
            )
            if a.status == "complete":
                for ans in a.answers:
                    pm = by_kind.setdefault(ans.ask, [0, 0])
                    pm[0] += ans.points
                    pm[1] += ans.max_points
        done = {r.ref for r in results if r.status == "complete"}
        return Progress(
            user.channel,
            user.external_id,
            tuple(results),
            {k: (v[0], v[1]) for k, v in sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0])) if k in KINDS},
            tuple(sc.ref for sc in self.library.scenarios if sc.ref not in done),
        )

    def progress(self, channel: str, sender: str) -> list[Reply]:
        """The trainee's progress over time, as shown when they ask 'how am I doing?'."""
        with records.session_scope(self.db_url) as s:
            user = s.execute(
                select(User).where(User.channel == channel, User.external_id == sender)
            ).scalar_one_or_none()
            return self._progress_replies(s, user)

    def _progress_replies(self, s: Session, user: User | None, buttons: bool = True) -> list[Reply]:
        B, P = "training.buttons.", "training.progress."
        more = (
            (Button(say(B + "practise"), "/start_training"), Button(say(B + "main_menu"), "/menu")) if buttons else ()
        )
        p = self.progress_of(s, user) if user is not None else None
        if p is None or not p.completed:
            started = len(p.attempts) if p else 0
            extra = say(P + "started", n=started) if started else ""
            total = len(self.library.scenarios)
            return [Reply(f"{MARK} {say(P + 'none_finished', started=extra, total=total)}", more)]
        done = p.completed
        lines = [
            f"{MARK} {say(P + 'title')}",
            say(P + "completed", best=len(p.best), total=len(self.library.scenarios), attempts=len(done)),
            say(P + "average", average=p.average),
        ]
        last = done[-1]
        lines.append(say(P + "recent", ref=last.ref, date=_fmt_date(last.completed_at), percent=last.percent))
        if len(done) > 1:
            lines.append(say(P + "over_time", scores=" → ".join(f"{a.percent}%" for a in done[-6:])))
        if p.by_kind:
            kinds = "; ".join(f"{KIND_LABELS[k]} {round(100 * pts / mx)}%" for k, (pts, mx) in p.by_kind.items() if mx)
            lines.append(say(P + "by_question", kinds=kinds))
            weakest = min(p.by_kind.items(), key=lambda kv: kv[1][0] / kv[1][1] if kv[1][1] else 1)
            kind, (pts, mx) = weakest
            if mx and pts < mx:
                suggest = next(
                    (
                        sc.ref
                        for sc in self.library.scenarios
                        if sc.ref in p.not_tried and any(st.ask == kind for st in sc.steps)
                    ),
                    None,
                )
                lines.append(
                    say(P + "work_on", kind=KIND_LABELS[kind]) + (say(P + "try", ref=suggest) if suggest else "")
                )
        if p.not_tried:
            lines.append(say(P + "not_tried", refs=", ".join(p.not_tried)))
        return [Reply("\n".join(lines), more)]

    # -- for trainers -----------------------------------------------------------------------
    def export(self, channel: str, trainee: str) -> dict | None:
        """A trainee's results: every attempt and every answer, with a summary. None if the
        trainee has never used training mode."""
        with records.session_scope(self.db_url) as s:
            user = s.execute(
                select(User).where(User.channel == channel, User.external_id == trainee)
            ).scalar_one_or_none()
            if user is None:
                return None
            attempts = (
                s.execute(
                    select(TrainingAttempt)
                    .where(TrainingAttempt.user_id == user.id)
                    .order_by(TrainingAttempt.started_at, TrainingAttempt.id)
                )
                .scalars()
                .all()
            )
            if not attempts:
                return None
            out = []
            for a in attempts:
                sc = self.library.by_id(a.scenario_id)
                out.append(
                    {
                        "attempt_id": a.id,
                        "scenario_ref": a.scenario_ref,
                        "scenario_title": sc.title if sc else None,
                        "status": a.status,
                        "points": a.points,
                        "max_points": a.max_points,
                        "percent": a.percent,
                        "started_at": _iso(a.started_at),
                        "completed_at": _iso(a.completed_at),
                        "steps": [
                            {
                                "step": ans.position,
                                "step_id": ans.step_id,
                                "question": ans.ask,
                                "answer": ans.value,
                                "model_answer": ans.model_answer,
                                "verdict": ans.verdict,
                                "points": ans.points,
                                "max_points": ans.max_points,
                                "answered_at": _iso(ans.created_at),
                            }
                            for ans in a.answers
                        ],
                    }
                )
            return {
                "trainee": trainee,
                "channel": channel,
                "exported_at": _iso(self.clock()),
                "note": say("training.progress.export_note"),
                "summary": self.progress_of(s, user).as_dict(),
                "attempts": out,
            }

    def trainees(self) -> list[dict]:
        """Everyone who has used training mode, with counts, for `python -m bot training list`."""
        with records.session_scope(self.db_url) as s:
            rows = s.execute(
                select(User, func.count(TrainingAttempt.id), func.max(TrainingAttempt.updated_at))
                .join(TrainingAttempt, TrainingAttempt.user_id == User.id)
                .group_by(User.id)
                .order_by(User.channel, User.external_id)
            ).all()
            out = []
            for user, n, last in rows:
                p = self.progress_of(s, user)
                out.append(
                    {
                        "trainee": user.external_id,
                        "channel": user.channel,
                        "attempts": n,
                        "completed": len(p.completed),
                        "scenarios_completed": len(p.best),
                        "average_percent": p.average,
                        "last_activity": _iso(last),
                    }
                )
            return out


CSV_COLUMNS = (
    "trainee",
    "channel",
    "attempt_id",
    "scenario_ref",
    "scenario_title",
    "attempt_status",
    "attempt_points",
    "attempt_max_points",
    "attempt_percent",
    "started_at",
    "completed_at",
    "step",
    "step_id",
    "question",
    "answer",
    "model_answer",
    "verdict",
    "points",
    "max_points",
    "answered_at",
)


def export_rows(data: dict) -> list[dict]:
    """The export as flat rows, one per answered step (an attempt with none gets one row)."""
    rows = []
    for a in data["attempts"]:
        base = {
            "trainee": data["trainee"],
            "channel": data["channel"],
            "attempt_id": a["attempt_id"],
            "scenario_ref": a["scenario_ref"],
            "scenario_title": a["scenario_title"],
            "attempt_status": a["status"],
            "attempt_points": a["points"],
            "attempt_max_points": a["max_points"],
            "attempt_percent": a["percent"],
            "started_at": a["started_at"],
            "completed_at": a["completed_at"],
        }
        for st in a["steps"] or [{}]:
            rows.append(
                {
                    **base,
                    **{
                        k: st.get(k)
                        for k in (
                            "step",
                            "step_id",
                            "question",
                            "answer",
                            "model_answer",
                            "verdict",
                            "points",
                            "max_points",
                            "answered_at",
                        )
                    },
                }
            )
    return rows


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
