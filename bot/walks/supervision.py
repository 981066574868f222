"""Reflective supervision as a service over the records: a case reference, a look back at
the case (earlier actions, what has changed, signs of drift), themes picked from the case's
history or chosen by the user, one open question at a time with follow-ups on cue
language, and agreed actions (what, who, by when). Content comes from
knowledge/supervision.yml; records are bot/records/supervision_models.py.

A walk of bot/walks/engine.py, like bot.walks.check.CheckService: the engine runs the turn (danger,
commands, asides), this module the session's own stages, with a table of stage handlers.
Its parts: bot/walks/supervision_content.py (knowledge/supervision.yml), bot/walks/supervision_drift.py
(drift signs and a case's history), bot/walks/supervision_history.py (the opening look back and
the review of earlier actions), bot/walks/supervision_themes.py (themes, follow-ups),
bot/walks/supervision_prompts.py (what is asked and why, the session's record),
bot/walks/supervision_actions.py (agreed actions). Time comes from
`clock`, so tests can move it on.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase, get_kb
from bot.knowledge.texts import say
from bot.records import caseref
from bot.records import store as records
from bot.records.store import Case
from bot.records.supervision_models import Reflection, SupervisionSession
from bot.settings import get_settings
from bot.walks import commands
from bot.walks.check_plan import _match_words, check_case_ref
from bot.walks.engine import Incoming, Step, Turn, Walk
from bot.walks.replies import Button, Reply, disclaimer
from bot.walks.supervision_actions import AgreedActions

# the content and drift types, re-exported for callers that import them from here
from bot.walks.supervision_content import (  # noqa: F401
    CHOOSE_OWN,
    NEXT_ACTIONS,
    NEXT_CHOOSE,
    NEXT_MORE,
    NEXT_THEME,
    USE_SUGGESTED,
    Content,
    DriftSettings,
    PickRule,
    StepText,
    Theme,
    button_hits,
    load_content,
)
from bot.walks.supervision_drift import (  # noqa: F401
    ActionView,
    Drift,
    History,
    Review,
    assess_drift,
    key_words,
    no_change_run,
    similar,
)
from bot.walks.supervision_history import CaseHistory
from bot.walks.supervision_prompts import Prompts
from bot.walks.supervision_skip_back import SkipAndBack
from bot.walks.supervision_themes import Themes

ACTION_STAGES = ("action_what", "action_who", "action_when")
FREE_TEXT_STAGES = ("case_ref", "question", "follow_up", "action_what", "action_who", "action_when")


def reference_in_request(text: str) -> str | None:
    """A case reference in a request such as 'supervision for ABC-12' or 'case 3310', but
    not a number of months ('at CIN for 18 months') or a section ('a s47'): bot.records.caseref's
    grammar, strictly."""
    return caseref.find(text or "", strict=True)


class SupervisionService(SkipAndBack, CaseHistory, Themes, Prompts, AgreedActions, Walk):
    flow = "supervision"
    # a reflection the classifier alone heard as danger is kept, with the 999 answer first
    warns_on_classifier = True

    def __init__(
        self, kb: KnowledgeBase | None = None, db_url: str | None = None, clock=None, drift_days: int | None = None
    ):
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
            sess = SupervisionSession(
                user_id=user.id,
                status="active",
                stage="case_ref",
                started_at=now,
                updated_at=now,
                hint=",".join(self._themes_in(text)),
            )
            s.add(sess)
            s.flush()
            records.audit(s, "supervision_started", f"session {sess.id}", user=user)
            replies = [Reply(say("supervision.intro", disclaimer=disclaimer()))]
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
                return None, [
                    Reply(
                        say("supervision.no_paused_session", ref=ref),
                        (Button(say("supervision.buttons.start"), "/start_supervision"),),
                    )
                ]
            sess.status, sess.updated_at = "active", self.clock()
            records.audit(s, "supervision_resumed", f"session {sess.id}", user=user, case=sess.case)
            return sess.id, [Reply(say("supervision.welcome_back", ref=ref))]

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
            rows = (
                s.execute(
                    select(Case.reference)
                    .join(SupervisionSession, SupervisionSession.case_id == Case.id)
                    .where(SupervisionSession.user_id == user.id, SupervisionSession.status == "paused")
                    .distinct()
                )
                .scalars()
                .all()
            )
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
        return Reply(say("supervision.not_running"))

    def ask(self, s: Session, sess: SupervisionSession | None) -> list[Reply]:
        if sess is None or sess.status != "active":
            return []
        return self._ask(s, sess)

    def read(self, s: Session, sess: SupervisionSession, msg: Incoming) -> Turn:
        return Turn(s, sess, Incoming((msg.text or "").strip(), msg.intent, msg.confidence, msg.aside, msg.danger_rule))

    def parses_as_answer(self, turn: Turn) -> bool:
        sess = turn.rec
        if sess.stage in FREE_TEXT_STAGES or sess.stage == "changed":
            return True
        return bool(self._stage_hits(turn.text, sess))

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
            hits = self._stage_hits(turn.msg.text, sess)
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
        return not self._stage_hits(text, sess)

    def _stage_hits(self, text: str, sess: SupervisionSession) -> list:
        """The options of the stage a typed reply names; between themes and after an action, a word in a
        phrase ("end of January") names none (supervision_content.button_hits)."""
        match = button_hits if sess.stage in ("next", "action_more") else _match_words
        return match(text, self._stage_options(sess))

    def back_to(self, turn: Turn) -> str:
        return say("supervision.back_to")

    def answer(self, turn: Turn) -> Step:
        sess = turn.rec
        sess.updated_at = self.clock()
        return self._stages()[sess.stage](turn.s, sess, turn.text)

    def _stages(self):
        """Each stage's handler of an answer."""
        return {
            "case_ref": self._on_case_ref,
            "review": self._on_review,
            "changed": self._on_changed,
            "theme_choice": self._on_theme_choice,
            "theme_list": self._on_theme_list,
            "question": self._on_question,
            "follow_up": self._on_follow_up,
            "next": self._on_next,
            "action_what": self._on_action_what,
            "action_who": self._on_action_who,
            "action_when": self._on_action_when,
            "action_more": self._on_action_more,
        }

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
            return Step((Reply(say("supervision.pause_needs_ref")),), False)
        self._settle_draft(s, sess)
        sess.status, sess.updated_at = "paused", self.clock()
        ref = sess.case.reference
        records.audit(s, "supervision_paused", f"session {sess.id}", case=sess.case)
        return Step((Reply(say("supervision.paused", ref=ref)),), True)

    def on_stop(self, turn: Turn) -> Step:
        s, sess = turn.s, turn.rec
        self._settle_draft(s, sess)
        sess.status, sess.ended_at = "stopped", self.clock()
        records.audit(s, "supervision_stopped", f"session {sess.id}", case=sess.case)
        saved = (
            say("supervision.stopped_saved", ref=sess.case.reference)
            if sess.case
            else say("supervision.stopped_unsaved")
        )
        return Step((Reply(say("supervision.stopped", saved=saved)),), True)

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
            return Step(
                (
                    Reply(
                        say("supervision.choose_review", labels=", ".join(f"'{o.label}'" for o in self.content.review))
                    ),
                ),
                False,
            )
        value = hits[0].value
        now = self.clock()
        action.reviewed_at, action.reviewed_in = now, sess.id
        if value == "done":
            action.status, action.completed_at = "done", now
            note = say("supervision.review_done")
        elif value == "dropped":
            action.status = "dropped"
            note = say("supervision.review_dropped")
        else:
            action.status = "open"
            note = say("supervision.review_open")
            if action.due_date and action.due_date < self._today():
                note += say("supervision.review_overdue")
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

    def _told_not_chosen(self, s: Session, sess: SupervisionSession, text: str) -> Step | None:
        """A long reply at the choice of themes that names no theme tells the case ("mum engages when
        we visit but nothing sticks, home conditions poor"): a theme word in it ("poor") is no choice.
        The themes it points to are offered as suggestions, to take or not; none: asked again.
        What it tells (a theme, a cue or a sign of neglect read in it) is kept, scrubbed, as the
        session's first reflection, so nothing the practitioner said is lost (session 18; signs:
        S20-UX3)."""
        if len(text.split()) < self.content.told_min_words or self._named_theme(text) is not None:
            return None
        sugg = self._suggestions(sess)
        have = [t for t, _ in sugg]
        found = self._themes_in(text)
        added = [t for t in found if t not in have]
        notes: list[Reply] = []
        if found or self._cues_in(text) or self._signs_in(text):
            refl, notes = self._store(s, sess, None, "told", say("supervision.told_prompt"), text)
            if refl is not None:
                notes.insert(0, Reply(say("supervision.told_kept")))
        if not added:
            return Step(tuple(notes) + (Reply(say("supervision.told_no_theme")),), False)
        new = [(t, say("supervision.mentioned_now")) for t in added] + sugg
        sess.suggestions = json.dumps(new[: self.content.max_suggested])
        sess.stage = "theme_choice"
        return Step(tuple(notes), False)

    def _on_theme_choice(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        told = self._told_not_chosen(s, sess, text)
        if told is not None:
            return told
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
            return Step((Reply(say("supervision.choose_theme_day")),), False)
        rest = [t for t, _ in sugg if t != theme.id]
        sess.themes, sess.picked_by = ",".join([theme.id] + rest), "user"
        self._begin_theme(sess, 0)
        return Step((), False)

    def _on_theme_list(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        told = self._told_not_chosen(s, sess, text) if not sess.themes else None
        if told is not None:
            return told
        theme = self._match_theme(text)
        if theme is None:
            return Step((Reply(say("supervision.choose_theme_group")),), False)
        taken = self._taken(sess)
        done = taken[: sess.theme_pos + 1] if sess.themes and sess.picked_by else []
        rest = [t for t in taken if t not in done and t != theme.id]
        sess.themes = ",".join(done + [theme.id] + rest)
        sess.picked_by = sess.picked_by or "user"
        if sess.picked_by == "history" and done:
            sess.picked_by = "both"
        self._begin_theme(sess, len(done))
        return Step((), False)

    @staticmethod
    def _is_choice_label(text: str) -> bool:
        """The whole message is the label of a button shown between themes ("Agree actions",
        "Choose another theme", "Next theme"): typed at a reflection question it is that choice,
        not a reflection (S20-UX3: "Agree actions" was saved as the answer to a follow-up)."""

        def norm(t: str) -> str:
            return " ".join(re.findall(r"[a-z]+", t.lower()))

        return norm(text) in {norm(o.label) for o in (NEXT_THEME, NEXT_CHOOSE, NEXT_ACTIONS)}

    def _on_question(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        if self._is_choice_label(text):
            sess.stage = "next"
            return self._on_next(s, sess, text)
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
        if self._is_choice_label(text) and (origin is None or origin.question_key != "changed"):
            sess.follow_up, sess.follow_up_on, sess.stage = None, None, "next"
            return self._on_next(s, sess, text)
        refl, notes = self._store(
            s,
            sess,
            origin.theme_id if origin else None,
            f"follow_up:{sess.follow_up}",
            self._follow_up_text(sess),
            text,
        )
        if refl is None:
            return Step(tuple(notes), False)
        self._end_follow_up(sess, origin)
        return Step(tuple(notes), False)

    def _on_next(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        theme = self._match_theme(text) if not text.lower().startswith("next theme") else None
        if theme is not None:
            return self._on_theme_list(s, sess, text)
        hits = button_hits(text, (NEXT_MORE, NEXT_THEME, NEXT_CHOOSE, NEXT_ACTIONS))
        if not hits:
            return Step((Reply(say("supervision.choose_button")),), False)
        choice = hits[0].value
        current = self._theme(sess)
        if choice == NEXT_MORE.value and sess.question_pos < len(current.questions):
            sess.stage, sess.asked_in_theme = "question", self.content.questions_per_theme - 1
        elif choice == NEXT_THEME.value and self._next_theme(sess):
            self._begin_theme(sess, sess.theme_pos + 1)
        elif choice in (NEXT_CHOOSE.value, NEXT_THEME.value, NEXT_MORE.value):
            sess.stage = "theme_list"
        else:
            sess.stage = "action_what"
        return Step((), False)

    # -- skipping and going back -------------------------------------------------------------
    # -- for reports and tests ---------------------------------------------------------------
    def session_summary(self, session_id: int) -> str | None:
        with records.session_scope(self.db_url) as s:
            sess = s.get(SupervisionSession, session_id)
            return sess.summary if sess else None
