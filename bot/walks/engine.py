"""The walkthrough engine: one turn of any walk (check, supervision, training), run once.

A turn, in this order (`Walk.step`):
1. the record must still be running (`is_live`), or the walk says so and the turn ends;
2. the walk reads the message against where it stands (`read`): a per-turn `Turn`, or a
   `Step` when there is nothing to ask any more (finished, scenario gone);
3. one danger policy (`danger_verdict`): the 999 answer alone (with what the walk keeps of
   the message for later, `kept_after_danger`), or first and the turn goes on, or nothing;
   the walk says only whether the message parses as an answer, whether it keeps the words
   after the 999 answer, and whether it warns on the classifier alone;
4. the shared command rule (bot.walks.commands.decide): a command that stays inside the walk goes
   to the walk's handler (on_why, on_skip, on_back, on_pause, on_stop); one that leaves it
   is handed back in `Step.follow` for bot.walks.moves.Walks to carry out;
5. what the walk takes before anything else (`claim`: a correction, a pending "yes", ...);
6. one aside policy: a practice question asked mid-walk is answered and the walk says
   where it goes back to ("Now, back to the check.");
7. the walk's own answer (`answer`).

One database session a turn: `handle(id, msg)` and `prompt(id)` each open one (the old
entry points), `turn(id, msg)` opens one for both and returns the feedback and the next
prompt together. bot.walks.moves.Walks.turn(flow, id, msg) is the one call per turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.knowledge.texts import say
from bot.records import store as records
from bot.walks import commands
from bot.walks.replies import Reply
from bot.walks.safety import emergency_reply

DANGER = "immediate_danger"
CLASSIFIER_SURE = 0.8  # the classifier alone counts, on a message that is no answer, from here
# a command's name in bot.walks.commands -> how the walks have always named it
LEGACY = {"why": "why_asking", "skip": "skip", "back": "go_back", "pause": "pause", "stop": "stop"}

NO_DANGER, ALONE, FIRST = "none", "alone", "first"


@dataclass(frozen=True)
class Incoming:
    """What the user sent: the text, and what NLU made of it."""

    text: str
    intent: str | None = None
    confidence: float = 0.0
    aside: str | None = None  # an answer to a question asked mid-walk (retrieval), shown before re-asking
    danger_rule: bool = False  # the rule layer (bot.lang.api.detect_danger) found immediate danger

    @property
    def is_button(self) -> bool:
        return self.text.startswith("/")

    def is_danger(self, parses_as_answer: bool) -> bool:
        """Immediate danger inside a walkthrough. The rule layer and the button always count;
        the classifier alone counts only when the message is not an answer to the question,
        because answers describe worries all the time ("mum drinks and there's DV"). Any text
        answers a free-text question, so there only the rule layer counts."""
        if self.danger_rule or (self.intent == DANGER and self.is_button):
            return True
        return self.intent == DANGER and self.confidence >= CLASSIFIER_SURE and not parses_as_answer


@dataclass(frozen=True)
class Step:
    replies: tuple[Reply, ...]
    finished: bool  # the walk is no longer active (complete, paused or stopped)
    follow: commands.Command | None = None  # a command that leaves the walk (bot.walks.moves.Walks)


def rules_see_danger(text: str) -> bool:
    """The rule layer read here, for a message that came without its reading (the classifier
    said danger and no `danger_rule` came with it)."""
    from bot.lang.api import detect_danger

    return detect_danger(text).immediate


def danger_verdict(
    msg: Incoming,
    parses_as_answer: bool,
    keeps_text: bool,
    warns_on_classifier: bool,
    rules_see: Callable[[str], bool] = rules_see_danger,
) -> str:
    """The one danger policy of every walk: ALONE (the 999 answer is the whole reply), FIRST
    (the 999 answer comes first and the turn goes on with the message) or NO_DANGER.

    - The danger button: ALONE.
    - The rule layer (danger in context: `msg.danger_rule`, or the rules read here when the
      classifier said danger without it): ALONE, unless the walk keeps the words after the
      999 answer (an agreed action, a practice answer): then FIRST. Nothing typed is lost.
    - The classifier alone: ALONE when it is sure and the message is no answer; otherwise
      FIRST in a walk that warns on the classifier alone (supervision: a reflection is kept,
      with the 999 answer before it), NO_DANGER in the others (answers describe worries all
      the time: "mum drinks and there's DV")."""
    if msg.intent == DANGER and msg.is_button:
        return ALONE
    if msg.danger_rule or (msg.intent == DANGER and rules_see(msg.text)):
        return FIRST if keeps_text else ALONE
    if msg.intent != DANGER:
        return NO_DANGER
    if msg.confidence >= CLASSIFIER_SURE and not parses_as_answer:
        return ALONE
    return FIRST if warns_on_classifier else NO_DANGER


@dataclass
class Turn:
    """One message against one walk's record, in one database session. Walks subclass it
    with what they read (the question, the parsed answer, ...)."""

    s: Any  # the SQLAlchemy session of this turn
    rec: Any  # the walk's record (Check, SupervisionSession, TrainingAttempt)
    msg: Incoming

    @property
    def text(self) -> str:
        return self.msg.text


def collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text)


class Walk:
    """The lifecycle of a turn, once. A walk sets `flow`, implements load, is_live, read,
    ask, not_running and answer, and overrides the rest where it differs."""

    flow = ""
    warns_on_classifier = False  # the classifier alone, on an answer: the 999 answer first (True) or nothing
    kb: Any
    db_url: str | None

    # -- what every walk says --------------------------------------------------------------
    def load(self, s: Any, flow_id: int) -> Any:
        raise NotImplementedError

    def is_live(self, rec: Any) -> bool:
        raise NotImplementedError

    def not_running(self) -> Reply:
        raise NotImplementedError

    def read(self, s: Any, rec: Any, msg: Incoming) -> Turn | Step:
        return Turn(s, rec, msg)

    def ask(self, s: Any, rec: Any) -> list[Reply]:
        """The current question (the prompt), in the turn's session."""
        raise NotImplementedError

    def answer(self, turn: Turn) -> Step:
        raise NotImplementedError

    # -- what a walk may say ---------------------------------------------------------------
    def parses_as_answer(self, turn: Turn) -> bool:
        return False

    def keeps_text_after_danger(self, turn: Turn) -> bool:
        return False

    def kept_after_danger(self, turn: Turn) -> tuple[Reply, ...]:
        """When the 999 answer is the whole reply: what the walk keeps of the message for
        later, said after it (the check: what it tells for questions still to come)."""
        return ()

    def audit_danger(self, turn: Turn) -> None:
        records.audit(turn.s, "emergency_answer", f"during {commands.text('walks.' + self.flow)}")

    def command_rule(self, turn: Turn) -> tuple[bool, Callable[[], str | None]]:
        """(free text: any text answers here, the option the words choose or None)."""
        return False, lambda: None

    def allowed_commands(self, turn: Turn) -> tuple[str, ...]:
        return commands.INSIDE + commands.OUTSIDE

    def case_of(self, turn: Turn) -> str | None:
        """The reference of the walk's case, once it has one: a case's report asked for without a
        reference mid-walk ('show me the chronology') is this case's."""
        case = getattr(turn.rec, "case", None)
        return getattr(case, "reference", None) or None

    def own_commands(self) -> dict[str, Callable[[Turn], Step]]:
        """Commands outside INSIDE that this walk carries out itself."""
        return {}

    def plain_command(self, turn: Turn) -> str | None:
        """A command in this walk's own short words, when the shared rule found none."""
        return None

    def claim(self, turn: Turn) -> Step | None:
        """An answer that comes before the aside policy (a correction, a pending 'yes')."""
        return None

    def is_aside(self, turn: Turn) -> bool:
        return False

    def back_to(self, turn: Turn) -> str | None:
        """Where the walk goes back to after an aside ('the check'); None: no such line."""
        return None

    def dress(self, reply: Reply) -> Reply:
        """How the engine's own replies look in this walk (training marks them as practice)."""
        return reply

    def on_why(self, turn: Turn) -> Step:
        raise NotImplementedError

    def on_skip(self, turn: Turn) -> Step:
        raise NotImplementedError

    def on_back(self, turn: Turn) -> Step:
        raise NotImplementedError

    def on_pause(self, turn: Turn) -> Step:
        raise NotImplementedError

    def on_stop(self, turn: Turn) -> Step:
        raise NotImplementedError

    # -- the lifecycle ---------------------------------------------------------------------
    def step(self, s: Any, flow_id: int, msg: Incoming) -> Step:
        """One message, in the session `s`. The replies are feedback only."""
        rec = self.load(s, flow_id)
        if rec is None or not self.is_live(rec):
            return Step((self.not_running(),), True)
        turn = self.read(s, rec, msg)
        if isinstance(turn, Step):
            return turn
        verdict = danger_verdict(
            msg, self.parses_as_answer(turn), self.keeps_text_after_danger(turn), self.warns_on_classifier
        )
        if verdict == NO_DANGER:
            return self._carry_on(turn)
        self.audit_danger(turn)
        first = emergency_reply(self.kb)
        if verdict == ALONE:
            kept = self.kept_after_danger(turn) if not msg.is_button else ()
            return Step((first,) + tuple(kept), False)
        step = self._carry_on(turn)
        return Step((first,) + tuple(step.replies), step.finished, step.follow)

    def _carry_on(self, turn: Turn) -> Step:
        msg = turn.msg
        free, answer = self.command_rule(turn)
        decision = commands.decide(
            msg.text, msg.intent, msg.confidence, free, answer, self.allowed_commands(turn), self.case_of(turn)
        )
        if decision.ask is not None:
            return Step((self.dress(decision.ask),), False)
        own = self.own_commands()
        cmd = decision.command
        if cmd is not None and cmd.name in commands.OUTSIDE and cmd.name not in own:
            return Step((), False, cmd)
        name = cmd.name if cmd is not None else self.plain_command(turn)
        if name is not None:
            handlers = {
                "why": self.on_why,
                "skip": self.on_skip,
                "back": self.on_back,
                "pause": self.on_pause,
                "stop": self.on_stop,
                **own,
            }
            return handlers[name](turn)
        step = self.claim(turn)
        if step is not None:
            return step
        if msg.aside and self.is_aside(turn):
            back = self.back_to(turn)
            replies = (self.dress(Reply(msg.aside)),)
            if back:
                replies += (self.dress(Reply(say("common.back_to", back=back))),)
            return Step(replies, False)
        return self.answer(turn)

    # -- entry points ----------------------------------------------------------------------
    def handle(self, flow_id: int, msg: Incoming) -> Step:
        """Takes one message in its own database session. The replies are feedback only: ask
        with prompt() afterwards unless the step finished the walk (or use turn())."""
        with records.session_scope(self.db_url) as s:
            return self.step(s, flow_id, msg)

    def prompt(self, flow_id: int) -> list[Reply]:
        with records.session_scope(self.db_url) as s:
            return self.ask(s, self.load(s, flow_id))

    def turn(self, flow_id: int, msg: Incoming) -> tuple[Step, list[Reply]]:
        """One message and the next prompt, in one database session: (the step, the prompt).
        No prompt when the walk is no longer running or a command leaves it."""
        with records.session_scope(self.db_url) as s:
            step = self.step(s, flow_id, msg)
            if step.follow is not None:
                return step, []
            s.flush()
            rec = self.load(s, flow_id)
            if rec is None or not self.is_live(rec):
                return step, []
            return step, self.ask(s, rec)
