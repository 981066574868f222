"""Reflective supervision: the questions, why they are asked, the session's record."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import Source
from bot.records import store as records
from bot.records.supervision_models import AgreedAction, SupervisionSession
from bot.walks.replies import DISCLAIMER, Button, Reply
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

WHY = Button("Why are you asking?", "/why_asking")
SKIP = Button("Skip", "/skip")


class Prompts:
    """What a session asks at each stage, why it asks it, and the record it ends with (a
    part of bot.walks.supervision.SupervisionService)."""

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
            text = c.steps["review"].text.format(
                date=_short_day(action.created_at.date()),
                what=action.what,
                who=action.owner or "no owner given",
                due=_short_day(action.due_date) if action.due_date else "no date",
            )
            overdue = action.due_date is not None and action.due_date < self._today()
            if overdue:
                text += f" It was due {(self._today() - action.due_date).days} days ago."
            return [Reply(text, tuple(Button(o.label, o.label) for o in c.review) + (WHY, SKIP))]
        if stage == "changed":
            buttons = tuple(Button(o.label, o.label) for o in c.change) + (WHY, SKIP)
            if any(r.question_key == "changed" and not r.superseded for r in sess.reflections):
                return [
                    Reply(
                        "Thank you, that's saved. Overall, would you say things are better, the same or worse "
                        "for the child?",
                        buttons,
                    )
                ]
            return [Reply(self._ask_changed_text(s, sess), buttons)]
        if stage == "theme_choice":
            sugg = self._suggestions(sess)
            if not sugg:
                return self._theme_list(
                    "Which theme would you like to reflect on? Choose one, or type it in your " "own words.", sess
                )
            lines = ["From what I know of this case, these themes may help, in this order:"]
            lines += [f"- {c.themes[t].name}: {because}." for t, because in sugg]
            lines.append("Shall we take these, or would you rather choose a theme yourself?")
            return [
                Reply(
                    "\n".join(lines),
                    (Button(USE_SUGGESTED.label, USE_SUGGESTED.label), Button(CHOOSE_OWN.label, CHOOSE_OWN.label), WHY),
                )
            ]
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
            return [
                Reply(
                    f"Thank you. Would you like to stay with {theme.name.lower()}, move on, or agree " "actions?",
                    tuple(buttons),
                )
            ]
        if stage == "action_what":
            return [Reply(c.steps["action_what"].text, (Button(NO_ACTIONS.label, NO_ACTIONS.label), WHY))]
        if stage == "action_who":
            return [Reply(c.steps["action_who"].text, tuple(Button(o.label, o.label) for o in OWNERS) + (WHY, SKIP))]
        if stage == "action_when":
            return [Reply(c.steps["action_when"].text, (WHY, SKIP))]
        if stage == "action_more":
            return [
                Reply(
                    "Is there another action to agree?",
                    (Button(MORE_ACTION.label, MORE_ACTION.label), Button(FINISH.label, FINISH.label)),
                )
            ]
        return []

    def _theme_list(self, text: str, sess: SupervisionSession) -> list[Reply]:
        done = set(self._taken(sess)[: sess.theme_pos + 1]) if sess.stage == "theme_list" and sess.themes else set()
        buttons = tuple(Button(t.name, t.name) for t in self.content.themes.values() if t.id not in done)
        return [Reply(text, buttons + (WHY,))]

    def _follow_up_text(self, sess: SupervisionSession) -> str:
        from bot.lang.api import cue_kinds

        kind = cue_kinds().get(sess.follow_up or "")
        return kind.follow_up if kind else "Can you say a little more about what that means for the child?"

    def _why(self, sess: SupervisionSession) -> str:
        c = self.content
        stage = sess.stage
        if stage in ("question", "next"):
            theme = self._theme(sess)
            return f"Why I ask: {theme.why} (Source: {self._cite(theme.source, *theme.also)}.)"
        if stage == "follow_up":
            from bot.lang.api import cue_kinds

            kind = cue_kinds().get(sess.follow_up or "")
            if kind is not None:
                pit = self.kb.items.get(kind.pitfall)
                trap = f" It can be a sign of {pit.name.lower()}." if pit else ""
                return (
                    f"Why I ask: what you wrote sounded like {kind.name.lower()}.{trap} A follow-up helps to "
                    f"check it against what the child is living with. (Source: "
                    f"{self._cite(Source(kind.source_doc, kind.source_section))}.)"
                )
        key = {"action_more": "action_what", "theme_list": "theme_choice"}.get(stage, stage)
        step = c.steps.get(key)
        if step is None:
            return "Why I ask: to keep the session moving one step at a time."
        basis = f" {step.basis}" if step.basis else ""
        src = f" (Source: {self._cite(step.source, *step.also)}.)" if step.source else ""
        return f"Why I ask: {step.why}{basis}{src}"

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
            Reply("Thank you. Here is the record of this session, ready to paste into your supervision notes:"),
            Reply(text),
            Reply(
                "What would you like to do next?",
                (Button("Main menu", "/menu"), Button("Check my concerns about a child", "/start_check")),
            ),
        ]

    def _summary(self, s: Session, sess: SupervisionSession) -> str:
        c = self.content
        ref = sess.case.reference if sess.case else "(no reference)"
        when = self.clock()
        lines = [
            f"Reflective supervision for case {ref}, {when:%d %b %Y %H:%M} (practitioner's own reference; no "
            "names stored)",
            DISCLAIMER,
        ]
        change = {o.value: o.label for o in c.change}.get(sess.change or "")
        if change:
            lines.append(f"Since the last session: {change.lower()}.")
        if sess.drift_flags:
            lines.append("Drift signs at the start of the session:")
            lines += [f"- {f}" for f in json.loads(sess.drift_flags)]
        taken = self._taken(sess)
        discussed = [t for t in taken if any(r.theme_id == t for r in sess.reflections)]
        if discussed:
            how = {
                "history": "suggested from the case history",
                "user": "chosen by you",
                "both": "suggested and chosen",
                "default": "a starting point",
            }.get(sess.picked_by or "", "")
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
