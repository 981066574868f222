"""The guided check: one typed answer in the practitioner's own words (bot/lang/answers.py)
mapped onto the question's options: a sure reading is stored with the words as evidence, a
likely one is offered back ("That sounds like ..., is that right?"), and the buttons are never
repeated as the only way in (a part of bot.walks.check.CheckService)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.records.store import Answer, Check
from bot.walks.check_plan import Question
from bot.walks.engine import Step
from bot.walks.replies import Button, Reply

UNPLACED_WORDS = 8  # a message read for no answer is told nothing of it was saved from this length


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
        if reading.status == "ask":  # offered back, even when a length of time was also found
            return Step(tuple(self._hold(s, check, question, reading.value, text)), False)
        from bot.lang.answer_openings import asks
        from bot.lang.answers import about_two_children

        if about_two_children(text, question):  # the check is about one child: which one?
            return Step((Reply(say("check.two_children")),), False)
        if question.kind == "duration" and asks(text) is None:  # a length of time the reader left alone
            if parsed.ok:
                return self._store(s, check, question, parsed.value, parsed.detail or text)
            return Step((Reply(parsed.detail),), False)
        return Step((self._unplaced(text, say("check.not_sure_which")),), False)

    @staticmethod
    def _unplaced(text: str, detail: str) -> Reply:
        """The reply to a typed message read for no answer: a long one ("also mum seems really low and
        the flat is freezing") is told that nothing of it is saved, not only which buttons to press.
        It opens with the 999 line (check.unplaced_safety): the danger rules read every message
        first, but a danger told in words they do not know ("he's in the canal", "dog's still on her
        arm") is read for no answer here, and must still meet "call 999" first (session 20)."""
        safety = say("check.unplaced_safety")
        if len(text.split()) >= UNPLACED_WORDS:
            return Reply(f"{safety} {say('check.not_placed', detail=detail)}")
        return Reply(f"{safety} {detail}")

    def _hold(self, s: Session, check: Check, question: Question, value: str, text: str) -> list[Reply]:
        """A likely reading kept to offer back at the next prompt ("That sounds like ...")."""
        from bot.lang.api import scrub

        self._clear_pending(s, check)
        cleaned = scrub(text)
        s.add(
            Answer(
                check_id=check.id,
                question_id=self.PENDING + question.id,
                value=value,
                text=cleaned.text,
                superseded=True,
                created_at=self.clock(),
            )
        )
        s.flush()
        s.expire(check, ["answers"])
        return self._removed_notice(s, check, cleaned.removed)

    # -- two questions asked as one (account_words.yml `paired`) ----------------------------------
    def _partner(self, check: Check, question: Question | None) -> Question | None:
        """The question asked together with this one, when it applies and is not answered yet."""
        from bot.lang.answers import lexicon

        if question is None or self._pending(check, question) is not None:
            return None
        pairs = (lexicon().get("paired") or {}).get("pairs") or {}
        base, per_type, type_id = question.id.partition("__")
        answers = self._answers(check)
        others = pairs.get(base) or []
        for other in [others] if isinstance(others, str) else others:  # the first that is still to ask
            partner = self.plan.by_id.get(f"{other}__{type_id}" if per_type else str(other))
            if partner is not None and partner.id not in answers and self.plan.applies(partner, answers):
                return partner
        return None

    def partner_of(self, check_id: int) -> Question | None:
        """The question asked with the current one (for callers outside a turn: the evaluation)."""
        from bot.records import store as records

        with records.session_scope(self.db_url) as s:
            check = s.get(Check, check_id)
            return self._partner(check, self.plan.next_question(self._answers(check)))

    def _read_partner(self, partner: Question, text: str, short_ok: bool = False):
        """The reply read for the second question of a pair: a reading, or None. A short reply
        answers the first question only; a free-text partner (the child's voice) takes only
        the words that give the child's voice (bot/lang/account.py)."""
        from bot.lang.answers import Reading, lexicon

        if not short_ok and len(text.split()) < int((lexicon().get("paired") or {}).get("min_words") or 4):
            return None
        if partner.kind == "text":
            from bot.lang.account import read_account

            items = read_account(text, self.plan, self.clock().date()).items
            said = next((i for i in items if i.question_id == partner.id), None)
            if said is None:
                return None
            value, evidence = _as_typed(text, said.value), _as_typed(text, said.evidence)
            return Reading("sure", value, evidence, (value,))
        reading = self._read(partner, text)
        if not short_ok and reading is not None and reading.status == "sure" and reading.value == "none_yet":
            # "no clear impact" is never taken from words that may answer the other question
            # (only from a part of its own: "every week; none yet"): offered back
            return Reading("ask", reading.value, reading.evidence, reading.candidates, reading.harm, reading.hits)
        return reading

    @staticmethod
    def _only_hedge(text: str) -> bool:
        """A part of a reply that is only a hedge ("not sure", "hard to say", "don't know")."""
        from bot.lang.answers import _clean, lexicon
        from bot.lang.nlp import as_list

        lx = lexicon()
        words = {_clean(str(w)) for w in as_list(lx.get("hedges"))}
        words |= {_clean(str(w)) for w in as_list((lx.get("rest_of_types") or {}).get("unsure"))}
        words |= {_clean(str(w)) for w in as_list((lx.get("rest_of_types") or {}).get("hedges"))}
        return _clean(text) in words

    @staticmethod
    def _pair_parts(text: str) -> tuple[str, str]:
        """A reply to two questions told in two parts ("every day; she's lost weight", two
        sentences): (the first part, the rest); (text, "") when it is one part."""
        parts = [p.strip() for p in re.split(r"[;\n]|(?<=[.!?])\s+", text) if p.strip()]
        return (parts[0], " ".join(parts[1:])) if len(parts) >= 2 else (text, "")

    def _take_pair(
        self, s: Session, check: Check, question: Question, partner: Question, text: str, step, whole: str = ""
    ) -> Step:
        """After the first question of a pair took the reply: the second, from the same words
        (`text`: the part of the reply after the first, or all of it; `whole`: all of it)."""
        from bot.lang.answers import lexicon

        two_parts = bool(whole) and text != whole
        apart = (lexicon().get("paired") or {}).get("second_part_only") or ()
        if partner.id.partition("__")[0] in apart and not two_parts:
            return step
        reading = self._read_partner(partner, text, short_ok=two_parts)
        if reading is None or reading.status not in ("sure", "ask") or step.finished:
            return step
        answers = self._answers(check)
        if partner.id in answers:
            return step
        if reading.status == "sure":
            words = reading.evidence if partner.kind == "text" else (text if two_parts else whole or text)
            more = self._store(s, check, partner, reading.value, words, whole=whole or text)
            noted: tuple[Reply, ...] = ()
            if question.id not in self._answers(check) and not more.finished:
                # the reply answered the second question but not the first ("not that I know of" to a
                # case reference and the disability question): said, so that nothing is taken silently
                label = self.plan.label(partner, reading.value) if partner.options else reading.value
                name = partner.short[:1].upper() + partner.short[1:]
                noted = (Reply(say("check.partner_noted", question=name, label=label)),)
            # something of the reply was kept: no 999 line or "nothing from it is saved" before it, only its hint
            kept = tuple(Reply(_placed_after_all(r.text), r.buttons) for r in step.replies)
            return Step(kept + noted + more.replies, more.finished)
        # a likely reading is offered back only from a part of its own ("about 8 months, getting
        # worse" says how often, not "some impact")
        if (
            two_parts
            and question.id in answers
            and not any(a.question_id.startswith(self.PENDING) for a in check.answers)
        ):
            held = text if two_parts else whole or text
            return Step(step.replies + tuple(self._hold(s, check, partner, reading.value, held)), False)
        return step

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


def _as_typed(text: str, words: str) -> str:
    """`words` as the practitioner typed them in `text`: the account reader joins tokens with
    spaces ("she 's hungry"), the record keeps what was typed ("she's hungry")."""
    tokens = (words or "").split()
    if not tokens:
        return words
    found = re.search(r"\s*".join(re.escape(t) for t in tokens), text, flags=re.IGNORECASE)
    return found.group(0) if found else words


def _placed_after_all(text: str) -> str:
    """A reply of `_unplaced` for a message that answered the other question of a pair after all:
    its hint only, without the 999 line and "nothing from it is saved" before it."""
    for lead in (say("check.unplaced_safety"), say("check.not_placed", detail="").strip()):
        if text.startswith(lead):
            text = text[len(lead) :].strip()
    return text
