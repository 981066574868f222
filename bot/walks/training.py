"""Training mode: practice scenarios for new staff, scored step by step, with progress.

The scenarios are content (knowledge/training.yml), read and validated by
bot/walks/training_library.py; answers are read and scored by bot/walks/training_marking.py; progress and
the trainers' exports are bot/walks/training_progress.py.

`TrainingService` is a walk of bot/walks/engine.py, like bot.walks.check.CheckService: the engine
runs the turn (danger, commands, asides), this module only choosing a scenario and its
steps. Attempts and answers are stored against the trainee (a
bot.records.store.User) in bot/records/training_models.py, never against a case. Every message it writes
is marked as practice, except the immediate-danger answer, which is always the real one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, get_kb
from bot.knowledge.texts import say, words
from bot.records import store as records
from bot.records.training_models import TrainingAnswer, TrainingAttempt
from bot.walks import commands
from bot.walks.engine import Incoming, Step, Turn, Walk, collapse_blank_lines
from bot.walks.replies import Button, Reply

# the library, marking and progress, re-exported for callers that import them from here
from bot.walks.training_choice import ScenarioChoice
from bot.walks.training_library import (  # noqa: F401
    BANDS,
    FILE,
    KIND_LABELS,
    KINDS,
    MARK,
    NONE,
    POINTS,
    SKIPPED,
    Kind,
    Library,
    Scenario,
    ScenarioStep,
    _norm_words,
    _tokens,
    get_library,
    load_library,
)
from bot.walks.training_marking import (
    PAYLOAD_RE,
    Marked,
    Parsed,
    mark,
    match_options,  # noqa: F401
    parse_answer,
    verdict,
)
from bot.walks.training_progress import CSV_COLUMNS, AttemptResult, Progress, ProgressViews, export_rows  # noqa: F401

ACTIVE = ("choosing", "active")
# short messages that mean a command even when NLU is unsure (tests and typed words alike):
# phrase -> command, from knowledge/language/word_lists.yml `training.plain_commands`
PLAIN_COMMANDS = {phrase: cmd for cmd, phrases in words().training.plain_commands.items() for phrase in phrases}


# -- the service ---------------------------------------------------------------------------
@dataclass
class TrainingTurn(Turn):
    """One message in an attempt: choosing a scenario (chosen) or at a step (parsed)."""

    chosen: Scenario | None = None
    scenario: Scenario | None = None
    step: ScenarioStep | None = None
    parsed: Parsed | None = None

    @property
    def choosing(self) -> bool:
        return self.step is None

    @property
    def answered(self) -> bool:
        if self.choosing:
            return self.chosen is not None
        return self.parsed.ok or self.parsed.selection is not None


class TrainingService(ScenarioChoice, ProgressViews, Walk):
    flow = "training"

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        library: Library | None = None,
        db_url: str | None = None,
        clock=None,
        rng: random.Random | None = None,
    ):
        self.kb = kb or get_kb()
        self.library = library or get_library(self.kb)
        self.db_url = db_url
        self.clock = clock or records.utcnow
        self.rng = rng or random.Random()

    # -- lifecycle -------------------------------------------------------------------
    def start(self, channel: str, sender: str, text: str = "") -> tuple[int, list[Reply]]:
        """A new attempt for this trainee. The message that asked for it may already name a
        scenario ('TRN-04', 'a teenager', 'surprise me'); otherwise the trainee chooses."""
        with records.session_scope(self.db_url) as s:
            user = records.get_or_create_user(s, channel, sender, role="trainee")
            for old in s.execute(
                select(TrainingAttempt).where(TrainingAttempt.user_id == user.id, TrainingAttempt.status.in_(ACTIVE))
            ).scalars():
                old.status = "stopped"
            attempt = TrainingAttempt(
                user_id=user.id, status="choosing", started_at=self.clock(), updated_at=self.clock()
            )
            s.add(attempt)
            s.flush()
            replies = [Reply(f"{MARK} {say('training.intro')}")]
            chosen = self._choose(s, user, text, from_start=True) if text and not text.startswith("/") else None
            if chosen is not None:
                replies += self._begin(attempt, chosen)
            return attempt.id, replies

    def owner(self, attempt_id: int) -> tuple[str, str]:
        with records.session_scope(self.db_url) as s:
            user = s.get(TrainingAttempt, attempt_id).user
            return user.channel, user.external_id

    def reference(self, attempt_id: int) -> str | None:
        return None  # practice is never filed under a case

    def leave(self, attempt_id: int, stop: bool = True) -> list[Reply]:
        """Practice is not paused: leaving stops the attempt (finished ones stay scored)."""
        with records.session_scope(self.db_url) as s:
            attempt = s.get(TrainingAttempt, attempt_id)
            if attempt is None or attempt.status not in ACTIVE:
                return []
            attempt.status, attempt.pending, attempt.updated_at = "stopped", None, self.clock()
            return [Reply(f"{MARK} " + commands.text("left_training"))]

    def resumable_references(self, channel: str, sender: str) -> list[str]:
        return []

    def is_active(self, attempt_id: int | None) -> bool:
        if not attempt_id:
            return False
        with records.session_scope(self.db_url) as s:
            attempt = s.get(TrainingAttempt, attempt_id)
            return attempt is not None and attempt.status in ACTIVE

    # -- one message: training's part of the walk (bot/walks/engine.py) ---------------------
    def load(self, s: Session, attempt_id: int) -> TrainingAttempt | None:
        return s.get(TrainingAttempt, attempt_id)

    def is_live(self, attempt: TrainingAttempt) -> bool:
        return attempt.status in ACTIVE

    def not_running(self) -> Reply:
        return Reply(f"{MARK} {say('training.not_running')}")

    def ask(self, s: Session, attempt: TrainingAttempt | None) -> list[Reply]:
        if attempt is None or attempt.status not in ACTIVE:
            return [Reply(f"{MARK} {say('training.finished')}")]
        if attempt.status == "choosing":
            return [self._menu(s, attempt)]
        if self.library.by_id(attempt.scenario_id) is None:
            return list(self._gone(attempt).replies)
        scenario, step = self._current(attempt)
        if step is None:
            return self._finish(s, attempt)
        return [self._ask(attempt, scenario, step)]

    def read(self, s: Session, attempt: TrainingAttempt, msg: Incoming) -> TrainingTurn | Step:
        if attempt.status == "choosing":
            return TrainingTurn(s, attempt, msg, chosen=self._choose(s, attempt.user, msg.text))
        if self.library.by_id(attempt.scenario_id) is None:
            return self._gone(attempt)
        scenario, step = self._current(attempt)
        if step is None:
            return Step(tuple(self._finish(s, attempt)), True)
        selection = tuple(v for v in (attempt.pending or "").split(",") if v)
        return TrainingTurn(
            s, attempt, msg, scenario=scenario, step=step, parsed=parse_answer(step, msg.text, selection)
        )

    def _gone(self, attempt: TrainingAttempt) -> Step:
        """The attempt's scenario was taken out of the library since it started."""
        attempt.status = "stopped"
        attempt.updated_at = self.clock()
        return Step(
            (
                Reply(
                    f"{MARK} {say('training.gone', ref=attempt.scenario_ref)}",
                    (Button(say("training.buttons.another"), "/start_training"),),
                ),
            ),
            True,
        )

    def parses_as_answer(self, turn: TrainingTurn) -> bool:
        return turn.answered

    def keeps_text_after_danger(self, turn: TrainingTurn) -> bool:
        """The real immediate-danger answer comes first; a message that also answers the
        practice question is still taken. Practice answers that merely name an emergency, such
        as the button 'Call 999', are codes the danger rules do not read as a report."""
        return turn.answered

    def audit_danger(self, turn: TrainingTurn) -> None:
        records.audit(turn.s, "emergency_answer", "during a training scenario", user=turn.rec.user)

    def command_rule(self, turn: TrainingTurn):
        return False, lambda: turn.msg.text.strip() if turn.answered else None

    def allowed_commands(self, turn: TrainingTurn) -> tuple[str, ...]:
        # a scenario chosen is taken at once, whatever else the words might mean
        return () if turn.choosing and turn.answered else commands.INSIDE + commands.OUTSIDE

    def own_commands(self):
        return {"my_progress": self.on_my_progress}

    def plain_command(self, turn: TrainingTurn) -> str | None:
        """The short words that mean a command here even when NLU is unsure."""
        return None if turn.answered else PLAIN_COMMANDS.get(turn.msg.text.strip().lower())

    def dress(self, reply: Reply) -> Reply:
        return Reply(f"{MARK} " + collapse_blank_lines(reply.text), reply.buttons)

    def claim(self, turn: TrainingTurn) -> Step | None:
        if turn.choosing:
            if turn.chosen is not None:
                return Step(tuple(self._begin(turn.rec, turn.chosen)), False)
            if turn.msg.intent == "start_training":
                return self._about_scenarios()
            return None
        if turn.parsed.selection is not None:
            turn.rec.pending = ",".join(turn.parsed.selection) or None
            turn.rec.updated_at = self.clock()
            return Step((), False)
        return None

    def is_aside(self, turn: TrainingTurn) -> bool:
        return turn.choosing or not turn.parsed.ok

    def back_to(self, turn: TrainingTurn) -> str | None:
        return None if turn.choosing else say("training.back_to")

    def answer(self, turn: TrainingTurn) -> Step:
        if turn.choosing:
            return Step((Reply(f"{MARK} {say('training.not_recognised')}"),), False)
        if not turn.parsed.ok:
            return Step((Reply(f"{MARK} {turn.parsed.detail}"),), False)
        return self._answer(turn.s, turn.rec, turn.scenario, turn.step, turn.parsed.values, turn.msg.text, [])

    def _about_scenarios(self) -> Step:
        return Step((Reply(f"{MARK} {say('training.about_scenarios')}"),), False)

    # -- the commands that stay inside the attempt -----------------------------------------
    def on_why(self, turn: TrainingTurn) -> Step:
        if turn.choosing:
            return self._about_scenarios()
        step = turn.step
        source = self.kb.cite(step.source)
        if any(o.label.lower() in source.lower() for o in step.options if len(o.label) > 3):
            # a section named after the model answer ('Disguised compliance') would give it away
            # before it is given: the document only, the section with the feedback
            doc = self.kb.documents[step.source.doc].title
            return Step((Reply(f"{MARK} {say('training.why_doc_only', why=step.why, doc=doc)}"),), False)
        return Step((Reply(f"{MARK} {say('training.why', why=step.why, source=source)}"),), False)

    def on_skip(self, turn: TrainingTurn) -> Step:
        if turn.choosing:
            user = turn.rec.user
            return Step(tuple(self._begin(turn.rec, self._surprise(turn.s, user, self.library.scenarios))), False)
        return self._answer(turn.s, turn.rec, turn.scenario, turn.step, (SKIPPED,), "", [])

    def on_back(self, turn: TrainingTurn) -> Step:
        if turn.choosing:  # nothing to go back to: as any other words that choose no scenario
            step = self.claim(turn)
            if step is None and turn.msg.aside:
                step = Step((self.dress(Reply(turn.msg.aside)),), False)
            return step or self.answer(turn)
        return Step((Reply(f"{MARK} {say('training.no_back')}"),), False)

    def on_pause(self, turn: TrainingTurn) -> Step:
        return self._stop(turn.s, turn.rec, "pause")

    def on_stop(self, turn: TrainingTurn) -> Step:
        return self._stop(turn.s, turn.rec, "stop")

    def on_my_progress(self, turn: TrainingTurn) -> Step:
        return Step(tuple(self._progress_replies(turn.s, turn.rec.user, buttons=False)), False)

    def _stop(self, s: Session, attempt: TrainingAttempt, command: str) -> Step:
        attempt.status = "stopped"
        attempt.pending = None
        attempt.updated_at = self.clock()
        lead = say("training.pause_stops") if command == "pause" else say("training.stopped")
        buttons = (
            Button(say("training.buttons.another"), "/start_training"),
            Button(say("training.buttons.main_menu"), "/menu"),
        )
        return Step((Reply(f"{MARK} {say('training.stopped_end', lead=lead)}", buttons),), True)

    # -- choosing a scenario ------------------------------------------------------------------
    def _current(self, attempt: TrainingAttempt) -> tuple[Scenario, ScenarioStep | None]:
        scenario = self.library.by_id(attempt.scenario_id)
        if scenario is None:
            raise KnowledgeError([f"{FILE}: scenario '{attempt.scenario_id}' of attempt {attempt.id} no longer exists"])
        done = {a.step_id for a in attempt.answers}
        step = next((st for st in scenario.steps if st.id not in done), None)
        return scenario, step

    def _ask(self, attempt: TrainingAttempt, scenario: Scenario, step: ScenarioStep) -> Reply:
        head = say(
            "training.step_head",
            ref=scenario.ref,
            n=step.position,
            total=len(scenario.steps),
            kind=KIND_LABELS[step.ask],
            situation=step.situation,
            question=step.question,
        )
        text = f"{MARK} {head}"
        buttons: list[Button] = []
        if step.multi:
            selection = [v for v in (attempt.pending or "").split(",") if v]
            if selection:
                text += say("training.selected", labels=step.labels(selection))
            for o in step.options:
                if o.value in selection:
                    buttons.append(Button(f"✓ {o.label}", f"remove_{o.value}"))
                else:
                    buttons.append(Button(o.label, f"add_{o.value}"))
            if selection:
                buttons.append(Button(say("training.buttons.done"), "done"))
        else:
            buttons += [Button(o.label, f"pick_{o.value}") for o in step.options]
        buttons += [Button(say("common.buttons.why"), "/why_asking"), Button(say("common.buttons.skip"), "/skip")]
        return Reply(text, tuple(buttons))

    def _answer(
        self,
        s: Session,
        attempt: TrainingAttempt,
        scenario: Scenario,
        step: ScenarioStep,
        values: tuple[str, ...],
        text: str,
        first: list[Reply],
    ) -> Step:
        from bot.lang.api import scrub

        result = mark(step, values)
        typed = "" if PAYLOAD_RE.match(text.strip().lower()) or text.startswith("/") else scrub(text).text
        s.add(
            TrainingAnswer(
                attempt_id=attempt.id,
                step_id=step.id,
                position=step.position,
                ask=step.ask,
                value=",".join(values),
                model_answer=",".join(step.answer),
                text=typed or None,
                verdict=result.verdict,
                points=result.points,
                max_points=POINTS,
                created_at=self.clock(),
            )
        )
        attempt.points = (attempt.points or 0) + result.points
        attempt.pending = None
        attempt.updated_at = self.clock()
        s.flush()
        s.expire(attempt, ["answers"])
        replies = list(first) + [self._feedback(step, values, result)]
        if self._current(attempt)[1] is None:
            return Step(tuple(replies + self._finish(s, attempt)), True)
        return Step(tuple(replies), False)

    def _feedback(self, step: ScenarioStep, values: Sequence[str], result: Marked) -> Reply:
        F = "training.feedback."
        lines = [f"{MARK} {say(F + 'verdict', verdict=verdict(result.verdict), points=result.points, most=POINTS)}"]
        if result.verdict != "skipped":
            lines.append(say(F + "chose", labels=step.labels(values)))
        model = say(F + "model", labels=step.labels(step.answer, not step.multi))
        if step.partial:
            model += say(F + "half_marks", labels=step.labels(step.partial, True))
        lines.append(model)
        if step.multi and result.verdict in ("partly", "not_quite"):
            if result.missed:
                lines.append(say(F + "missed", labels=step.labels(result.missed)))
            if result.extra:
                lines.append(say(F + "not_shown", labels=step.labels(result.extra)))
        lines.append(step.feedback)
        lines.append(say(F + "learning_point", point=step.learning_point))
        lines.append(say(F + "cite", source=self.kb.cite(step.source)))
        more = self._read_more(step)
        if more:
            lines.append(say(F + "read_more", topics="; ".join(more)))
        return Reply("\n".join(lines))

    def _read_more(self, step: ScenarioStep) -> list[str]:
        from bot.knowledge.answers import ANSWERABLE

        out: list[str] = []
        for item_id in (*[v for v in step.answer if v != NONE], *step.see):
            item = self.kb.items.get(item_id)
            if item is not None and item.kind in ANSWERABLE and item.kind != "level" and item.name not in out:
                out.append(item.name)
        return out[:3]

    def _finish(self, s: Session, attempt: TrainingAttempt) -> list[Reply]:
        scenario = self.library.by_id(attempt.scenario_id)
        attempt.status = "complete"
        attempt.completed_at = self.clock()
        attempt.max_points = scenario.max_points
        attempt.points = sum(a.points for a in attempt.answers)
        records.audit(
            s,
            "training_completed",
            f"attempt {attempt.id}: {scenario.ref} " f"{attempt.points}/{attempt.max_points}",
            user=attempt.user,
        )
        s.flush()
        pct = attempt.percent
        R = "training.result."
        done = say(R + "complete", ref=scenario.ref, points=attempt.points, most=attempt.max_points, percent=pct)
        lines = [f"{MARK} {done}", say(R + "step_by_step")]
        by_id = {st.id: st for st in scenario.steps}
        for a in attempt.answers:
            st = by_id.get(a.step_id)
            label = KIND_LABELS.get(a.ask, a.ask).capitalize()
            model = say(R + "step_model", labels=st.labels(st.answer, not st.multi)) if st else ""
            lines.append(
                say(
                    R + "step",
                    n=a.position,
                    kind=label,
                    verdict=verdict(a.verdict).lower(),
                    points=a.points,
                    most=a.max_points,
                    model=model,
                )
            )
        lines.append(say(R + "take_away"))
        lines += [f"- {st.learning_point}" for st in scenario.steps]
        progress = self.progress_of(s, attempt.user)
        lines.append(
            say(
                R + "so_far",
                attempts=len(progress.completed),
                best=len(progress.best),
                total=len(self.library.scenarios),
                average=progress.average,
            )
        )
        lines.append(say(R + "no_record"))
        B = "training.buttons."
        buttons = (
            Button(say(B + "another"), "/start_training"),
            Button(say(B + "progress"), "/my_progress"),
            Button(say(B + "main_menu"), "/menu"),
        )
        return [Reply("\n".join(lines), buttons)]
