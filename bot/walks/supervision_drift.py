"""Drift: plain functions over what the records hold (reviews of a case, agreed actions),
and a case's history as the supervision session reads it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.knowledge.texts import say, words
from bot.records.store import Case, Check
from bot.records.supervision_models import SupervisionSession
from bot.walks.supervision_content import DriftSettings

OPEN = ("open", "draft")
# words left out when comparing agreed actions (knowledge/language/word_lists.yml)
STOP_WORDS = frozenset(words().supervision.drift_stop_words)


# -- drift: plain functions over what the records hold --------------------------------------
@dataclass(frozen=True)
class Review:
    """A point where the case was looked at: a supervision session or a guided check.
    changed: True (something changed for the child), False (no change), None (unknown, or
    the first review)."""

    at: dt.datetime
    kind: str
    changed: bool | None


@dataclass(frozen=True)
class ActionView:
    id: int
    session_id: int
    what: str
    owner: str | None
    due: dt.date | None
    status: str
    agreed_at: dt.datetime


@dataclass(frozen=True)
class Drift:
    flags: tuple[str, ...]
    no_change_since: dt.datetime | None = None
    no_change_days: int = 0
    no_change_reviews: int = 0
    repeated: tuple[tuple[str, int], ...] = ()
    overdue: tuple[ActionView, ...] = ()

    @property
    def drifting(self) -> bool:
        return bool(self.flags)


# a word -> the word it stands for when comparing agreed actions (word_lists.yml)
SAME_WORDS = dict(words().supervision.drift_same_words)


def key_words(text: str) -> frozenset[str]:
    """The main words of an action, as base forms ("children" -> child), for comparing plans."""
    from bot.lang.nlp import norm_word

    words = re.findall(r"[a-z0-9]+", (text or "").lower().replace("\u2019", "'").replace("'", ""))
    out = set()
    for w in words:
        base = norm_word(w)
        base = SAME_WORDS.get(base, SAME_WORDS.get(w, base))
        if base not in STOP_WORDS and w not in STOP_WORDS or base == "own":
            out.add(base)
    return frozenset(out)


def similar(a: str, b: str, threshold: float) -> bool:
    ka, kb_ = key_words(a), key_words(b)
    if not ka or not kb_:
        return False
    return len(ka & kb_) / len(ka | kb_) >= threshold


def no_change_run(reviews: Sequence[Review]) -> tuple[dt.datetime | None, int]:
    """(since when no change has been recorded, how many reviews after that found none)."""
    ordered = sorted(reviews, key=lambda r: r.at)
    if not ordered:
        return None, 0
    changes = [r for r in ordered if r.changed]
    since = changes[-1].at if changes else ordered[0].at
    return since, sum(1 for r in ordered if r.at > since and r.changed is False)


def assess_drift(
    reviews: Sequence[Review], actions: Sequence[ActionView], now: dt.datetime, drift_days: int, settings: DriftSettings
) -> Drift:
    """The drift signs in a case's history, judged at `now`."""
    flags: list[str] = []
    since, quiet_reviews = no_change_run(reviews)
    days = (now.date() - since.date()).days if since else 0
    if since and days >= drift_days and quiet_reviews >= settings.min_no_change_reviews:
        flags.append(
            say(
                "supervision.drift.no_change",
                date=_day(since.date()),
                days=days,
                reviews=quiet_reviews + 1,
                drift_days=drift_days,
            )
        )
    repeated: list[tuple[str, int]] = []
    seen: set[int] = set()
    for a in sorted(actions, key=lambda x: x.agreed_at, reverse=True):
        if a.id in seen:
            continue
        alike = [b for b in actions if similar(a.what, b.what, settings.repeat_similarity)]
        seen.update(b.id for b in alike)
        sessions = {b.session_id for b in alike}
        if len(sessions) >= settings.repeat_sessions:
            repeated.append((a.what, len(sessions)))
    for what, count in repeated:
        flags.append(say("supervision.drift.same_action", count=count, what=what))
    today = now.date()
    overdue = tuple(a for a in actions if a.status in OPEN and a.due is not None and a.due < today)
    if overdue and len(overdue) >= settings.overdue_actions:
        flags.append(
            say(
                "supervision.drift.overdue_many" if len(overdue) > 1 else "supervision.drift.overdue_one",
                n=len(overdue),
            )
        )
    return Drift(tuple(flags), since, days, quiet_reviews, tuple(repeated), overdue)


def _day(d: dt.date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def _short_day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


# -- the case's history --------------------------------------------------------------------
@dataclass
class History:
    case: Case
    sessions: list[SupervisionSession]  # earlier sessions for the case, oldest first
    checks: list[Check]  # guided checks of the case with answers, oldest first
    actions: list[ActionView]  # actions agreed at earlier sessions
    opened: dt.datetime | None
    check_answers: list[dict[str, str]] = field(default_factory=list)  # per check, same order
    check_times: list[dt.datetime] = field(default_factory=list)  # when each check was last answered

    @property
    def last_session(self) -> SupervisionSession | None:
        return self.sessions[-1] if self.sessions else None

    def reviews(self, extra: Iterable[Review] = ()) -> list[Review]:
        out = []
        for n, s in enumerate(self.sessions):
            changed = None if n == 0 else {"better": True, "worse": True, "same": False}.get(s.change or "")
            out.append(Review(s.started_at, "session", changed))
        prev = None
        for chk, ans, at in zip(self.checks, self.check_answers, self.check_times, strict=False):
            now = (chk.level, ans.get("q_scale"))
            changed = None
            if prev is not None and chk.status == "complete":
                changed = now != prev
            if chk.status == "complete":
                prev = now
            out.append(Review(at, "check", changed))
        return sorted(out + list(extra), key=lambda r: r.at)
