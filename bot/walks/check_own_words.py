"""The guided check: one typed answer in the practitioner's own words (bot/lang/answers.py)
mapped onto the question's options: a sure reading is stored with the words as evidence, a
likely one is offered back ("That sounds like ..., is that right?"), and the buttons are never
repeated as the only way in (a part of bot.walks.check.CheckService)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records.store import Answer, Check
from bot.walks.check_plan import Question
from bot.walks.engine import Step
from bot.walks.replies import Button, Reply


class OwnWords:
    """For bot.walks.check.CheckService (which gives _store, _removed_notice, plan and clock)."""

    # -- own words (bot/lang/answers.py; a whole account: bot/walks/check_account.py) -------
    PENDING = "?"  # an offered reading waiting for "yes": an Answer row, superseded, question id "?<id>"

    def _read(self, question: Question, text: str):
        from bot.lang.answers import read_answer

        if question.id == "q_danger_now":  # danger is read by the danger check, never guessed here
            return None
        return read_answer(question, text, self.clock().date())

    def _pending(self, check: Check, question: Question) -> Answer | None:
        rows = sorted(check.answers, key=lambda a: a.id)
        if rows and rows[-1].question_id == self.PENDING + question.id:
            return rows[-1]
        return None

    def _clear_pending(self, s: Session, check: Check) -> None:
        for a in list(check.answers):
            if a.question_id.startswith(self.PENDING):
                s.delete(a)
        s.flush()
        s.expire(check, ["answers"])

    def _take_reading(self, s: Session, check: Check, question: Question, reading, parsed, text: str) -> Step:
        """Stores a sure reading with the words as evidence; offers a likely one back ("That
        sounds like ..., is that right?", asked by prompt()); never loops on the buttons."""
        if reading.status == "sure":
            return self._store(s, check, question, reading.value, text)
        if parsed.ok and question.kind == "duration":
            return self._store(s, check, question, parsed.value, parsed.detail or text)
        if reading.status == "ask":
            from bot.lang.api import scrub

            self._clear_pending(s, check)
            cleaned = scrub(text)
            s.add(
                Answer(
                    check_id=check.id,
                    question_id=self.PENDING + question.id,
                    value=reading.value,
                    text=cleaned.text,
                    superseded=True,
                    created_at=self.clock(),
                )
            )
            s.flush()
            s.expire(check, ["answers"])
            return Step(tuple(self._removed_notice(s, check, cleaned.removed)), False)
        if not parsed.ok and question.kind == "duration":
            return Step((Reply(parsed.detail),), False)
        return Step(
            (Reply(say("check.not_sure_which")),),
            False,
        )

    def _offer(self, q: Question, pending: Answer) -> Reply:
        """'That sounds like <option>, is that right?' with the nearest options as buttons."""
        from bot.lang.answers import read_answer

        label = self.plan.label(q, pending.value)
        reading = read_answer(q, pending.text or "", self.clock().date()) if pending.text else None
        order = [pending.value] + [v for v in (reading.candidates if reading else ()) if v != pending.value]
        if not (reading and reading.harm):  # harm described: "no clear impact" is not offered
            order += [o.value for o in q.options if o.value not in order]
        words = say("check.you_said", text=pending.text) if pending.text and len(pending.text) <= 160 else ""
        if q.id.startswith("q_impact") and pending.value == "serious":
            text = say("check.sounds_serious", words=words)
        else:
            text = say("check.sounds_like", label=label, words=words)
        buttons = [
            Button(
                self.plan.label(q, v),
                self.plan.label(q, v).replace(", ", " and ") if q.kind == "multi" else self.plan.label(q, v),
            )
            for v in order[:4]
        ]
        buttons.append(Button(say("common.buttons.why"), "/why_asking"))
        buttons.append(Button(say("common.buttons.skip"), "/skip"))
        return Reply(text, tuple(buttons))
