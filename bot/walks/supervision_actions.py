"""Reflective supervision: agreed actions (what, who, by when), and an action whose owner or
date was still being asked kept rather than lost (a part of bot.walks.supervision.SupervisionService)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records.supervision_models import AgreedAction, SupervisionSession
from bot.walks.check_plan import _match_words
from bot.walks.engine import Step
from bot.walks.replies import Reply
from bot.walks.supervision_content import FINISH, MORE_ACTION, NO_ACTIONS, NOT_OWNERS, button_hits
from bot.walks.supervision_drift import _day, _short_day, similar


class AgreedActions:
    """The stages action_what, action_who, action_when and action_more."""

    def _on_action_what(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        if _match_words(text, (NO_ACTIONS,)) and len(text.split()) <= 4:
            return Step(tuple(self._finish(s, sess)), True)
        from bot.lang.api import scrub

        if not any(ch.isalnum() for ch in text):
            return Step((Reply(say("supervision.type_action")),), False)
        cleaned = scrub(text)
        now = self.clock()
        action = AgreedAction(
            session_id=sess.id, case_id=sess.case_id, what=cleaned.text.strip(), status="draft", created_at=now
        )
        s.add(action)
        s.flush()
        sess.pending_action_id, sess.stage = action.id, "action_who"
        notes = self._scrub_note(s, sess, cleaned.removed)
        earlier = [
            a
            for a in self._history(s, sess).actions
            if similar(a.what, action.what, self.content.drift.repeat_similarity)
        ]
        if earlier:
            first = min(earlier, key=lambda a: a.agreed_at)
            times = len({a.session_id for a in earlier})
            notes.append(
                Reply(
                    say(
                        "supervision.similar_many" if times > 1 else "supervision.similar_once",
                        times=times,
                        date=_short_day(first.agreed_at.date()),
                        what=first.what,
                    )
                )
            )
        return Step(tuple(notes), False)

    def _on_action_who(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        from bot.lang.api import scrub

        action = s.get(AgreedAction, sess.pending_action_id)
        if not any(ch.isalnum() for ch in text):
            return Step((Reply(say("supervision.say_who")),), False)
        if says_no_one(text):
            return Step((Reply(say("supervision.not_an_owner", text=text.strip(), what=action.what)),), False)
        cleaned = scrub(text)
        action.owner = cleaned.text.strip()[:200]
        sess.stage = "action_when"
        return Step(tuple(self._scrub_note(s, sess, cleaned.removed, roles=True)), False)

    def _on_action_when(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        from bot.lang.api import parse_due_date, scrub

        action = s.get(AgreedAction, sess.pending_action_id)
        due = parse_due_date(text, self._today())
        if due is None:
            return Step((Reply(say("supervision.no_date_read", text=text, what=action.what)),), False)
        action.due_date, action.due_text, action.status = due, scrub(text).text[:200], "open"
        sess.pending_action_id, sess.stage = None, "action_more"
        owner = action.owner or say("supervision.no_owner")
        return Step((Reply(say("supervision.action_saved", what=action.what, owner=owner, date=_day(due))),), False)

    def _on_action_more(self, s: Session, sess: SupervisionSession, text: str) -> Step:
        hits = button_hits(text, (MORE_ACTION, FINISH))
        if not hits:
            return Step((Reply(say("supervision.choose_more_or_finish")),), False)
        if hits[0].value == "another":
            sess.stage = "action_what"
            return Step((), False)
        return Step(tuple(self._finish(s, sess)), True)

    def _settle_draft(self, s: Session, sess: SupervisionSession) -> None:
        """An action whose owner or date was still being asked is kept, open, rather than lost."""
        if sess.pending_action_id:
            action = s.get(AgreedAction, sess.pending_action_id)
            if action is not None and action.status == "draft":
                action.status = "open"


def says_no_one(text: str) -> bool:
    """True when the words say nobody: only courtesies, yes/no or 'done' (knowledge/supervision.yml
    buttons.not_owners), as typed at "Who will do it?"."""
    left = " ".join(re.findall(r"[a-z0-9/']+", text.lower().replace("’", "'")))
    words = sorted((" ".join(re.findall(r"[a-z0-9/']+", w.lower())) for w in NOT_OWNERS), key=len, reverse=True)
    words = [w for w in words if w]
    prev = None
    while left and prev != left:
        prev = left
        for w in words:
            if left == w or left.startswith(w + " "):
                left = left[len(w) :].strip()
                break
    return not left
