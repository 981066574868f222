"""The guided check as a service over the records: start, ask, answer, why, skip, back,
pause, resume, stop, finish. Every answer is stored as it is given.

Channel-neutral: callers pass what the user sent (text, and the NLU intent if any) and get
replies back. The position in a check is derived from its stored answers. A walk of
bot/walks/engine.py: the engine runs the turn (danger, commands, asides, one database
session), this module only the check's questions; a case told in one message is
bot/walks/check_account.py, and an answer in the practitioner's own words
bot/walks/check_own_words.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase, get_kb
from bot.knowledge.texts import say
from bot.lang.answers import is_no, is_yes
from bot.lang.questions import is_practice_question
from bot.reasoning.threshold import assess, impact_guide
from bot.records import caseref
from bot.records import store as records
from bot.records.store import Answer, Case, Check, User
from bot.reports.summary import check_summary
from bot.walks import commands
from bot.walks.check_account import AccountReading
from bot.walks.check_own_words import OwnWords
from bot.walks.check_plan import AGE_QUESTION, SKIPPED, Plan, Question
from bot.walks.engine import DANGER, LEGACY, Incoming, Step, Turn, Walk
from bot.walks.replies import Button, Reply, disclaimer
from bot.walks.safety import emergency_reply

# Incoming, Step, DANGER and LEGACY live in the engine; here for the callers that import them from here
__all__ = ["CheckService", "DANGER", "Incoming", "LEGACY", "Step", "default_plan"]


@dataclass
class CheckTurn(Turn):
    """One message at the check's current question, read every way it can be."""

    question: Question | None = None
    parsed: Any = None
    reading: Any = None
    account: bool = False

    @property
    def sure(self) -> bool:
        return self.parsed.ok or (self.reading is not None and self.reading.status == "sure")

    @property
    def typed(self) -> bool:
        return not self.msg.is_button


@lru_cache(maxsize=1)
def default_plan() -> Plan:
    return Plan(get_kb())


