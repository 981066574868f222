"""Reflective supervision: themes, moving through their questions, follow-ups."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records.supervision_models import Reflection, SupervisionSession
from bot.walks.check_plan import Option, _match_words
from bot.walks.replies import Reply
from bot.walks.supervision_content import (
    CHOOSE_OWN,
    FINISH,
    MORE_ACTION,
    NEXT_ACTIONS,
    NEXT_CHOOSE,
    NEXT_MORE,
    NEXT_THEME,
    USE_SUGGESTED,
    Theme,
)
from bot.walks.supervision_drift import OPEN, Review, no_change_run


class Themes:
    """Picking themes from the case's history, moving through them, follow-ups on cue
    language (a part of bot.walks.supervision.SupervisionService)."""

    # -- moving on -------------------------------------------------------------------------
    def _store(
        self, s: Session, sess: SupervisionSession, theme_id: str | None, key: str, prompt: str, text: str
    ) -> tuple[Reflection | None, list[Reply]]:
        from bot.lang.api import find_cues, scrub

        if not any(ch.isalnum() for ch in text):
            return None, [Reply(say("supervision.type_words"))]
        cleaned = scrub(text)
        cues = []
        for cue in find_cues(cleaned.text):
            if cue.kind not in cues:
                cues.append(cue.kind)
        refl = Reflection(
            session_id=sess.id,
            theme_id=theme_id,
            question_key=key,
            prompt=prompt,
            text=cleaned.text,
            removed=",".join(cleaned.removed) or None,
            cues=",".join(cues) or None,
            created_at=self.clock(),
        )
        s.add(refl)
        s.flush()
        s.expire(sess, ["reflections"])
        return refl, self._scrub_note(s, sess, cleaned.removed)

    def _scrub_note(
        self, s: Session, sess: SupervisionSession, removed: Sequence[str], roles: bool = False
    ) -> list[Reply]:
        """Which kinds of detail were taken out of what was typed: once a conversation, and
        again only for a new kind (bot/walks/details_notice.py, issue 20)."""
        from bot.walks.details_notice import notice_once

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

    def _named_theme(self, text: str) -> Theme | None:
        """A theme named by its name ("drift", "disguised compliance and resistance"), not a word of it."""
        options = tuple(Option(t.id, t.name, ()) for t in self.content.themes.values())
        hits = _match_words(text, options)
        return self.content.themes[hits[0].value] if hits else None

    @staticmethod
    def _cues_in(text: str) -> bool:
        from bot.lang.api import find_cues, scrub

        return bool(find_cues(scrub(text).text))

    @staticmethod
    def _signs_in(text: str) -> bool:
        """Whether the text tells signs of neglect, as the check's account reader reads them
        ("the kids are still going to school dirty and hungry"): a case told (S20-UX3)."""
        from bot.lang.account import read_account
        from bot.walks.check import default_plan

        items = read_account(text, default_plan()).items
        return any(i.question_id.startswith("q_seen__") and i.value == "yes" for i in items)

    def _themes_in(self, text: str) -> list[str]:
        if not text:
            return []
        options = tuple(
            Option(t.id, t.name, tuple(w for w in t.words if len(w) > 4)) for t in self.content.themes.values()
        )
        return [o.value for o in _match_words(text, options)]

    def _stage_options(self, sess: SupervisionSession) -> tuple[Option, ...]:
        c = self.content
        themes = tuple(t.option for t in c.themes.values())
        return {
            "review": c.review,
            "changed": c.change,
            "theme_choice": (USE_SUGGESTED, CHOOSE_OWN) + themes,
            "theme_list": themes,
            "next": (NEXT_MORE, NEXT_THEME, NEXT_CHOOSE, NEXT_ACTIONS) + themes,
            "action_more": (MORE_ACTION, FINISH),
        }.get(sess.stage, ())

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
            out.append((t, say("supervision.mentioned")))
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
        complete = [(c, a) for c, a in zip(h.checks, h.check_answers, strict=False) if c.status == "complete"]
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
