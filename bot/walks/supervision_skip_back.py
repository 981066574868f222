"""Reflective supervision: skipping a prompt and going back one, stage by stage, without
losing what was written (a part of bot.walks.supervision.SupervisionService)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records.supervision_models import AgreedAction, Reflection, SupervisionSession
from bot.walks.engine import Step
from bot.walks.replies import Reply


class SkipAndBack:
    """For bot.walks.supervision.SupervisionService (which gives the stage helpers, content and clock)."""

    def _skip(self, s: Session, sess: SupervisionSession) -> Step:
        stage = sess.stage
        if stage == "case_ref":
            return Step((Reply(say("supervision.case_ref_not_skippable")),), False)
        if stage == "review":
            self._pop_review(sess)
            if not self._review_ids(sess):
                self._after_review(s, sess)
            return Step((Reply(say("supervision.review_skipped")),), False)
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
            return Step(
                (Reply(say("supervision.start_with", theme=self.content.themes[first[0]].name.lower())),), False
            )
        if stage == "question":
            theme = self._theme(sess)
            s.add(
                Reflection(
                    session_id=sess.id,
                    theme_id=theme.id,
                    question_key=f"{theme.id}:{sess.question_pos + 1}",
                    prompt=theme.questions[sess.question_pos],
                    skipped=True,
                    created_at=self.clock(),
                )
            )
            self._advance(sess)
            return Step((Reply(say("supervision.skipped")),), False)
        if stage == "follow_up":
            origin = s.get(Reflection, sess.follow_up_on) if sess.follow_up_on else None
            self._end_follow_up(sess, origin)
            return Step((), False)
        if stage == "next":
            sess.stage = "action_what"
            return Step((), False)
        if stage == "action_who":
            sess.stage = "action_when"
            return Step((Reply(say("supervision.no_owner_now")),), False)
        if stage == "action_when":
            action = s.get(AgreedAction, sess.pending_action_id)
            action.status = "open"
            sess.pending_action_id, sess.stage = None, "action_more"
            return Step((Reply(say("supervision.saved_no_date", what=action.what)),), False)
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
            return Step((Reply(say("supervision.back")),), False)
        return Step((Reply(say("supervision.no_back")),), False)

    @staticmethod
    def _last_id(sess: SupervisionSession, key: str) -> int:
        ids = [r.id for r in sess.reflections if r.question_key == key]
        return max(ids) if ids else 0
