"""The guided check: a case told in the practitioner's own words (bot/lang/account.py) fills
in what it can, shows what it understood with the words beside each item, and takes a
confirmation or a correction; after an account, the types of neglect it did not mention
are asked together (a part of bot.walks.check.CheckService)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.knowledge.texts import say
from bot.lang.answers import is_no
from bot.records import store as records
from bot.records.store import Answer, Check
from bot.walks.check_plan import Question
from bot.walks.engine import Step
from bot.walks.replies import Button, Reply


def _age_said(text: str) -> bool:
    """An age said as one ("3 year old", "aged 9", "a toddler"), not a bare length of time
    (knowledge/language/answers.yml age.said_as_age)."""
    from bot.lang.answers import lexicon

    age = lexicon().get("age") or {}
    words = age.get("said_as_age") or []
    if any(re.search(rf"(?<![\w/]){re.escape(w)}(?![\w/])", text, re.I) for w in words):
        return True
    return any(re.search(str(p), text, re.I) for p in age.get("said_as_school_year") or [])


class AccountReading:
    """The own-words account of a case, for bot.walks.check.CheckService (which gives _answers,
    _clear_pending, _store, _removed_notice, plan, kb and clock)."""

    ACCOUNT = "?account"  # the understood list was shown: the next message may confirm or correct it

    def _prefilled(self, check: Check) -> frozenset[str]:
        """The questions an account pre-filled (kept on the marker row of each account read) whose
        answer still stands: the practitioner was never asked them."""
        ids = {q for a in check.answers if a.question_id == self.READ for q in (a.text or "").split(",") if q}
        # (a reply noted for later questions is an answer the practitioner gave: counted as asked)
        standing = {a.question_id for a in check.answers if not a.superseded}
        return frozenset(ids & standing)

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
        # before anything is answered the check has just asked for the case in the practitioner's
        # own words ("If you like, first tell me what's worrying you"): two items are enough
        invited = not answered
        return (is_account(text) or invited) and len(new) >= 2 or len(new) >= 3

    def _take_account(
        self,
        s: Session,
        check: Check,
        text: str,
        correcting: bool = False,
        whole: bool = True,
        skip: str = "",
        not_from: tuple[str, ...] = (),
    ) -> list[Reply]:
        """Pre-fills what the account tells, with the words beside each item, and shows it.
        `whole`: a case told (its types not mentioned are then asked together); not for a
        reply that only answers another question (_noted_for_later). `not_from`: parts of a
        correction that answer the question asked, read for no item ("not in immediate danger")."""
        from bot.lang.account import read_account
        from bot.lang.api import scrub_part

        acc = read_account(text, self.plan, self.clock().date(), correction=correcting)
        answered = self._answers(check)
        live = {a.question_id: a for a in check.answers if not a.superseded}
        shown: list[str] = []
        added: list[str] = []  # (a correction: items the list did not have yet)
        filled: list[str] = []
        removed: list[str] = []
        for item in acc.items:
            q = self.plan.by_id.get(item.question_id)
            if q is None or (item.question_id in answered and not correcting) or item.question_id in skip.split():
                continue
            if correcting and item.evidence and any(item.evidence.lower() in part.lower() for part in not_from):
                continue
            changed = correcting and item.question_id in live
            if changed:
                if live[item.question_id].value == item.value:
                    continue
                live[item.question_id].superseded = True
            cleaned = scrub_part(item.evidence, text) if item.evidence else None
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
            filled.append(item.question_id)
            value = words if q.kind == "text" else self.plan.label(q, item.value)
            beside = f' ("{words}")' if words and q.kind != "text" and words != value else ""
            line = f"- {q.short[:1].upper() + q.short[1:]}: {value}{beside}"
            (added if correcting and not changed else shown).append(line)
        self._clear_pending(s, check)
        replies: list[Reply] = self._removed_notice(s, check, removed)
        if correcting:
            # what replaced an item is "Changed", what the list did not have yet is "Added"
            parts = [say("check.account_changed", lines="\n".join(shown))] if shown else []
            parts += [say("check.account_added", lines="\n".join(added))] if added else []
            if parts:
                replies.append(Reply("\n".join(parts)))
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
                check_id=check.id,
                question_id=self.READ if whole else self.NOTED,
                value="",
                text=",".join(filled),  # the questions it pre-filled: not counted as asked ("1 of about 9")
                superseded=True,
                created_at=self.clock(),
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

        at_danger = question is not None and question.id == "q_danger_now"
        if is_confirmation(text) and (not answers_question or at_danger):
            # "yes" (or "that's right", the list's own button) under the list confirms the list; at
            # the danger question nothing is stored for it and the question is asked next on its own
            # (a "yes" to it then gets the 999 answer as everywhere)
            self._clear_pending(s, check)
            return [Reply(say("check.account_kept"))]
        if is_no(text) and not answers_question:
            return [Reply(say("check.account_which_wrong"))]
        # "no, not in immediate danger": the part that names what the question asks about answers
        # it, and is read for no correction (a correction elsewhere in the message still counts)
        answering = self._parts_naming(question, text) if answers_question and question is not None else ()
        replies = self._take_account(s, check, text, correcting=True, not_from=answering)
        if replies:
            s.flush()
            s.expire(check, ["answers"])
            return replies
        self._clear_pending(s, check)
        return None

    def _parts_naming(self, question: Question, text: str) -> tuple[str, ...]:
        """The parts of a message (split at commas, stops and 'but') that name what the question
        asks about: a word of its short name that few other questions' names share ("danger" of
        "Immediate danger now", not "neglect" of "Medical neglect (seen)")."""
        words = self.plan.topic_words.get(question.id, frozenset())
        parts = [p.strip() for p in re.split(r"[,;.!?\n]|\bbut\b", text) if p.strip()]
        return tuple(p for p in parts if words & set(re.findall(r"[a-z]+", p.lower())))

    def _correct_earlier(self, s: Session, check: Check, question: Question, text: str) -> list[Reply] | None:
        """A message that opens with a self-correction ("actually he is seen alone", "sorry, I
        meant no disability": the openers of account_words.yml `corrections`) and changes an
        answer already given is that correction, at any question: the answer is replaced
        ("Changed: ..."), and the question asked is asked again. It was saved as the answer to the
        question asked (the child's voice) and the earlier answer stood (S20-UX3). None: no
        answer changed, read as usual."""
        from bot.lang.account import read_account
        from bot.lang.account_whose import settings
        from bot.lang.nlp import as_list

        said = settings().get("corrections")
        said = said if isinstance(said, dict) else {}
        openers = [str(w).lower() for w in [*as_list(said.get("after_dash")), *as_list(said.get("anywhere"))]]
        words = " ".join(re.findall(r"[a-z']+", text.lower()))
        if not any(words == w or words.startswith(w + " ") for w in openers if w.strip()):
            return None
        live = {a.question_id: a.value for a in check.answers if not a.superseded}
        items = read_account(text, self.plan, self.clock().date(), correction=True).items
        if not any(
            i.question_id in live and i.question_id != question.id and live[i.question_id] != i.value for i in items
        ):
            return None
        replies = self._take_account(s, check, text, correcting=True, skip=question.id)
        s.flush()
        s.expire(check, ["answers"])
        return replies or None

    READ = "!account"  # an account was read in this check (a marker row, superseded)
    NOTED = "!noted"  # a reply answered a later question (a marker row, superseded; not an account)

    def _noted_for_later(self, s: Session, check: Check, question: Question, text: str) -> list[Reply]:
        """A reply that answers no part of the question asked but tells the answer to another
        one still to come ("not diagnosed but nursery think he might be autistic" at the age
        question) is no error: what it tells is kept for those questions, with the words
        beside it, shown like the understood list (correctable in the next message), and the
        question is asked again. Nothing read: [] (session 18)."""
        from bot.lang.account import read_account

        if len(text.split()) < 3 or question.kind in ("text", "case_ref"):
            return []
        answered = self._answers(check)
        items = read_account(text, self.plan, self.clock().date()).items
        if any(i.question_id == question.id for i in items):  # it does answer this one: read as such
            return []
        # an age read from a bare length of time ("about 8 months, getting worse") is no age
        if not _age_said(text):
            answered = {**answered, "q_age": "(not from this reply)"}
        if not any(i.question_id not in answered for i in items):
            return []
        skip = question.id if _age_said(text) else f"{question.id} q_age"
        replies = self._take_account(s, check, text, whole=False, skip=skip)
        if not any(r.text.startswith(say("check.account_understood")) for r in replies):
            return []
        # the list, not the whole account's framing: the types not mentioned are not listed, and
        # the question asked is not forgotten
        out = []
        for r in replies:
            if r.text.startswith(say("check.account_understood")):
                lines = [ln for ln in r.text.split("\n") if ln.startswith("- ")]
                r = Reply(say("check.noted_for_later", lines="\n".join(lines)), r.buttons)
            out.append(r)
        return out

    def _rest_of_types(self, check: Check, q: Question | None) -> list:
        """After an account: the types it did not mention, asked together in one question
        when two or more are left (bot/lang/account_words.yml rest_of_types), until a reply to
        it names none of them that could be read (then each is asked on its own)."""
        if q is None or not q.id.startswith("q_seen__") or not any(a.question_id == self.READ for a in check.answers):
            return []
        if any(a.question_id == self.ONE_BY_ONE for a in check.answers):
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

    REST = "!rest"  # a reply to the types asked together was taken (the next ask says "and ...")
    ONE_BY_ONE = "!rest_one_by_one"  # a reply to the types asked together was not read: ask each alone

    def _mark(self, s: Session, check: Check, marker: str) -> None:
        """A marker row (superseded: never an answer) that says where the walk after an account stands."""
        row = Answer(check_id=check.id, question_id=marker, value="", text="", superseded=True, created_at=self.clock())
        s.add(row)
        s.flush()
        s.expire(check, ["answers"])

    def _rest_text(self, check: Check, rest: list) -> str:
        """The types left, asked together: "You didn't mention ..." the first time, "And ..."
        after a reply that spoke of some of them."""
        from bot.lang.answers import lexicon

        lx = lexicon().get("rest_of_types") or {}
        names = [t.name.lower() for t in rest]
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        again = any(a.question_id == self.REST for a in check.answers)
        return str(lx.get("again" if again else "text", "{types}?")).format(types=listed)

    def _answer_rest(self, s: Session, check: Check, rest: list, text: str, account: bool = False) -> Step | None:
        """'none of these', 'not sure', or the types that worry them (by name or by what was
        seen). Only the types a reply speaks of are stored (yes, no or not sure, each read in
        its own part of the reply); the others are asked again, never stored as "no" (each on
        its own when a part of the reply could not be read). A reply that speaks of none of
        them is no answer to the first of them: each is then asked on its own. None when the
        message is a practice question (answered as an aside) or, speaking of none of them, an
        account (`account`: read as one)."""
        from bot.lang.answers import _clean, lexicon
        from bot.lang.nlp import as_list
        from bot.lang.questions import is_practice_question

        lx = lexicon().get("rest_of_types") or {}
        t = _clean(text)
        if t in {_clean(str(w)) for w in as_list(lx.get("none"))}:
            said = {ty.id: ("no", "") for ty in rest}
        elif t in {_clean(str(w)) for w in as_list(lx.get("unsure"))}:
            said = {ty.id: ("unsure", "") for ty in rest}
        else:
            said, unread = rest_said(rest, text, lx)
            if not said:
                if account or is_practice_question(text):  # a case told anew, or a practice question
                    return None
                self._mark(s, check, self.ONE_BY_ONE)
                return Step((Reply(str(lx.get("one_by_one") or "")),), False)
            if unread:  # a part that speaks of a type the reader does not know: the others one at a time
                self._mark(s, check, self.ONE_BY_ONE)
        self._mark(s, check, self.REST)
        step = Step((), False)
        for ty in rest:
            if ty.id in said:
                value, words = said[ty.id]
                step = self._store(s, check, self.plan.by_id[f"q_seen__{ty.id}"], value, words, whole=text)
        return step


def rest_said(rest: list, text: str, lx: dict) -> tuple[dict[str, tuple[str, str]], int]:
    """(type id -> (value, the words), the parts of the reply that speak of none of them) for
    the types a reply to the types asked together speaks of: named ("medical", "not sure about
    emotional") or described by a sign of it ("out late most nights"), each in its own part of
    the reply (split at ';', full stops and then ','): a part that names a type with a no word
    before it says no, one with a hedge says not sure, a sign said with a negation ("he's not
    hungry") says no."""
    import re

    from bot.lang.answers import _clean, indicators_in
    from bot.lang.nlp import as_list

    names = lx.get("names") or {}
    no_words = {_clean(str(w)) for w in as_list(lx.get("no_words"))}
    hedges = [_clean(str(w)) for w in as_list(lx.get("hedges"))]
    calm = [_clean(str(w)) for w in as_list(lx.get("no_concern"))]
    out: dict[str, tuple[str, str]] = {}
    unread = 0
    for big in (b.strip() for b in re.split(r"[;.\n]", text)):
        read_here = False
        for part in (p.strip() for p in big.split(",")):
            words = _clean(part)
            if not words:
                continue
            padded = f" {words} "
            hedged = any(f" {h} " in padded for h in hedges if h)
            quiet = any(f" {c} " in padded for c in calm if c)
            found = indicators_in(part)
            for ty in rest:
                keys = [_clean(ty.name)] + [_clean(str(n)) for n in as_list(names.get(ty.id))]
                at = min((padded.find(f" {k} ") for k in keys if k and f" {k} " in padded), default=-1)
                if at >= 0:
                    before = set(padded[:at].split())
                    value = "unsure" if hedged else "no" if before & no_words or quiet else "yes"
                elif found.get(ty.id):
                    value = "unsure" if hedged else "yes"
                elif found.get("-" + ty.id):
                    value = "no"
                else:
                    continue
                read_here = True
                if ty.id not in out or out[ty.id][0] != "yes":  # a type said twice: a yes wins
                    out[ty.id] = (value, part)
        unread += bool(_clean(big)) and not read_here
    return out, unread
