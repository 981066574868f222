"""Reflective supervision as a service over the records: a case reference, a look back at
the case (earlier actions, what has changed, signs of drift), themes picked from the case's
history or chosen by the user, one open question at a time with follow-ups on cue
language, and agreed actions (what, who, by when). Content comes from
knowledge/supervision.yml; records are bot/supervision_models.py.

Channel-neutral, like bot.check.CheckService: prompt(id) asks the current question,
handle(id, Incoming) takes one message and returns feedback, is_active(id) says whether the
session still runs. Time comes from `clock`, so tests can move it on.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import caseref, records
from bot import commands
from bot.walks.engine import Incoming, Step, Turn, Walk
from bot.check_plan import SKIPPED, Option, _match_words, check_case_ref
from bot.knowledge import KnowledgeBase, KnowledgeError, Source, get_kb
from bot.records import Case, Check, User
from bot.replies import DISCLAIMER, Button, Reply
from bot.settings import get_settings
from bot.supervision_models import AgreedAction, Reflection, SupervisionSession

FILE = "supervision.yml"
ACTION_STAGES = ("action_what", "action_who", "action_when")
FREE_TEXT_STAGES = ("case_ref", "question", "follow_up", "action_what", "action_who", "action_when")
CONDITIONS = ("overdue_actions_at_least", "no_change_reviews_at_least", "open_days_at_least", "check_answer",
              "check_unsure_at_least", "scale_not_rising", "same_level_checks_at_least", "change_now")
STEP_KEYS = ("case_ref", "changed", "review", "theme_choice", "action_what", "action_who", "action_when")
OPEN = ("open", "draft")
WHY = Button("Why are you asking?", "/why_asking")
SKIP = Button("Skip", "/skip")

USE_SUGGESTED = Option("suggested", "Use these themes", ("use these", "these themes", "suggested", "yes", "ok",
                                                          "okay", "go ahead", "sounds good", "fine"))
CHOOSE_OWN = Option("choose", "Choose a theme myself", ("choose", "my own", "myself", "pick", "something else",
                                                         "other theme", "list", "another theme"))
NEXT_MORE = Option("more", "One more question on this theme", ("more", "another question", "one more", "keep going",
                                                                "carry on", "stay"))
NEXT_THEME = Option("next", "Next theme", ("next theme", "next", "move on"))
NEXT_CHOOSE = Option("choose", "Choose another theme", ("choose", "another theme", "other theme", "different theme",
                                                         "pick"))
NEXT_ACTIONS = Option("actions", "Agree actions", ("agree actions", "actions", "action", "agree", "finish", "wrap up",
                                                   "end", "done", "that's enough", "enough"))
NO_ACTIONS = Option("none", "No actions this time", ("no actions", "none", "no action", "nothing", "no", "nope",
                                                     "nothing to agree"))
MORE_ACTION = Option("another", "Add another action", ("another", "add", "yes", "one more", "more", "yeah", "yep"))
FINISH = Option("finish", "Finish the session", ("finish", "no", "done", "that's all", "thats all", "nope", "end",
                                                 "no more", "nothing else", "complete"))
OWNERS = (Option("me", "Me", ()), Option("supervisor", "My supervisor", ()), Option("both", "Both of us", ()))
STOP_WORDS = frozenset("""a an the to of for and or on in at by with from into up be is are was will would should
can could do does did it its this that these those their them they he she his her him we our us you your i me my
mine all any some each more most other own same so than too very just also then there here about again once""".split())


# -- content -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    text: str
    why: str
    words: tuple[str, ...]
    questions: tuple[str, ...]
    related: tuple[str, ...]
    source: Source
    also: tuple[Source, ...] = ()

    @property
    def option(self) -> Option:
        return Option(self.id, self.name, self.words)


@dataclass(frozen=True)
class PickRule:
    id: str
    when: Mapping[str, Any]
    themes: tuple[str, ...]
    because: str
    source: Source


@dataclass(frozen=True)
class StepText:
    id: str
    text: str
    why: str
    source: Source | None
    basis: str = ""
    also: tuple[Source, ...] = ()


@dataclass(frozen=True)
class DriftSettings:
    min_no_change_reviews: int
    repeat_sessions: int
    repeat_similarity: float
    overdue_actions: int
    source: Source
    also: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Content:
    themes: dict[str, Theme]
    picking: tuple[PickRule, ...]
    steps: dict[str, StepText]
    change: tuple[Option, ...]
    review: tuple[Option, ...]
    drift: DriftSettings
    questions_per_theme: int
    max_suggested: int
    follow_ups_per_kind: int
    open_long_days: int
    follow_up_order: tuple[str, ...] = ()


def _src(raw: Any) -> Source | None:
    return Source(str(raw["doc"]), str(raw["section"])) if isinstance(raw, dict) and raw.get("doc") else None


def _options(raw: Any, where: str, problems: list[str]) -> tuple[Option, ...]:
    out = []
    for o in raw or []:
        if not isinstance(o, dict) or not o.get("value") or not o.get("label"):
            problems.append(f"{where}: every option needs a value and a label")
            continue
        out.append(Option(str(o["value"]), str(o["label"]), tuple(str(w) for w in o.get("words") or ())))
    if not out:
        problems.append(f"{where}: needs options")
    return tuple(out)


@lru_cache(maxsize=4)
def load_content(kb: KnowledgeBase) -> Content:
    """knowledge/supervision.yml as typed objects; KnowledgeError names the file, item and field."""
    raw = kb.extra.get(FILE)
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{FILE}: missing or not a mapping"])
    problems: list[str] = []
    themes: dict[str, Theme] = {}
    for n, t in enumerate(raw.get("themes") or []):
        where = f"{FILE}: themes[{n}] '{t.get('id') if isinstance(t, dict) else t}'"
        if not isinstance(t, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        for f in ("id", "name", "text", "why", "questions", "related", "source"):
            if not t.get(f):
                problems.append(f"{where}: missing required field '{f}'")
        qs = t.get("questions") or []
        if not isinstance(qs, list) or not 3 <= len(qs) <= 5 or not all(isinstance(q, str) and q.strip() for q in qs):
            problems.append(f"{where}: field 'questions' must be a list of 3 to 5 questions")
            continue
        if not t.get("id") or not _src(t.get("source")):
            continue
        for r in t.get("related") or []:
            item = kb.items.get(r)
            if item is None:
                problems.append(f"{where}: field 'related': no item has id '{r}'")
        if not any(kb.items[r].kind == "pitfall" for r in t.get("related") or [] if r in kb.items):
            problems.append(f"{where}: field 'related' must name at least one pitfall")
        themes[t["id"]] = Theme(str(t["id"]), str(t["name"]), " ".join(str(t["text"]).split()),
                                " ".join(str(t["why"]).split()), tuple(str(w) for w in t.get("words") or ()),
                                tuple(" ".join(q.split()) for q in qs), tuple(t.get("related") or ()),
                                _src(t["source"]), tuple(filter(None, (_src(a) for a in t.get("also") or ()))))
    picking = []
    for n, p in enumerate(raw.get("picking") or []):
        where = f"{FILE}: picking[{n}] '{p.get('id')}'"
        when = p.get("when") or {}
        for key in when:
            if key not in CONDITIONS:
                problems.append(f"{where}: field 'when': unknown condition '{key}' (known: {', '.join(CONDITIONS)})")
        for th in p.get("themes") or []:
            if th not in themes:
                problems.append(f"{where}: field 'themes': no theme has id '{th}'")
        if not p.get("because") or not _src(p.get("source")) or not p.get("themes"):
            problems.append(f"{where}: needs themes, because and source")
            continue
        picking.append(PickRule(str(p["id"]), dict(when), tuple(p["themes"]), str(p["because"]).strip(),
                                _src(p["source"])))
    steps = {}
    for key in STEP_KEYS:
        s = (raw.get("steps") or {}).get(key)
        if not isinstance(s, dict) or not s.get("id") or not s.get("text") or not s.get("why"):
            problems.append(f"{FILE}: steps.{key}: needs id, text and why")
            continue
        steps[key] = StepText(str(s["id"]), " ".join(str(s["text"]).split()), " ".join(str(s["why"]).split()),
                              _src(s.get("source")), str(s.get("basis") or ""),
                              tuple(filter(None, (_src(a) for a in s.get("also") or ()))))
    d = raw.get("drift") or {}
    settings = raw.get("settings") or {}
    try:
        drift = DriftSettings(int(d["min_no_change_reviews"]), int(d["repeat_sessions"]),
                              float(d["repeat_similarity"]), int(d["overdue_actions"]), _src(d["source"]),
                              tuple(filter(None, (_src(a) for a in d.get("also") or ()))))
        numbers = (int(settings["questions_per_theme"]), int(settings["max_suggested_themes"]),
                   int(settings["follow_ups_per_kind"]), int(settings["open_long_days"]))
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"{FILE}: drift or settings: missing or not a number: {exc}")
        drift, numbers = None, (2, 3, 2, 180)
    change = _options(raw.get("change"), f"{FILE}: change", problems)
    review = _options(raw.get("review"), f"{FILE}: review", problems)
    order = tuple(str(k) for k in settings.get("follow_up_order") or ())
    from bot.lang.cues import KINDS

    problems.extend(f"{FILE}: settings.follow_up_order: unknown cue kind '{k}' (known: {', '.join(KINDS)})"
                    for k in order if k not in KINDS)
    if problems:
        raise KnowledgeError(problems)
    return Content(themes, tuple(picking), steps, change, review, drift, *numbers, follow_up_order=order)


def reference_in_request(text: str) -> str | None:
    """A case reference in a request such as 'supervision for ABC-12' or 'case 3310', but
    not a number of months ('at CIN for 18 months') or a section ('a s47'): bot.caseref's
    grammar, strictly."""
    return caseref.find(text or "", strict=True)


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


SAME_WORDS = {"kid": "child", "children": "child", "alone": "own", "ring": "call", "phone": "call",
              "telephone": "call", "dsl": "lead"}


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


def assess_drift(reviews: Sequence[Review], actions: Sequence[ActionView], now: dt.datetime, drift_days: int,
                 settings: DriftSettings) -> Drift:
    """The drift signs in a case's history, judged at `now`."""
    flags: list[str] = []
    since, quiet_reviews = no_change_run(reviews)
    days = (now.date() - since.date()).days if since else 0
    if since and days >= drift_days and quiet_reviews >= settings.min_no_change_reviews:
        flags.append(f"No change for the child has been recorded since {_day(since.date())}: {days} days and "
                     f"{quiet_reviews + 1} reviews (the drift period here is {drift_days} days).")
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
        flags.append(f"The same action has been agreed at {count} sessions: \"{what}\".")
    today = now.date()
    overdue = tuple(a for a in actions if a.status in OPEN and a.due is not None and a.due < today)
    if overdue and len(overdue) >= settings.overdue_actions:
        flags.append(f"{len(overdue)} agreed action{'s are' if len(overdue) > 1 else ' is'} overdue.")
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
        for chk, ans, at in zip(self.checks, self.check_answers, self.check_times):
            now = (chk.level, ans.get("q_scale"))
            changed = None
            if prev is not None and chk.status == "complete":
                changed = now != prev
            if chk.status == "complete":
                prev = now
            out.append(Review(at, "check", changed))
        return sorted(out + list(extra), key=lambda r: r.at)