class CheckService(OwnWords, AccountReading, Walk):
    flow = "check"

    def __init__(
        self, kb: KnowledgeBase | None = None, plan: Plan | None = None, db_url: str | None = None, clock=None
    ):
        self.kb = kb or get_kb()
        self.plan = plan or (default_plan() if kb is None else Plan(self.kb))
        self.db_url = db_url
        self.clock = clock or records.utcnow

    # -- lifecycle -------------------------------------------------------------------
    def start(self, channel: str, sender: str, account: str | None = None) -> tuple[int, list[Reply]]:
        """Starts a check; `account`: the case as the practitioner told it (the opening message),
        read for what the check asks (bot/lang/account.py) so that only the rest is asked."""
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender)
            check = Check(user_id=user.id, status="active", started_at=self.clock())
            s.add(check)
            s.flush()
            records.audit(s, "check_started", f"check {check.id}", user=user)
            check_id = check.id
            intro = Reply(say("check.intro", disclaimer=disclaimer()))
            if account and account.strip():
                return check_id, [intro] + self._take_account(s, check, account)
            intro = Reply(intro.text + say("check.intro_own_words"))
            return check_id, [intro]

    def resume(self, channel: str, sender: str, reference: str) -> tuple[int | None, list[Reply]]:
        ref = caseref.normalise(reference)
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender)
            check = (
                s.execute(
                    select(Check)
                    .join(Case)
                    .where(Case.owner_id == user.id, Case.reference == ref, Check.status.in_(("paused", "active")))
                    .order_by(Check.updated_at.desc())
                )
                .scalars()
                .first()
            )
            if check is None:
                paused = self.paused_references(s, user)
                hint = say("check.paused_checks_hint", refs=", ".join(paused)) if paused else ""
                return None, [
                    Reply(
                        say("check.no_paused_check", ref=ref, hint=hint),
                        (Button(say("check.buttons.start_new"), "/start_check"),),
                    )
                ]
            check.status = "active"
            records.audit(s, "check_resumed", f"check {check.id}", user=user, case=check.case)
            return check.id, [Reply(say("check.welcome_back", ref=ref))]

    def owner(self, check_id: int) -> tuple[str, str]:
        with records.session_scope(self.db_url) as s:
            user = s.get(User, s.get(Check, check_id).user_id)
            return user.channel, user.external_id

    def reference(self, check_id: int) -> str | None:
        with records.session_scope(self.db_url) as s:
            check = s.get(Check, check_id)
            return check.case.reference if check is not None and check.case else None

    def leave(self, check_id: int, stop: bool = False) -> list[Reply]:
        """Leaves the check for something else: paused under its reference, or stopped when
        it has none yet (or when starting again)."""
        with records.session_scope(self.db_url) as s:
            check = s.get(Check, check_id)
            if check is None or check.status not in ("active", "paused"):
                return []
            walk = commands.text("walks.check")
            if check.case is not None and not stop:
                check.status = "paused"
                records.audit(s, "check_paused", f"check {check.id}", case=check.case)
                return [Reply(commands.text("to_menu_saved", walk=walk, ref=check.case.reference))]
            check.status = "stopped"
            records.audit(s, "check_stopped", f"check {check.id}", case=check.case)
            return [] if stop else [Reply(commands.text("to_menu_unsaved", walk=walk))]

    def resumable_references(self, channel: str, sender: str) -> list[str]:
        with records.session_scope(self.db_url) as s:
            return self.paused_references(s, records.get_or_create_user(s, channel, sender))

    @staticmethod
    def paused_references(s: Session, user: User) -> list[str]:
        rows = (
            s.execute(
                select(Case.reference)
                .join(Check, Check.case_id == Case.id)
                .where(Case.owner_id == user.id, Check.status == "paused")
                .distinct()
            )
            .scalars()
            .all()
        )
        return sorted(rows)

    def is_active(self, check_id: int | None) -> bool:
        if not check_id:
            return False
        with records.session_scope(self.db_url) as s:
            check = s.get(Check, check_id)
            return check is not None and check.status == "active"

    # -- one user message: the check's part of the walk (bot/walks/engine.py) ---------
    def load(self, s: Session, check_id: int) -> Check | None:
        return s.get(Check, check_id)

    def is_live(self, check: Check) -> bool:
        return check.status == "active"

    def not_running(self) -> Reply:
        return Reply(say("check.not_running"))

    def ask(self, s: Session, check: Check) -> list[Reply]:
        return self._ask(s, check)

    def read(self, s: Session, check: Check, msg: Incoming) -> CheckTurn | Step:
        question = self.plan.next_question(self._answers(check))
        if question is None:
            return Step(tuple(self._finish(s, check)), True)
        parsed = self.plan.parse(question, msg.text, self.clock().date())
        reading = self._read(question, msg.text)
        # a case told at a question is an answer too: the classifier alone does not make it
        # danger there (the rule layer, danger in context, still does)
        # (at the reference question only a reply that is no reference: a case told there, S20-UX3)
        account = (
            (question.kind != "text" and (question.kind != "case_ref" or not parsed.ok))
            and not msg.is_button
            and self._is_account(check, question, msg.text)
        )
        return CheckTurn(s, check, msg, question, parsed, reading, account)

    def parses_as_answer(self, turn: CheckTurn) -> bool:
        reading = turn.reading
        return turn.parsed.ok or (reading is not None and reading.status != "none") or turn.account

    def audit_danger(self, turn: CheckTurn) -> None:
        check = turn.rec
        records.audit(
            turn.s, "emergency_answer", "during a check", user=turn.s.get(User, check.user_id), case=check.case
        )

    def command_rule(self, turn: CheckTurn):
        """A free-text or reference question takes any text as its answer; age, duration and
        scale answers never clash with a command's words. Words that are a command clash with
        an answer only when they surely are one: a reading that would have to be asked about
        ("that sounds like ...?") is no answer yet."""
        question = turn.question

        def answer() -> str | None:
            if question.kind in ("age", "duration", "scale") or not turn.sure:
                return None
            return turn.text.strip()

        return question.kind in ("text", "case_ref"), answer

    def claim(self, turn: CheckTurn) -> Step | None:
        """A correction of the understood list, a case told in one message, the types left
        after an account, and a pending 'that sounds like ...' come before anything else."""
        s, check, question, text = turn.s, turn.rec, turn.question, turn.text
        if self._last_row(check) == self.ACCOUNT and turn.typed:
            # the list is shown with the next question: an answer to it keeps the list (a bare "yes"
            # at the danger question gets the 999 answer and the question again, nothing stored)
            replies = self._correct_account(s, check, text, answers_question=turn.sure, question=question)
            if replies is not None:
                return Step(tuple(replies), False)
        if turn.typed:  # "actually he is seen alone": an earlier answer changed, at any question
            replies = self._correct_earlier(s, check, question, text)
            if replies is not None:
                return Step(tuple(replies), False)
        rest = self._rest_of_types(check, question)
        if rest and turn.typed:  # (a reply naming several types is no new account)
            step = self._answer_rest(s, check, rest, text, account=turn.account)
            if step is not None:
                return step
        if turn.account:
            return Step(tuple(self._take_account(s, check, text)), False)
        pending = self._pending(check, question)
        if pending is not None and turn.typed:
            if is_yes(text):
                return self._store(s, check, question, pending.value, pending.text or "")
            if is_no(text) and question.kind == "yes_no" and pending.value == "yes":
                return self._store(s, check, question, "no", pending.text or "")
            if is_no(text):
                self._clear_pending(s, check)
                return Step((Reply(say("check.which_fits")),), False)
        return None

    def is_aside(self, turn: CheckTurn) -> bool:
        """A message is answered as a practice question only when it asks one (issue 19)."""
        reading = turn.reading
        return is_practice_question(turn.text) and not (
            reading is not None and reading.status == "sure" and len(turn.text.split()) <= 3
        )

    def back_to(self, turn: CheckTurn) -> str:
        return commands.text("walks.check")

    def answer(self, turn: CheckTurn) -> Step:
        s, check, question, parsed = turn.s, turn.rec, turn.question, turn.parsed
        if turn.typed and self._pending(check, question) is not None:
            # a reply other than yes or no to "That sounds like ..." replaces the offer: one that
            # places nothing no longer gets the old offer again, quoting words said before it
            # (S20-UX3: "That sounds like 'Struggling' (you said: "Some impact")" after each reply)
            self._clear_pending(s, check)
        partner = self._partner(check, question) if turn.typed else None
        first, rest = self._pair_parts(turn.text) if partner else (turn.text, "")
        if partner and not rest:
            first, rest = self._comma_pair(question, partner, turn.text)
        said = turn.text
        # "every day since May; she's lost weight": the first part answers the first question, unless the
        # whole reply is to be offered back and the rest answers nothing ("one visit; home untidy since
        # the birth" is all about how often)
        second = self._read_partner(partner, rest, short_ok=True) if rest else None
        offered = turn.reading is not None and turn.reading.status == "ask"
        if rest and (not offered or (second is not None and second.status == "sure") or self._only_hedge(rest)):
            # (a hedge in the second part, "yes; not sure", is no doubt about the first)
            parsed_first = self.plan.parse(question, first, self.clock().date())
            reading_first = self._read(question, first)
            if parsed_first.ok or (reading_first is not None and reading_first.status == "sure"):
                turn.parsed, turn.reading, parsed = parsed_first, reading_first, parsed_first
                said = first  # the words of the first part are its answer (a case reference: only them)
        # no answer to this question: a reply that tells the answer to another question is kept for
        # it (check_account._noted_for_later). Not where the reply is offered back as an answer
        # ("that sounds like ..."): over the dev answer sets 249 such offers were right.
        failed = not parsed.ok and (turn.reading is None or turn.reading.status == "none")
        noted = self._noted_for_later(s, check, question, turn.text) if failed and turn.typed and not rest else []
        if noted:  # it answers another question still to come: kept for it, this one asked again
            step = Step(tuple(noted), False)
        elif turn.reading is not None and turn.typed:
            step = self._take_reading(s, check, question, turn.reading, parsed, said)
        elif not parsed.ok:
            step = Step((self._unplaced(turn.text, parsed.detail) if turn.typed else Reply(parsed.detail),), False)
        else:
            step = self._store(s, check, question, parsed.value, parsed.detail or said)
        return self._take_pair(s, check, question, partner, rest or turn.text, step, turn.text) if partner else step

    def _comma_pair(self, question: Question, partner: Question, text: str) -> tuple[str, str]:
        """A reply to two questions said in one sentence, a comma between ("not yet, about a 4",
        "HV-204, no disability"): (the first part, the rest) only when each part surely answers
        its own question, a number (the scale, an age, a length of time) only from a short part
        that says nothing else ("about a 4", not "I told her on the 3rd"); else (text, "")."""
        from bot.lang.answers import lexicon

        head, comma, tail = (p.strip() for p in text.partition(","))
        if not comma or not head or not tail:
            return text, ""
        short = int((lexicon().get("paired") or {}).get("min_words") or 4)
        if partner.kind in ("scale", "age", "duration") and len(tail.split()) >= short:
            return text, ""
        parsed = self.plan.parse(question, head, self.clock().date())
        reading = self._read(question, head)
        if not (parsed.ok or (reading is not None and reading.status == "sure")):
            return text, ""
        second = self._read_partner(partner, tail, short_ok=True)
        if second is None or second.status != "sure":
            return text, ""
        return head, tail

    # -- the commands that stay inside the check -----------------------------------------
    def on_why(self, turn: CheckTurn) -> Step:
        return Step((Reply(self.why(turn.question)),), False)

    def on_skip(self, turn: CheckTurn) -> Step:
        if turn.question.kind == "case_ref":
            return Step((Reply(say("check.case_ref_not_skippable")),), False)
        return self._store(turn.s, turn.rec, turn.question, SKIPPED, "")

    def on_back(self, turn: CheckTurn) -> Step:
        s, check = turn.s, turn.rec
        live = [a for a in check.answers if not a.superseded]
        if not live:
            return Step((Reply(say("check.first_question")),), False)
        live[-1].superseded = True
        s.flush()
        s.expire(check, ["answers"])
        return Step((Reply(say("check.back")),), False)

    def on_pause(self, turn: CheckTurn) -> Step:
        s, check = turn.s, turn.rec
        if check.case is None:
            return Step((Reply(say("check.pause_needs_ref")),), False)
        check.status = "paused"
        records.audit(s, "check_paused", f"check {check.id}", case=check.case)
        return Step((Reply(say("check.paused", ref=check.case.reference)),), True)

    def on_stop(self, turn: CheckTurn) -> Step:
        s, check = turn.s, turn.rec
        check.status = "stopped"
        records.audit(s, "check_stopped", f"check {check.id}", case=check.case)
        saved = say("check.stopped_saved", ref=check.case.reference) if check.case else say("check.stopped_unsaved")
        return Step((Reply(say("check.stopped", saved=saved)),), True)

    def why(self, question: Question) -> str:
        if question.why_item:
            src = self.kb.cite_item(self.kb.items[question.why_item])
        else:
            src = question.why_basis or ""
        return say("check.why", why=question.why_text, source=src)

    def _removed_notice(self, s: Session, check: Check, removed) -> list[Reply]:
        """Which kinds of detail were taken out of what was typed: once a conversation, and
        again only for a new kind (bot/walks/details_notice.py, issue 20)."""
        from bot.walks.details_notice import notice_once

        return notice_once(s, check.user_id, removed, self.clock())

    def _store(self, s: Session, check: Check, question: Question, value: str, text: str, whole: str = "") -> Step:
        from bot.lang.api import scrub, scrub_part

        if any(a.question_id.startswith(self.PENDING) for a in check.answers):
            self._clear_pending(s, check)
        notes: list[Reply] = []
        stored_text = text
        # every typed answer is kept as evidence, so every one is scrubbed (issue 20): a
        # choice answer typed in words ("yes, seen Jayden at school") too; not the case
        # reference, which the practitioner chooses and which is no personal detail
        if text and question.kind != "case_ref":
            # a part of a longer message is scrubbed with what the whole shows (scrub_part)
            cleaned = scrub_part(text, whole) if whole else scrub(text)
            stored_text = cleaned.text
            notes.extend(self._removed_notice(s, check, cleaned.removed))
        if question.kind == "case_ref":
            user = s.get(User, check.user_id)
            check.case = records.get_or_create_case(s, user, value, self.kb.profile.id)
        s.add(
            Answer(check_id=check.id, question_id=question.id, value=value, text=stored_text, created_at=self.clock())
        )
        check.updated_at = self.clock()
        s.flush()
        s.expire(check, ["answers"])
        if question.id == "q_danger_now" and value == "yes":
            records.audit(
                s,
                "emergency_answer",
                "check question: immediate danger now",
                user=s.get(User, check.user_id),
                case=check.case,
            )
            notes.append(emergency_reply(self.kb))
        if self.plan.next_question(self._answers(check)) is None:
            return Step(tuple(notes + self._finish(s, check)), True)
        return Step(tuple(notes), False)

    # -- asking and finishing --------------------------------------------------------
    def _answers(self, check: Check) -> dict[str, str]:
        return {a.question_id: a.value for a in check.answers if not a.superseded}

    def _texts(self, check: Check) -> dict[str, str]:
        return {a.question_id: a.text for a in check.answers if not a.superseded and a.text}

    def _ask(self, s: Session, check: Check) -> list[Reply]:
        answers = self._answers(check)
        q = self.plan.next_question(answers)
        if q is None:
            return self._finish(s, check)
        n, total = self.plan.position(q, answers, self._prefilled(check))
        pending = self._pending(check, q)
        if pending is not None:
            return [self._offer(q, pending)]
        rest = self._rest_of_types(check, q)
        if rest:
            from bot.lang.answers import lexicon

            lx = lexicon().get("rest_of_types") or {}
            buttons = [Button(t.name, t.name) for t in rest]
            buttons += [
                Button(lx.get("none_button", "None of these"), "none of these"),
                Button(lx.get("unsure_button", "Not sure"), "not sure"),
            ]
            return [
                Reply(
                    say("check.numbered", n=n, total=total, text=self._rest_text(check, rest)),
                    tuple(buttons),
                )
            ]
        buttons = [Button(o.label, o.label) for o in q.options]
        buttons.append(Button(say("common.buttons.why"), "/why_asking"))
        if q.kind != "case_ref":
            buttons.append(Button(say("common.buttons.skip"), "/skip"))
        text = self._question_text(q, answers)
        partner = self._partner(check, q)
        if partner is not None:  # two questions one reply answers (account_words.yml `paired`)
            text = say("check.paired", first=text, second=self._question_text(partner, answers))
        return [Reply(say("check.numbered", n=n, total=total, text=text), tuple(buttons))]

    def _question_text(self, q: Question, answers: dict[str, str]) -> str:
        text = q.render(answers.get(AGE_QUESTION), answers.get("q_disability") == "yes")
        if q.id.startswith("q_impact__") and not any(k.startswith("q_impact__") for k in answers):
            # the first impact question of a check says what the documents count as serious and
            # as some impact for this child's age (issue 21); later ones stay short
            guide = impact_guide(self.kb, answers.get(AGE_QUESTION), answers.get("q_disability") == "yes")
            text = f"{text}\n\n{guide}" if guide else text
        return text

    def _finish(self, s: Session, check: Check) -> list[Reply]:
        answers = self._answers(check)
        result = assess(answers, self.kb, self.plan)
        ref = check.case.reference if check.case else say("check.no_reference")
        text = check_summary(ref, self.clock(), answers, self._texts(check), result, self.kb, self.plan)
        check.status, check.level, check.summary = "complete", result.level_id, text
        records.audit(s, "check_completed", f"check {check.id}: {result.level_id}", case=check.case)
        return [
            Reply(say("check.summary_intro")),
            Reply(text),
            Reply(
                say("check.next"),
                (
                    Button(say("check.buttons.main_menu"), "/menu"),
                    Button(say("check.buttons.start_another"), "/start_check"),
                ),
            ),
        ]

    def summary_of(self, check_id: int) -> str | None:
        with records.session_scope(self.db_url) as s:
            check = s.get(Check, check_id)
            return check.summary if check else None
