"""Reflective supervision: the questions, why they are asked, the session's record."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import Source
from bot.knowledge.texts import say
from bot.records import store as records
from bot.records.supervision_models import AgreedAction, SupervisionSession
from bot.walks.replies import Button, Reply, disclaimer
from bot.walks.supervision_content import (
    CHOOSE_OWN,
    FINISH,
    MORE_ACTION,
    NEXT_ACTIONS,
    NEXT_CHOOSE,
    NEXT_MORE,
    NO_ACTIONS,
    OWNERS,
    USE_SUGGESTED,
)
from bot.walks.supervision_drift import OPEN, _day, _short_day


def _why_button() -> Button:
    return Button(say("common.buttons.why"), "/why_asking")


def _skip_button() -> Button:
    return Button(say("common.buttons.skip"), "/skip")


class Prompts:
    """What a session asks at each stage, why it asks it, and the record it ends with (a
    part of bot.walks.supervision.SupervisionService)."""

    # -- asking ----------------------------------------------------------------------------
    def _ask(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        c = self.content
        stage = sess.stage
        WHY, SKIP = _why_button(), _skip_button()
        if stage == "case_ref":
            return [Reply(c.steps["case_ref"].text, (WHY,))]
        if stage == "review":
            action = self._current_review(s, sess)
            if action is None:
                self._after_review(s, sess)
                return self._ask(s, sess)
            text = c.steps["review"].text.format(
                date=_short_day(action.created_at.date()),
                what=action.what,
                who=action.owner or say("supervision.no_owner"),
                due=_short_day(action.due_date) if action.due_date else say("supervision.no_date"),
            )
            overdue = action.due_date is not None and action.due_date < self._today()
            if overdue:
                text += say("supervision.review_due_ago", days=(self._today() - action.due_date).days)
            return [Reply(text, tuple(Button(o.label, o.label) for o in c.review) + (WHY, SKIP))]
        if stage == "changed":
            buttons = tuple(Button(o.label, o.label) for o in c.change) + (WHY, SKIP)
            if any(r.question_key == "changed" and not r.superseded for r in sess.reflections):
                return [Reply(say("supervision.overall_change"), buttons)]
            return [Reply(self._ask_changed_text(s, sess), buttons)]
        if stage == "theme_choice":
            sugg = self._suggestions(sess)
            if not sugg:
                return self._theme_list(say("supervision.which_theme_own_words"), sess)
            lines = [say("supervision.suggested_intro")]
            lines += [say("supervision.suggested_line", theme=c.themes[t].name, because=because) for t, because in sugg]
            lines.append(say("supervision.suggested_ask"))
            return [
                Reply(
                    "\n".join(lines),
                    (Button(USE_SUGGESTED.label, USE_SUGGESTED.label), Button(CHOOSE_OWN.label, CHOOSE_OWN.label), WHY),
                )
            ]
        if stage == "theme_list":
            return self._theme_list(say("supervision.which_theme"), sess)
        if stage == "question":
            theme = self._theme(sess)
            q = theme.questions[sess.question_pos]
            first = sess.asked_in_theme == 0 and sess.question_pos == 0
            head = say("supervision.theme_head", theme=theme.name, text=theme.text) if first else ""
            return [Reply(say("supervision.theme_question", head=head, theme=theme.name, question=q), (WHY, SKIP))]
        if stage == "follow_up":
            return [Reply(self._follow_up_text(sess), (WHY, SKIP))]
        if stage == "next":
            theme = self._theme(sess)
            buttons = []
            if sess.question_pos < len(theme.questions):
                buttons.append(Button(NEXT_MORE.label, NEXT_MORE.label))
            nxt = self._next_theme(sess)
            if nxt:
                label = say("supervision.next_theme", theme=nxt.name)
                buttons.append(Button(label, label))
            buttons += [Button(NEXT_CHOOSE.label, NEXT_CHOOSE.label), Button(NEXT_ACTIONS.label, NEXT_ACTIONS.label)]
            return [Reply(say("supervision.stay_or_move", theme=theme.name.lower()), tuple(buttons))]
        if stage == "action_what":
            return [Reply(c.steps["action_what"].text, (Button(NO_ACTIONS.label, NO_ACTIONS.label), WHY))]
        if stage == "action_who":
            return [Reply(c.steps["action_who"].text, tuple(Button(o.label, o.label) for o in OWNERS) + (WHY, SKIP))]
        if stage == "action_when":
            return [Reply(c.steps["action_when"].text, (WHY, SKIP))]
        if stage == "action_more":
            return [
                Reply(
                    say("supervision.another_action"),
                    (Button(MORE_ACTION.label, MORE_ACTION.label), Button(FINISH.label, FINISH.label)),
                )
            ]
        return []

    def _theme_list(self, text: str, sess: SupervisionSession) -> list[Reply]:
        done = set(self._taken(sess)[: sess.theme_pos + 1]) if sess.stage == "theme_list" and sess.themes else set()
        buttons = tuple(Button(t.name, t.name) for t in self.content.themes.values() if t.id not in done)
        return [Reply(text, buttons + (_why_button(),))]

    def _follow_up_text(self, sess: SupervisionSession) -> str:
        from bot.lang.api import cue_kinds

        kind = cue_kinds().get(sess.follow_up or "")
        return kind.follow_up if kind else say("supervision.say_more")

    def _why(self, sess: SupervisionSession) -> str:
        c = self.content
        stage = sess.stage
        if stage in ("question", "next"):
            theme = self._theme(sess)
            return say("supervision.why", why=theme.why, source=self._cite(theme.source, *theme.also))
        if stage == "follow_up":
            from bot.lang.api import cue_kinds

            kind = cue_kinds().get(sess.follow_up or "")
            if kind is not None:
                pit = self.kb.items.get(kind.pitfall)
                trap = say("supervision.why_trap", pitfall=pit.name.lower()) if pit else ""
                source = self._cite(Source(kind.source_doc, kind.source_section))
                return say("supervision.why_cue", cue=kind.name.lower(), trap=trap, source=source)
        key = {"action_more": "action_what", "theme_list": "theme_choice"}.get(stage, stage)
        step = c.steps.get(key)
        if step is None:
            return say("supervision.why_moving")
        basis = f" {step.basis}" if step.basis else ""
        src = say("supervision.why_source", source=self._cite(step.source, *step.also)) if step.source else ""
        return say("supervision.why_step", why=step.why, basis=basis, source=src)

    def _cite(self, *sources: Source) -> str:
        return "; ".join(self.kb.cite(x) for x in sources if x is not None)

    # -- the end -----------------------------------------------------------------------------
    def _finish(self, s: Session, sess: SupervisionSession) -> list[Reply]:
        self._settle_draft(s, sess)
        sess.status, sess.ended_at, sess.stage = "complete", self.clock(), "done"
        s.flush()
        s.expire(sess, ["reflections", "actions"])
        text = self._summary(s, sess)
        sess.summary = text
        records.audit(s, "supervision_completed", f"session {sess.id}", case=sess.case)
        return [
            Reply(say("supervision.record_intro")),
            Reply(text),
            Reply(
                say("supervision.next"),
                (
                    Button(say("supervision.buttons.main_menu"), "/menu"),
                    Button(say("supervision.buttons.start_check"), "/start_check"),
                ),
            ),
        ]

    def _summary(self, s: Session, sess: SupervisionSession) -> str:
        c = self.content
        R = "supervision.record."
        ref = sess.case.reference if sess.case else say(R + "no_reference")
        when = self.clock()
        lines = [say(R + "title", ref=ref, when=f"{when:%d %b %Y %H:%M}"), disclaimer()]
        change = {o.value: o.label for o in c.change}.get(sess.change or "")
        if change:
            lines.append(say(R + "since_last", change=change.lower()))
        if sess.drift_flags:
            lines.append(say(R + "drift_signs"))
            lines += [f"- {f}" for f in json.loads(sess.drift_flags)]
        taken = self._taken(sess)
        discussed = [t for t in taken if any(r.theme_id == t for r in sess.reflections)]
        if discussed:
            picked = sess.picked_by or ""
            how = say(R + "picked_by." + picked) if picked in ("history", "user", "both", "default") else ""
            lines += ["", say(R + "themes_how", how=how) if how else say(R + "themes")]
            for t in discussed:
                th = c.themes[t]
                lines.append(f"{th.name} [{self._cite(th.source)}]")
                for r in sess.reflections:
                    if r.theme_id == t and not r.superseded:
                        answer = say(R + "skipped") if r.skipped else r.text
                        lines.append(say(R + "qa", prompt=r.prompt, answer=answer))
        opening = [r for r in sess.reflections if r.theme_id is None and not r.superseded and r.text]
        changed = [r for r in opening if r.question_key != "told"]
        told = [r for r in opening if r.question_key == "told"]
        if changed:
            lines += ["", say(R + "changed_words")] + [f"- {r.text}" for r in changed]
        if told:
            lines += ["", say(R + "told_words")] + [f"- {r.text}" for r in told]
        lines += ["", say(R + "agreed")]
        acts = [a for a in sess.actions if a.status in OPEN]
        if not acts:
            lines.append(say(R + "none_agreed"))
        for n, a in enumerate(acts, 1):
            due = say(R + "by_date", date=_day(a.due_date)) if a.due_date else say(R + "no_date")
            owner = a.owner or say("supervision.no_owner")
            lines.append(say(R + "action", n=n, what=a.what, owner=owner, due=due))
        reviewed = s.execute(select(AgreedAction).where(AgreedAction.reviewed_in == sess.id)).scalars().all()
        if reviewed:
            lines += ["", say(R + "reviewed")]
            known = ("done", "dropped", "open", "draft")
            lines += [
                f"- {a.what}: {say(R + 'status.' + a.status) if a.status in known else a.status}" for a in reviewed
            ]
        if any(r.removed for r in sess.reflections):
            lines += ["", say(R + "removed")]
        return "\n".join(lines)