class SupervisionService(Walk):
    flow = "supervision"
    # a reflection the classifier alone heard as danger is kept, with the 999 answer first
    warns_on_classifier = True

    def __init__(self, kb: KnowledgeBase | None = None, db_url: str | None = None, clock=None,
                 drift_days: int | None = None):
        self.kb = kb or get_kb()
        self.content = load_content(self.kb)
        self.db_url = db_url
        self.clock = clock or records.utcnow
        self.drift_days = drift_days if drift_days is not None else get_settings().drift_days

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, channel: str, sender: str, text: str = "") -> tuple[int, list[Reply]]:
        """A new session. A case reference in the opening message ("supervision for ABC-12")
        is taken at once, and carries on a paused session for that case if there is one."""
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender)
            now = self.clock()
            sess = SupervisionSession(user_id=user.id, status="active", stage="case_ref", started_at=now,
                                      updated_at=now, hint=",".join(self._themes_in(text)))
            s.add(sess)
            s.flush()
            records.audit(s, "supervision_started", f"session {sess.id}", user=user)
            replies = [Reply("Let's reflect on a case together, one open question at a time. There are no right "
                             "answers: the questions are there to test our thinking, not to judge it. You can ask "
                             "'why?' at any question, or say 'skip', 'pause' or 'stop'. " + DISCLAIMER)]
            ref = reference_in_request(text)
            parsed = check_case_ref(ref) if ref else None
            if parsed is not None and parsed.ok:
                sess_id, more = self._set_case(s, sess, parsed.value)
                return sess_id, replies + more
            return sess.id, replies

    def resume(self, channel: str, sender: str, reference: str) -> tuple[int | None, list[Reply]]:
        """Carries on a paused session for the user's case (for 'resume ABC-12')."""
        ref = caseref.normalise(reference)
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender)
            sess = self._unfinished(s, user, ref)
            if sess is None:
                return None, [Reply(f"I can't find a paused supervision session for {ref}.",
                                    (Button("Start reflective supervision", "/start_supervision"),))]
            sess.status, sess.updated_at = "active", self.clock()
            records.audit(s, "supervision_resumed", f"session {sess.id}", user=user, case=sess.case)
            return sess.id, [Reply(f"Welcome back to the supervision session for {ref}.")]

    def owner(self, session_id: int) -> tuple[str, str]:
        with records.session_scope(self.db_url) as s:
            user = s.get(SupervisionSession, session_id).user
            return user.channel, user.external_id

    def reference(self, session_id: int) -> str | None:
        with records.session_scope(self.db_url) as s:
            sess = s.get(SupervisionSession, session_id)
            return sess.case.reference if sess is not None and sess.case else None

    def leave(self, session_id: int, stop: bool = False) -> list[Reply]:
        """Leaves the session for something else: paused under its reference, or stopped
        when it has none yet (or when starting again)."""
        with records.session_scope(self.db_url) as s:
            sess = s.get(SupervisionSession, session_id)
            if sess is None or sess.status not in ("active", "paused"):
                return []
            self._settle_draft(s, sess)
            walk = commands.text("walks.supervision")
            if sess.case is not None and not stop:
                sess.status, sess.updated_at = "paused", self.clock()
                records.audit(s, "supervision_paused", f"session {sess.id}", case=sess.case)
                return [Reply(commands.text("to_menu_saved", walk=walk, ref=sess.case.reference))]
            sess.status, sess.ended_at = "stopped", self.clock()
            records.audit(s, "supervision_stopped", f"session {sess.id}", case=sess.case)
            return [] if stop else [Reply(commands.text("to_menu_unsaved", walk=walk))]

    def resumable_references(self, channel: str, sender: str) -> list[str]:
        return self.paused_references(channel, sender)

    def paused_references(self, channel: str, sender: str) -> list[str]:
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender)
            rows = s.execute(select(Case.reference).join(SupervisionSession, SupervisionSession.case_id == Case.id)
                             .where(SupervisionSession.user_id == user.id,
                                    SupervisionSession.status == "paused").distinct()).scalars().all()
            return sorted(rows)

    def is_active(self, session_id: int | None) -> bool:
        if not session_id:
            return False
        with records.session_scope(self.db_url) as s:
            sess = s.get(SupervisionSession, session_id)
            return sess is not None and sess.status == "active"

    # -- one message: supervision's part of the walk (bot/walks/engine.py) ------------------
    def load(self, s: Session, session_id: int) -> SupervisionSession | None:
        return s.get(SupervisionSession, session_id)

    def is_live(self, sess: SupervisionSession) -> bool:
        return sess.status == "active"

    def not_running(self) -> Reply:
        return Reply("That supervision session is not running any more. Say 'menu' to start again.")

    def ask(self, s: Session, sess: SupervisionSession | None) -> list[Reply]:
        if sess is None or sess.status != "active":
            return []
        return self._ask(s, sess)

    def read(self, s: Session, sess: SupervisionSession, msg: Incoming) -> Turn:
        return Turn(s, sess, Incoming((msg.text or "").strip(), msg.intent, msg.confidence, msg.aside,
                                      msg.danger_rule))

    def parses_as_answer(self, turn: Turn) -> bool:
        sess = turn.rec
        if sess.stage in FREE_TEXT_STAGES or sess.stage == "changed":
            return True
        return bool(_match_words(turn.text, self._stage_options(sess)))

    def keeps_text_after_danger(self, turn: Turn) -> bool:
        """An agreed action ("see the child alone at school") is a plan, not a report: it is
        kept after the 999 answer."""
        return turn.rec.stage in ACTION_STAGES

    def audit_danger(self, turn: Turn) -> None:
        records.audit(turn.s, "emergency_answer", "during supervision", user=turn.rec.user, case=turn.rec.case)

    def command_rule(self, turn: Turn):
        """At a free-text stage any text is an answer; at a stage with buttons, words that
        choose a button may clash with a command."""
        sess = turn.rec

        def answer() -> str | None:
            hits = _match_words(turn.msg.text, self._stage_options(sess))
            return hits[0].label if hits else None

        return sess.stage in FREE_TEXT_STAGES or sess.stage == "changed", answer

    def is_aside(self, turn: Turn) -> bool:
        """A question about practice asked mid-session is answered (and not stored) only when
        it cannot be an answer: a reference that does not parse, a reflection that ends with a
        question mark, or words that fit none of the buttons."""
        sess, text = turn.rec, turn.text
        if sess.stage == "case_ref":
            return not check_case_ref(text).ok
        if sess.stage in FREE_TEXT_STAGES:
            return text.rstrip().endswith("?")
        return not _match_words(text, self._stage_options(sess))

    def back_to(self, turn: Turn) -> str:
        return "the session"

    def answer(self, turn: Turn) -> Step:
        sess = turn.rec
        sess.updated_at = self.clock()
        return self._stages()[sess.stage](turn.s, sess, turn.text)

    def _stages(self):
        """Each stage's handler of an answer."""
        return {"case_ref": self._on_case_ref, "review": self._on_review, "changed": self._on_changed,
                "theme_choice": self._on_theme_choice, "theme_list": self._on_theme_list,
                "question": self._on_question, "follow_up": self._on_follow_up, "next": self._on_next,
                "action_what": self._on_action_what, "action_who": self._on_action_who,
                "action_when": self._on_action_when, "action_more": self._on_action_more}

    # -- the commands that stay inside the session ------------------------------------------
    def on_why(self, turn: Turn) -> Step:
        return Step((Reply(self._why(turn.rec)),), False)

    def on_skip(self, turn: Turn) -> Step:
        return self._skip(turn.s, turn.rec)

    def on_back(self, turn: Turn) -> Step:
        return self._go_back(turn.s, turn.rec)

    def on_pause(self, turn: Turn) -> Step:
        s, sess = turn.s, turn.rec
        if sess.case is None:
            return Step((Reply("To pause I need a case reference to file the session under. Please give one "
                               "(such as ABC-12), then say 'pause'."),), False)
        self._settle_draft(s, sess)
        sess.status, sess.updated_at = "paused", self.clock()
        ref = sess.case.reference
        records.audit(s, "supervision_paused", f"session {sess.id}", case=sess.case)
        return Step((Reply(f"Paused. Your reflections and actions so far are saved under {ref}. To carry on "
                           f"later, ask for 'supervision for {ref}'."),), True)

    def on_stop(self, turn: Turn) -> Step:
        s, sess = turn.s, turn.rec
        self._settle_draft(s, sess)
        sess.status, sess.ended_at = "stopped", self.clock()
        records.audit(s, "supervision_stopped", f"session {sess.id}", case=sess.case)
        saved = (f"What you wrote and agreed so far is saved under {sess.case.reference}." if sess.case
                 else "Nothing was saved, as no case reference was given.")
        return Step((Reply(f"The session is stopped. {saved} Say 'menu' whenever you want to do something "
                           "else."),), True)

    def _settle_draft(self, s: Session, sess: SupervisionSession) -> None:
        """An action whose owner or date was still being asked is kept, open, rather than lost."""
        if sess.pending_action_id:
            action = s.get(AgreedAction, sess.pending_action_id)
            if action is not None and action.status == "draft":
                action.status = "open"

    # -- asking ----------------------------------------------------------------------------
    def _ask(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        c = self.content
        stage = sess.stage
        if stage == "case_ref":
            return [Reply(c.steps["case_ref"].text, (WHY,))]
        if stage == "review":
            action = self._current_review(s, sess)
            if action is None:
                self._after_review(s, sess)
                return self._ask(s, sess)
            text = c.steps["review"].text.format(date=_short_day(action.created_at.date()), what=action.what,
                                                 who=action.owner or "no owner given",
                                                 due=_short_day(action.due_date) if action.due_date else "no date")
            overdue = action.due_date is not None and action.due_date < self._today()
            if overdue:
                text += f" It was due {(self._today() - action.due_date).days} days ago."
            return [Reply(text, tuple(Button(o.label, o.label) for o in c.review) + (WHY, SKIP))]
        if stage == "changed":
            buttons = tuple(Button(o.label, o.label) for o in c.change) + (WHY, SKIP)
            if any(r.question_key == "changed" and not r.superseded for r in sess.reflections):
                return [Reply("Thank you, that's saved. Overall, would you say things are better, the same or worse "
                              "for the child?", buttons)]
            return [Reply(self._ask_changed_text(s, sess), buttons)]
        if stage == "theme_choice":
            sugg = self._suggestions(sess)
            if not sugg:
                return self._theme_list("Which theme would you like to reflect on? Choose one, or type it in your "
                                        "own words.", sess)
            lines = ["From what I know of this case, these themes may help, in this order:"]
            lines += [f"- {c.themes[t].name}: {because}." for t, because in sugg]
            lines.append("Shall we take these, or would you rather choose a theme yourself?")
            return [Reply("\n".join(lines), (Button(USE_SUGGESTED.label, USE_SUGGESTED.label),
                                             Button(CHOOSE_OWN.label, CHOOSE_OWN.label), WHY))]
        if stage == "theme_list":
            return self._theme_list("Which theme would you like to reflect on?", sess)
        if stage == "question":
            theme = self._theme(sess)
            q = theme.questions[sess.question_pos]
            head = f"{theme.name}: {theme.text}\n\n" if sess.asked_in_theme == 0 and sess.question_pos == 0 else ""
            return [Reply(f"{head}({theme.name}) {q}", (WHY, SKIP))]
        if stage == "follow_up":
            return [Reply(self._follow_up_text(sess), (WHY, SKIP))]
        if stage == "next":
            theme = self._theme(sess)
            buttons = []
            if sess.question_pos < len(theme.questions):
                buttons.append(Button(NEXT_MORE.label, NEXT_MORE.label))
            nxt = self._next_theme(sess)
            if nxt:
                buttons.append(Button(f"Next theme: {nxt.name}", f"Next theme: {nxt.name}"))
            buttons += [Button(NEXT_CHOOSE.label, NEXT_CHOOSE.label), Button(NEXT_ACTIONS.label, NEXT_ACTIONS.label)]
            return [Reply(f"Thank you. Would you like to stay with {theme.name.lower()}, move on, or agree "
                          "actions?", tuple(buttons))]
        if stage == "action_what":
            return [Reply(c.steps["action_what"].text, (Button(NO_ACTIONS.label, NO_ACTIONS.label), WHY))]
        if stage == "action_who":
            return [Reply(c.steps["action_who"].text, tuple(Button(o.label, o.label) for o in OWNERS) + (WHY, SKIP))]
        if stage == "action_when":
            return [Reply(c.steps["action_when"].text, (WHY, SKIP))]
        if stage == "action_more":
            return [Reply("Is there another action to agree?", (Button(MORE_ACTION.label, MORE_ACTION.label),
                                                                 Button(FINISH.label, FINISH.label)))]
        return []

    def _theme_list(self, text: str, sess: SupervisionSession) -> list[Reply]:
        done = set(self._taken(sess)[: sess.theme_pos + 1]) if sess.stage == "theme_list" and sess.themes else set()
        buttons = tuple(Button(t.name, t.name) for t in self.content.themes.values() if t.id not in done)
        return [Reply(text, buttons + (WHY,))]

    def _follow_up_text(self, sess: SupervisionSession) -> str:
        from bot.language import cue_kinds

        kind = cue_kinds().get(sess.follow_up or "")
        return kind.follow_up if kind else "Can you say a little more about what that means for the child?"

    def _why(self, sess: SupervisionSession) -> str:
        c = self.content
        stage = sess.stage
        if stage in ("question", "next"):
            theme = self._theme(sess)
            return f"Why I ask: {theme.why} (Source: {self._cite(theme.source, *theme.also)}.)"
        if stage == "follow_up":
            from bot.language import cue_kinds

            kind = cue_kinds().get(sess.follow_up or "")
            if kind is not None:
                pit = self.kb.items.get(kind.pitfall)
                trap = f" It can be a sign of {pit.name.lower()}." if pit else ""
                return (f"Why I ask: what you wrote sounded like {kind.name.lower()}.{trap} A follow-up helps to "
                        f"check it against what the child is living with. (Source: "
                        f"{self._cite(Source(kind.source_doc, kind.source_section))}.)")
        key = {"action_more": "action_what", "theme_list": "theme_choice"}.get(stage, stage)
        step = c.steps.get(key)
        if step is None:
            return "Why I ask: to keep the session moving one step at a time."
        basis = f" {step.basis}" if step.basis else ""
        src = f" (Source: {self._cite(step.source, *step.also)}.)" if step.source else ""
        return f"Why I ask: {step.why}{basis}{src}"

    def _cite(self, *sources: Source) -> str:
        return "; ".join(self.kb.cite(x) for x in sources if x is not None)

    # -- answers, stage by stage -----------------------------------------------------------
    def _on_case_ref(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        parsed = check_case_ref(text)
        if not parsed.ok:
            return Step((Reply(parsed.detail),), False)
        new_id, replies = self._set_case(s, sess, parsed.value)
        return Step(tuple(replies), False)

    def _on_review(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        action = self._current_review(s, sess)
        if action is None:
            self._after_review(s, sess)
            return Step((), False)
        hits = _match_words(text, self.content.review)
        if not hits:
            return Step((Reply("Please choose a button: " + ", ".join(f"'{o.label}'" for o in self.content.review)
                               + "."),), False)
        value = hits[0].value
        now = self.clock()
        action.reviewed_at, action.reviewed_in = now, sess.id
        if value == "done":
            action.status, action.completed_at = "done", now
            note = "Good, marked as done."
        elif value == "dropped":
            action.status = "dropped"
            note = "Noted: no longer needed."
        else:
            action.status = "open"
            note = "Noted: still open."
            if action.due_date and action.due_date < self._today():
                note += " It stays on the list of overdue actions."
        self._pop_review(sess)
        if not self._review_ids(sess):
            self._after_review(s, sess)
        return Step((Reply(note),), False)

    def _on_changed(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        """A button (or a few words) sets what changed; anything longer is kept as a
        reflection, followed up if it calls for it, and then the overall answer is asked."""
        hits = _match_words(text, self.content.change)
        noted = any(r.question_key == "changed" and not r.superseded for r in sess.reflections)
        if hits and (len(text.split()) <= 4 or noted):
            sess.change, sess.stage, sess.suggestions = hits[0].value, "theme_choice", None
            return Step((), False)
        refl, notes = self._store(s, sess, None, "changed", self._ask_changed_text(s, sess), text)
        if refl is not None:
            self._want_follow_up(s, sess, refl)
        return Step(tuple(notes), False)

    def _ask_changed_text(self, s: Session, sess: SupervisionSession) -> str:
        return self.content.steps["changed"].text.format(date=self._last_date(s, sess))

    def _on_theme_choice(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        sugg = self._suggestions(sess)
        theme = self._match_theme(text)
        if sugg and not theme:
            hits = _match_words(text, (USE_SUGGESTED, CHOOSE_OWN))
            if hits and hits[0].value == "suggested":
                sess.themes, sess.picked_by = ",".join(t for t, _ in sugg), "history"
                self._begin_theme(sess, 0)
                return Step((), False)
            if hits:
                sess.stage = "theme_list"
                return Step((), False)
        if theme is None:
            return Step((Reply("Please choose a theme from the buttons, or type one, for example 'drift' or "
                               "'the child's day'."),), False)
        rest = [t for t, _ in sugg if t != theme.id]
        sess.themes, sess.picked_by = ",".join([theme.id] + rest), "user"
        self._begin_theme(sess, 0)
        return Step((), False)

    def _on_theme_list(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        theme = self._match_theme(text)
        if theme is None:
            return Step((Reply("Please choose a theme from the buttons, or type one, for example 'drift' or "
                               "'group think'."),), False)
        taken = self._taken(sess)
        done = taken[: sess.theme_pos + 1] if sess.themes and sess.picked_by else []
        rest = [t for t in taken if t not in done and t != theme.id]
        sess.themes = ",".join(done + [theme.id] + rest)
        sess.picked_by = sess.picked_by or "user"
        if sess.picked_by == "history" and done:
            sess.picked_by = "both"
        self._begin_theme(sess, len(done))
        return Step((), False)

    def _on_question(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        theme = self._theme(sess)
        prompt = theme.questions[sess.question_pos]
        refl, notes = self._store(s, sess, theme.id, f"{theme.id}:{sess.question_pos + 1}", prompt, text)
        if refl is None:
            return Step(tuple(notes), False)
        if not self._want_follow_up(s, sess, refl):
            self._advance(sess)
        return Step(tuple(notes), False)

    def _on_follow_up(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        origin = s.get(Reflection, sess.follow_up_on) if sess.follow_up_on else None
        refl, notes = self._store(s, sess, origin.theme_id if origin else None, f"follow_up:{sess.follow_up}",
                                  self._follow_up_text(sess), text)
        if refl is None:
            return Step(tuple(notes), False)
        self._end_follow_up(sess, origin)
        return Step(tuple(notes), False)

    def _on_next(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        theme = self._match_theme(text) if not text.lower().startswith("next theme") else None
        if theme is not None:
            return self._on_theme_list(s, sess, text)
        hits = _match_words(text, (NEXT_MORE, NEXT_THEME, NEXT_CHOOSE, NEXT_ACTIONS))
        if not hits:
            return Step((Reply("Please choose one of the buttons."),), False)
        choice = hits[0].value
        current = self._theme(sess)
        if choice == "more" and sess.question_pos < len(current.questions):
            sess.stage, sess.asked_in_theme = "question", self.content.questions_per_theme - 1
        elif choice == "next" and self._next_theme(sess):
            self._begin_theme(sess, sess.theme_pos + 1)
        elif choice in ("choose", "next", "more"):
            sess.stage = "theme_list"
        else:
            sess.stage = "action_what"
        return Step((), False)

    def _on_action_what(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        if _match_words(text, (NO_ACTIONS,)) and len(text.split()) <= 4:
            return Step(tuple(self._finish(s, sess)), True)
        from bot.language import scrub

        if not any(ch.isalnum() for ch in text):
            return Step((Reply("Please type the action in a few words, for example 'see the child at school'."),),
                        False)
        cleaned = scrub(text)
        now = self.clock()
        action = AgreedAction(session_id=sess.id, case_id=sess.case_id, what=cleaned.text.strip(), status="draft",
                              created_at=now)
        s.add(action)
        s.flush()
        sess.pending_action_id, sess.stage = action.id, "action_who"
        notes = self._scrub_note(s, sess, cleaned.removed)
        earlier = [a for a in self._history(s, sess).actions if similar(a.what, action.what,
                                                                        self.content.drift.repeat_similarity)]
        if earlier:
            first = min(earlier, key=lambda a: a.agreed_at)
            times = len({a.session_id for a in earlier})
            notes.append(Reply(f"A similar action was agreed before ({times} time{'s' if times > 1 else ''}, first "
                               f"on {_short_day(first.agreed_at.date())}: \"{first.what}\"). What will be different "
                               "this time? You may want to add that to the action."))
        return Step(tuple(notes), False)

    def _on_action_who(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        from bot.language import scrub

        action = s.get(AgreedAction, sess.pending_action_id)
        if not any(ch.isalnum() for ch in text):
            return Step((Reply("Please say who will do it, for example 'me' or 'supervisor'."),), False)
        cleaned = scrub(text)
        action.owner = cleaned.text.strip()[:200]
        sess.stage = "action_when"
        return Step(tuple(self._scrub_note(s, sess, cleaned.removed, roles=True)), False)

    def _on_action_when(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        from bot.language import parse_due_date, scrub

        action = s.get(AgreedAction, sess.pending_action_id)
        due = parse_due_date(text, self._today())
        if due is None:
            return Step((Reply(f"I couldn't read a date in \"{text}\". Please try something like 'by Friday', "
                               "'3 March', 'in two weeks' or 'end of the month'. The action itself is saved: \""
                               f"{action.what}\"."),), False)
        action.due_date, action.due_text, action.status = due, scrub(text).text[:200], "open"
        sess.pending_action_id, sess.stage = None, "action_more"
        return Step((Reply(f"Saved: \"{action.what}\", {action.owner or 'no owner given'}, by {_day(due)}."),), False)

    def _on_action_more(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        hits = _match_words(text, (MORE_ACTION, FINISH))
        if not hits:
            return Step((Reply("Please choose 'Add another action' or 'Finish the session'."),), False)
        if hits[0].value == "another":
            sess.stage = "action_what"
            return Step((), False)
        return Step(tuple(self._finish(s, sess)), True)

    # -- skipping and going back -------------------------------------------------------------
    def _skip(self, s: Session, sess: SupervisionSession) -> Step:
        stage = sess.stage
        if stage == "case_ref":
            return Step((Reply("I need a case reference to keep your reflections together, so this one can't be "
                               "skipped. Any reference you choose will do, such as ABC-12."),), False)
        if stage == "review":
            self._pop_review(sess)
            if not self._review_ids(sess):
                self._after_review(s, sess)
            return Step((Reply("Skipped: it stays open."),), False)
        if stage == "changed":
            sess.change, sess.stage = "unsure", "theme_choice"
            return Step((), False)
        if stage in ("theme_choice", "theme_list"):
            sugg = self._suggestions(sess)
            if self._taken(sess):  # came here from "choose another theme": back to the choice
                sess.stage = "next"
                return Step((), False)
            first = [t for t, _ in sugg] or [next(iter(self.content.themes))]
            sess.themes, sess.picked_by = ",".join(first), "history" if sugg else "default"
            self._begin_theme(sess, 0)
            return Step((Reply(f"Let's start with {self.content.themes[first[0]].name.lower()}, then."),), False)
        if stage == "question":
            theme = self._theme(sess)
            s.add(Reflection(session_id=sess.id, theme_id=theme.id, question_key=f"{theme.id}:{sess.question_pos + 1}",
                             prompt=theme.questions[sess.question_pos], skipped=True, created_at=self.clock()))
            self._advance(sess)
            return Step((Reply("Skipped."),), False)
        if stage == "follow_up":
            origin = s.get(Reflection, sess.follow_up_on) if sess.follow_up_on else None
            self._end_follow_up(sess, origin)
            return Step((), False)
        if stage == "next":
            sess.stage = "action_what"
            return Step((), False)
        if stage == "action_who":
            sess.stage = "action_when"
            return Step((Reply("OK, no owner for now."),), False)
        if stage == "action_when":
            action = s.get(AgreedAction, sess.pending_action_id)
            action.status = "open"
            sess.pending_action_id, sess.stage = None, "action_more"
            return Step((Reply(f"Saved without a date: \"{action.what}\". A date makes it easier to see at the next "
                               "session whether it happened."),), False)
        if stage in ("action_what", "action_more"):
            return Step(tuple(self._finish(s, sess)), True)
        return Step((), False)

    def _go_back(self, s: Session, sess: SupervisionSession) -> Step:
        if sess.stage in ("question", "next") and sess.question_pos > 0 and sess.asked_in_theme > 0:
            theme = self._theme(sess)
            key = f"{theme.id}:{sess.question_pos}"
            first = self._last_id(sess, key)
            for r in sess.reflections:
                if r.question_key == key or (first and r.id > first and r.question_key.startswith("follow_up:")):
                    r.superseded = True
            sess.question_pos -= 1
            sess.asked_in_theme -= 1
            sess.stage = "question"
            return Step((Reply("OK, let's go back one question. Your new answer will replace the earlier one."),),
                        False)
        return Step((Reply("Going back isn't possible at this point. You can add to or correct anything in your "
                           "next answer."),), False)

    @staticmethod
    def _last_id(sess: SupervisionSession, key: str) -> int:
        ids = [r.id for r in sess.reflections if r.question_key == key]
        return max(ids) if ids else 0

    # -- moving on -------------------------------------------------------------------------
    def _store(self, s: Session, sess: SupervisionSession, theme_id: str | None, key: str, prompt: str,
               text: str) -> tuple[Reflection | None, list[Reply]]:
        from bot.language import find_cues, scrub

        if not any(ch.isalnum() for ch in text):
            return None, [Reply("Please type a few words, or 'skip'.")]
        cleaned = scrub(text)
        cues = []
        for cue in find_cues(cleaned.text):
            if cue.kind not in cues:
                cues.append(cue.kind)
        refl = Reflection(session_id=sess.id, theme_id=theme_id, question_key=key, prompt=prompt,
                          text=cleaned.text, removed=",".join(cleaned.removed) or None, cues=",".join(cues) or None,
                          created_at=self.clock())
        s.add(refl)
        s.flush()
        s.expire(sess, ["reflections"])
        return refl, self._scrub_note(s, sess, cleaned.removed)

    def _scrub_note(self, s: Session, sess: SupervisionSession, removed: Sequence[str],
                    roles: bool = False) -> list[Reply]:
        """Which kinds of detail were taken out of what was typed: once a conversation, and
        again only for a new kind (bot/details_notice.py, issue 20)."""
        from bot.details_notice import notice_once

        return notice_once(s, sess.user_id, removed, self.clock(), roles=roles)

    def _want_follow_up(self, s: Session, sess: SupervisionSession, refl: Reflection) -> bool:
        """Asks the follow-up for the first cue in the reflection whose kind has not been
        followed up too often in this session."""
        if not refl.cues:
            return False
        asked: dict[str, int] = {}
        for r in sess.reflections:
            if r.question_key.startswith("follow_up:"):
                k = r.question_key.split(":", 1)[1]
                asked[k] = asked.get(k, 0) + 1
        found = refl.cues.split(",")
        order = list(self.content.follow_up_order)
        found.sort(key=lambda k: order.index(k) if k in order else len(order))
        for kind in found:
            if asked.get(kind, 0) < self.content.follow_ups_per_kind:
                sess.follow_up, sess.follow_up_on, sess.stage = kind, refl.id, "follow_up"
                return True
        return False

    def _end_follow_up(self, sess: SupervisionSession, origin: Reflection | None) -> None:
        sess.follow_up, sess.follow_up_on = None, None
        if origin is not None and origin.question_key == "changed":
            sess.stage = "theme_choice" if sess.change else "changed"
            return
        sess.stage = "question"
        self._advance(sess)

    def _advance(self, sess: SupervisionSession) -> None:
        theme = self._theme(sess)
        sess.asked_in_theme += 1
        sess.question_pos += 1
        if sess.asked_in_theme >= self.content.questions_per_theme or sess.question_pos >= len(theme.questions):
            sess.stage = "next"
        else:
            sess.stage = "question"

    def _begin_theme(self, sess: SupervisionSession, pos: int) -> None:
        sess.theme_pos, sess.question_pos, sess.asked_in_theme, sess.stage = pos, 0, 0, "question"

    def _taken(self, sess: SupervisionSession) -> list[str]:
        return [t for t in (sess.themes or "").split(",") if t in self.content.themes]

    def _theme(self, sess: SupervisionSession) -> Theme:
        taken = self._taken(sess)
        return self.content.themes[taken[min(sess.theme_pos, len(taken) - 1)]]

    def _next_theme(self, sess: SupervisionSession) -> Theme | None:
        taken = self._taken(sess)
        return self.content.themes[taken[sess.theme_pos + 1]] if sess.theme_pos + 1 < len(taken) else None

    def _match_theme(self, text: str) -> Theme | None:
        options = [Option(t.id, t.name, t.words) for t in self.content.themes.values()]
        hits = _match_words(text, tuple(options))
        return self.content.themes[hits[0].value] if hits else None

    def _themes_in(self, text: str) -> list[str]:
        if not text:
            return []
        options = tuple(Option(t.id, t.name, tuple(w for w in t.words if len(w) > 4))
                        for t in self.content.themes.values())
        return [o.value for o in _match_words(text, options)]

    def _stage_options(self, sess: SupervisionSession) -> tuple[Option, ...]:
        c = self.content
        themes = tuple(t.option for t in c.themes.values())
        return {"review": c.review, "changed": c.change, "theme_choice": (USE_SUGGESTED, CHOOSE_OWN) + themes,
                "theme_list": themes, "next": (NEXT_MORE, NEXT_THEME, NEXT_CHOOSE, NEXT_ACTIONS) + themes,
                "action_more": (MORE_ACTION, FINISH)}.get(sess.stage, ())

    # -- the case, its history and the opening ----------------------------------------------
    def _today(self) -> dt.date:
        return self.clock().date()

    def _unfinished(self, s: Session, user: User, ref: str, not_id: int | None = None) -> SupervisionSession | None:
        q = (select(SupervisionSession).join(Case, SupervisionSession.case_id == Case.id)
             .where(Case.owner_id == user.id, Case.reference == ref, SupervisionSession.user_id == user.id,
                    SupervisionSession.status.in_(("paused", "active"))))
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
            records.audit(s, "supervision_resumed", f"session {earlier.id} continued as {sess.id}", user=user,
                          case=case)
            return sess.id, [Reply(f"Welcome back to the supervision session for {ref}, started on "
                                   f"{_short_day(sess.started_at.date())}. Let's carry on where you left off.")]
        sess.case_id = case.id
        s.flush()
        s.expire(sess, ["case"])
        records.audit(s, "supervision_case", f"session {sess.id}", user=user, case=case)
        return sess.id, self._open(s, sess)

    def _take_over(self, s: Session, old: SupervisionSession, new: SupervisionSession) -> None:
        """A paused session carries on under the new session's id (the one the conversation
        holds): its place, reflections and actions move across; the old record says so."""
        for name in ("case_id", "stage", "themes", "theme_pos", "question_pos", "asked_in_theme", "picked_by",
                     "suggestions", "hint", "follow_up", "follow_up_on", "review_queue", "pending_action_id",
                     "change", "drift_flags", "started_at"):
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
        case = sess.case or s.get(Case, sess.case_id)
        sessions = s.execute(select(SupervisionSession).where(
            SupervisionSession.case_id == case.id, SupervisionSession.id != sess.id,
            SupervisionSession.status.in_(("complete", "stopped", "paused")))
            .order_by(SupervisionSession.started_at, SupervisionSession.id)).scalars().all()
        checks = s.execute(select(Check).where(Check.case_id == case.id)
                           .order_by(Check.started_at, Check.id)).scalars().all()
        answers, kept, times = [], [], []
        for chk in checks:
            live = [a for a in chk.answers if not a.superseded]
            if live:
                kept.append(chk)
                answers.append({a.question_id: a.value for a in live})
                times.append(max(a.created_at for a in live))
        acts = s.execute(select(AgreedAction).where(AgreedAction.case_id == case.id,
                                                    AgreedAction.session_id != sess.id)
                         .order_by(AgreedAction.created_at, AgreedAction.id)).scalars().all()
        views = [ActionView(a.id, a.session_id, a.what, a.owner, a.due_date, a.status, a.created_at) for a in acts]
        starts = [x.started_at for x in sessions] + [c.started_at for c in kept]
        opened = min(starts) if starts else None
        return History(case, list(sessions), kept, views, opened, answers, times)

    def drift(self, s: Session, sess: SupervisionSession) -> Drift:
        h = self._history(s, sess)
        return assess_drift(h.reviews(), h.actions, self.clock(), self.drift_days, self.content.drift)

    def _open(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        """What the session opens with: a look back, drift signs, then the first question."""
        h = self._history(s, sess)
        ref = h.case.reference
        if not h.sessions and not h.checks:
            sess.stage = "theme_choice"
            return [Reply(f"This is the first supervision session recorded for {ref}.")]
        lines: list[str] = []
        last = h.last_session
        since = last.started_at if last else None
        if last:
            lines.append(f"Welcome back to {ref}. The last supervision session was on {_short_day(since.date())}"
                         + (f" (themes: {self._theme_names(last)})." if self._theme_names(last) else "."))
        else:
            lines.append(f"This is the first supervision session for {ref}. I can see {len(h.checks)} guided "
                         f"check{'s' if len(h.checks) != 1 else ''} of this case.")
        changes = self._since(h, since)
        if changes:
            lines.append("Since then:" if last else "From the checks:")
            lines += [f"- {c}" for c in changes]
        elif last:
            lines.append("No checks or completed actions have been recorded since then.")
        today = self._today()
        overdue = [a for a in h.actions if a.status in OPEN and a.due and a.due < today]
        if overdue:
            lines.append("Overdue actions:")
            lines += [f"- \"{a.what}\" ({a.owner or 'no owner'}), due {_short_day(a.due)}, {(today - a.due).days} "
                      "days ago" for a in overdue]
        replies = [Reply("\n".join(lines))]
        report = assess_drift(h.reviews(), h.actions, self.clock(), self.drift_days, self.content.drift)
        sess.drift_flags = json.dumps(list(report.flags)) if report.flags else None
        if report.drifting:
            d = self.content.drift
            replies.append(Reply("This case may be drifting:\n" + "\n".join(f"- {f}" for f in report.flags) +
                                 "\nIt may help to agree with your manager what must change for the child and by "
                                 "when, to re-check the threshold, or to call a professionals meeting. (Source: "
                                 f"{self._cite(d.source, *d.also)}.)"))
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
        for chk, ans, when in zip(h.checks, h.check_answers, h.check_times):
            scale = ans.get("q_scale")
            if since is None or when > since:
                if chk.status == "complete":
                    level = labels.get(chk.level or "", chk.level or "no level")
                    move = ""
                    if scale not in (None, SKIPPED) and prev_scale not in (None, SKIPPED):
                        a, b = int(prev_scale), int(scale)
                        move = f", up from {a}" if b > a else (f", down from {a}" if b < a else ", no change")
                    shown = f", scale {scale} out of 10{move}" if scale not in (None, SKIPPED) else ""
                    out.append(f"a guided check on {_short_day(when.date())} pointed towards {level}{shown}")
                else:
                    out.append(f"a guided check was started on {_short_day(when.date())} but not finished")
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
        return _short_day(last.started_at.date()) if last else "last time"

    # -- picking themes --------------------------------------------------------------------
    def _suggestions(self, sess: SupervisionSession) -> list[tuple[str, str]]:
        """[(theme id, because)], worked out once when theme choice is first shown."""
        if sess.suggestions is not None:
            return [tuple(x) for x in json.loads(sess.suggestions)]
        from sqlalchemy.orm import object_session

        s = object_session(sess)
        out: list[tuple[str, str]] = []
        hint_words = [t for t in (sess.hint or "").split(",") if t in self.content.themes]
        for t in hint_words:
            out.append((t, "you mentioned it when you asked for this session"))
        if sess.case_id is not None:
            ctx = self._context(s, sess)
            for rule in self.content.picking:
                if self._holds(rule.when, ctx):
                    for t in rule.themes:
                        if t not in [x for x, _ in out]:
                            out.append((t, rule.because))
        out = out[: self.content.max_suggested]
        sess.suggestions = json.dumps(out)
        return out

    def _context(self, s: Session, sess: SupervisionSession) -> dict[str, Any]:
        h = self._history(s, sess)
        extra = []
        if sess.change in ("better", "worse", "same") and h.sessions:
            extra.append(Review(self.clock(), "session", sess.change != "same"))
        _, quiet = no_change_run(h.reviews(extra))
        today = self._today()
        complete = [(c, a) for c, a in zip(h.checks, h.check_answers) if c.status == "complete"]
        latest = h.check_answers[-1] if h.check_answers else {}
        scales = [int(a["q_scale"]) for _, a in complete if str(a.get("q_scale", "")).isdigit()]
        levels = [c.level for c, _ in complete if c.level]
        same_run = 0
        for lv in reversed(levels):
            if lv != levels[-1]:
                break
            same_run += 1
        return {
            "overdue": sum(1 for a in h.actions if a.status in OPEN and a.due and a.due < today),
            "no_change_reviews": quiet,
            "open_days": (self.clock() - h.opened).days if h.opened else 0,
            "latest": latest,
            "unsure": sum(1 for v in latest.values() if v == "unsure"),
            "scale_not_rising": len(scales) >= 2 and scales[-1] <= scales[-2],
            "same_level_run": same_run,
            "change_now": sess.change,
        }

    @staticmethod
    def _holds(when: Mapping[str, Any], ctx: Mapping[str, Any]) -> bool:
        for key, val in when.items():
            if key == "overdue_actions_at_least" and ctx["overdue"] < int(val):
                return False
            if key == "no_change_reviews_at_least" and ctx["no_change_reviews"] < int(val):
                return False
            if key == "open_days_at_least" and ctx["open_days"] < int(val):
                return False
            if key == "check_unsure_at_least" and ctx["unsure"] < int(val):
                return False
            if key == "scale_not_rising" and ctx["scale_not_rising"] != bool(val):
                return False
            if key == "same_level_checks_at_least" and ctx["same_level_run"] < int(val):
                return False
            if key == "change_now" and ctx["change_now"] not in val:
                return False
            if key == "check_answer":
                for qid, allowed in val.items():
                    given = set((ctx["latest"].get(qid) or "").split(","))
                    if not given & {str(a) for a in allowed}:
                        return False
        return True

    # -- the end -----------------------------------------------------------------------------
    def _finish(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        self._settle_draft(s, sess)
        sess.status, sess.ended_at, sess.stage = "complete", self.clock(), "done"
        s.flush()
        s.expire(sess, ["reflections", "actions"])
        text = self._summary(s, sess)
        sess.summary = text
        records.audit(s, "supervision_completed", f"session {sess.id}", case=sess.case)
        return [Reply("Thank you. Here is the record of this session, ready to paste into your supervision notes:"),
                Reply(text),
                Reply("What would you like to do next?", (Button("Main menu", "/menu"),
                                                          Button("Check my concerns about a child", "/start_check")))]

    def _summary(self, s: Session, sess: SupervisionSession) -> str:
        c = self.content
        ref = sess.case.reference if sess.case else "(no reference)"
        when = self.clock()
        lines = [f"Reflective supervision for case {ref}, {when:%d %b %Y %H:%M} (practitioner's own reference; no "
                 "names stored)", DISCLAIMER]
        change = {o.value: o.label for o in c.change}.get(sess.change or "")
        if change:
            lines.append(f"Since the last session: {change.lower()}.")
        if sess.drift_flags:
            lines.append("Drift signs at the start of the session:")
            lines += [f"- {f}" for f in json.loads(sess.drift_flags)]
        taken = self._taken(sess)
        discussed = [t for t in taken if any(r.theme_id == t for r in sess.reflections)]
        if discussed:
            how = {"history": "suggested from the case history", "user": "chosen by you",
                   "both": "suggested and chosen", "default": "a starting point"}.get(sess.picked_by or "", "")
            lines += ["", "Themes" + (f" ({how})" if how else "") + ":"]
            for t in discussed:
                th = c.themes[t]
                lines.append(f"{th.name} [{self._cite(th.source)}]")
                for r in sess.reflections:
                    if r.theme_id == t and not r.superseded:
                        answer = "(skipped)" if r.skipped else r.text
                        lines.append(f"- Q: {r.prompt}\n  A: {answer}")
        opening = [r for r in sess.reflections if r.theme_id is None and not r.superseded and r.text]
        if opening:
            lines += ["", "What has changed, in your words:"] + [f"- {r.text}" for r in opening]
        lines += ["", "Agreed actions:"]
        acts = [a for a in sess.actions if a.status in OPEN]
        if not acts:
            lines.append("- none agreed this time")
        for n, a in enumerate(acts, 1):
            due = f"by {_day(a.due_date)}" if a.due_date else "no date set"
            lines.append(f"{n}. {a.what} - {a.owner or 'no owner given'} - {due}")
        reviewed = s.execute(select(AgreedAction).where(AgreedAction.reviewed_in == sess.id)).scalars().all()
        if reviewed:
            lines += ["", "Earlier actions reviewed:"]
            label = {"done": "done", "dropped": "no longer needed", "open": "still open", "draft": "still open"}
            lines += [f"- {a.what}: {label.get(a.status, a.status)}" for a in reviewed]
        if any(r.removed for r in sess.reflections):
            lines += ["", "Personal details were removed from some answers before saving."]
        return "\n".join(lines)

    # -- for reports and tests ---------------------------------------------------------------
    def session_summary(self, session_id: int) -> str | None:
        with records.session_scope(self.db_url) as s:
            sess = s.get(SupervisionSession, session_id)
            return sess.summary if sess else None
