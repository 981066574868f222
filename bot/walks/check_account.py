"""The guided check: a case told in the practitioner's own words (bot/lang/account.py) fills
in what it can, shows what it understood with the words beside each item, and takes a
confirmation or a correction; after an account, the types of neglect it did not mention
are asked together (a part of bot.walks.check.CheckService)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.lang.answers import is_no
from bot.records import store as records
from bot.records.store import Answer, Check
from bot.walks.check_plan import Question
from bot.walks.engine import Step
from bot.walks.replies import Button, Reply
from bot.walks.safety import emergency_reply


class AccountReading:
    """The own-words account of a case, for bot.walks.check.CheckService (which gives _answers,
    _clear_pending, _store, _removed_notice, plan, kb and clock)."""

    ACCOUNT = "?account"  # the understood list was shown: the next message may confirm or correct it

    @staticmethod
    def _last_row(check: Check) -> str | None:
        rows = sorted(check.answers, key=lambda a: a.id)
        return rows[-1].question_id if rows else None

    def _is_account(self, check: Check, question: Question, text: str) -> bool:
        from bot.lang.account import is_account, read_account

        if len(text.split()) < 8:
            return False
        answered = self._answers(check)
        acc = read_account(text, self.plan, self.clock().date())
        partner = self._partner(check, question)  # a reply to two questions fills both: no account yet
        asked = {question.id, partner.id if partner else ""}
        new = [i for i in acc.items if i.question_id not in answered and i.question_id not in asked]
        return is_account(text) and len(new) >= 2 or len(new) >= 3

    def _take_account(self, s: Session, check: Check, text: str, correcting: bool = False) -> list[Reply]:
        """Pre-fills what the account tells, with the words beside each item, and shows it."""
        from bot.lang.account import read_account
        from bot.lang.api import scrub

        acc = read_account(text, self.plan, self.clock().date(), correction=correcting)
        answered = self._answers(check)
        live = {a.question_id: a for a in check.answers if not a.superseded}
        shown: list[str] = []
        removed: list[str] = []
        for item in acc.items:
            q = self.plan.by_id.get(item.question_id)
            if q is None or (item.question_id in answered and not correcting):
                continue
            if correcting and item.question_id in live:
                if live[item.question_id].value == item.value:
                    continue
                live[item.question_id].superseded = True
            cleaned = scrub(item.evidence) if item.evidence else None
            words = cleaned.text if cleaned else ""
            if cleaned and cleaned.removed:
                removed.extend(cleaned.removed)
            s.add(
                Answer(
                    check_id=check.id,
                    question_id=item.question_id,
                    value=item.value,
                    text=words,
                    created_at=self.clock(),
                )
            )
            value = words if q.kind == "text" else self.plan.label(q, item.value)
            beside = f' ("{words}")' if words and q.kind != "text" and words != value else ""
            shown.append(f"- {q.short[:1].upper() + q.short[1:]}: {value}{beside}")
        self._clear_pending(s, check)
        replies: list[Reply] = self._removed_notice(s, check, removed)
        if correcting:
            if shown:
                replies.append(Reply(say("check.account_changed", lines="\n".join(shown))))
            return replies
        if not shown:
            return replies
        lines = [say("check.account_understood")] + shown
        missing = [
            t.name.lower()
            for t in self.kb.neglect_types
            if f"q_seen__{t.id}" not in answered and all(i.question_id != f"q_seen__{t.id}" for i in acc.items)
        ]
        if missing:
            lines.append(say("check.account_not_mentioned", types=", ".join(missing)))
        if acc.harm:
            lines.append(say("check.account_harm", harm=", ".join(dict.fromkeys(acc.harm))))
        if acc.cues:
            cues = ", ".join(f"{kind.replace('_', ' ')} (\"{words}\")" for kind, words in dict.fromkeys(acc.cues))
            lines.append(say("check.account_cues", cues=cues))
        lines.append(say("check.account_confirm"))
        s.add(
            Answer(
                check_id=check.id, question_id=self.READ, value="", text="", superseded=True, created_at=self.clock()
            )
        )
        s.add(
            Answer(
                check_id=check.id, question_id=self.ACCOUNT, value="", text="", superseded=True, created_at=self.clock()
            )
        )
        s.flush()
        s.expire(check, ["answers"])
        records.audit(s, "account_read", f"check {check.id}: {len(shown)} answers from an account", case=check.case)
        right = say("check.buttons.thats_right")  # sent as typed: a confirmation, never the danger answer
        replies.append(Reply("\n".join(lines), (Button(right, right),)))
        return replies

    def _correct_account(
        self, s: Session, check: Check, text: str, answers_question: bool = False, question: Question | None = None
    ) -> list[Reply] | None:
        """The message after the understood list (shown with the next question): 'that's right'
        keeps it, a correction changes the items it names; anything else, an answer to the
        question above all, is an answer to the question (None) and keeps the list."""
        from bot.lang.account import is_confirmation

        if is_confirmation(text) and answers_question and question is not None and question.id == "q_danger_now":
            # "yes" under the list and the danger question: the 999 answer first, on the safe side,
            # and nothing stored: it may have meant the list is right
            self._clear_pending(s, check)
            records.audit(s, "emergency_answer", "a 'yes' under the understood list", case=check.case)
            return [emergency_reply(self.kb), Reply(say("check.account_kept_danger"))]
        if is_confirmation(text) and not answers_question:
            self._clear_pending(s, check)
            return [Reply(say("check.account_kept"))]
        if is_no(text) and not answers_question:
            return [Reply(say("check.account_which_wrong"))]
        replies = self._take_account(s, check, text, correcting=True)
        if replies:
            s.flush()
            s.expire(check, ["answers"])
            return replies
        self._clear_pending(s, check)
        return None

    READ = "!account"  # an account was read in this check (a marker row, superseded)

    def _rest_of_types(self, check: Check, q: Question | None) -> list:
        """After an account: the types it did not mention, asked together in one question
        when two or more are left (bot/lang/account_words.yml rest_of_types)."""
        if q is None or not q.id.startswith("q_seen__") or not any(a.question_id == self.READ for a in check.answers):
            return []
        answers = self._answers(check)
        rest = [
            t
            for t in self.kb.neglect_types
            if f"q_seen__{t.id}" in self.plan.by_id
            and f"q_seen__{t.id}" not in answers
            and self.plan.applies(self.plan.by_id[f"q_seen__{t.id}"], answers)
        ]
        return rest if len(rest) >= 2 else []

    def _answer_rest(self, s: Session, check: Check, rest: list, text: str) -> Step | None:
        """'none of these', 'not sure', or the types that worry them (by name or by what was
        seen); None when the message says none of that (then it answers the current question)."""
        from bot.lang.answers import _clean, indicators_in, lexicon
        from bot.lang.nlp import as_list

        lx = lexicon().get("rest_of_types") or {}
        t = _clean(text)
        if t in {_clean(str(w)) for w in as_list(lx.get("none"))}:
            chosen: set[str] = set()
        elif t in set(as_list(lx.get("unsure"))):
            step = Step((), False)
            for ty in rest:
                step = self._store(s, check, self.plan.by_id[f"q_seen__{ty.id}"], "unsure", "")
            return step
        else:
            found = indicators_in(text)
            calm = any(w in t for w in as_list(lx.get("no_concern")))
            chosen = {
                ty.id
                for ty in rest
                if found.get(ty.id)
                or (found.get("-" + ty.id) and not calm)
                or ty.name.lower() in text.lower()
                or ty.name.lower().split()[0] in t.split()
            }
            if not chosen:
                return None
        step = Step((), False)
        for ty in rest:
            step = self._store(
                s,
                check,
                self.plan.by_id[f"q_seen__{ty.id}"],
                "yes" if ty.id in chosen else "no",
                text if ty.id in chosen else "",
            )
        return step
