"""Training answers: a button payload or free text read as the answer to a scenario step
(`parse_answer`), and its score (`mark`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.knowledge.texts import say, words
from bot.walks.check_plan import Option  # the same options as the check's questions: value, label, words
from bot.walks.training_library import NONE, POINTS, SKIPPED, ScenarioStep, _norm_words, _tokens

# Button payloads: codes that mean one thing and that the danger rules do not read as a
# report of danger ("pick_call_999", not "call 999").
PAYLOAD_RE = re.compile(r"^(pick|add|remove)_([a-z0-9_]+)$")
# the words that end a multi-choice answer, and those that turn an option's word round
# (knowledge/language/word_lists.yml `training`)
DONE_WORDS = tuple(words().training.done)
NEGATORS = frozenset(words().training.negators)


# -- answers and scores ----------------------------------------------------------------------
@dataclass(frozen=True)
class Parsed:
    ok: bool
    values: tuple[str, ...] = ()
    detail: str = ""
    selection: tuple[str, ...] | None = None  # a multi-choice button pressed: the new selection, not an answer


@dataclass(frozen=True)
class Marked:
    points: int
    verdict: str  # right, partly, not_quite, skipped
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    max_points = POINTS


def match_options(text: str, options: Sequence[Option]) -> list[Option]:
    """Options named in free text, in the order they are mentioned. Longer phrases win over
    the shorter ones inside them ("home alone" over "home"), and a mention straight after
    "not" does not count ("not child protection")."""
    toks = _tokens(text)
    found: list[tuple[int, int, Option]] = []
    for o in options:
        for phrase in {o.label, o.value.replace("_", " "), *o.words}:
            pt = _tokens(phrase)
            if not pt:
                continue
            for i in range(len(toks) - len(pt) + 1):
                if toks[i : i + len(pt)] == pt:
                    found.append((len(pt), i, o))
    found.sort(key=lambda f: (-f[0], f[1]))
    used: set[int] = set()
    hits: list[tuple[int, Option]] = []
    for n, i, o in found:
        span = set(range(i, i + n))
        if span & used:
            continue
        used |= span
        if i > 0 and toks[i - 1] in NEGATORS:
            continue
        hits.append((i, o))
    out: list[Option] = []
    for _, o in sorted(hits, key=lambda h: h[0]):
        if o not in out:
            out.append(o)
    return out


def _ordered(step: ScenarioStep, values: Iterable[str]) -> tuple[str, ...]:
    order = [o.value for o in step.options]
    return tuple(sorted(set(values), key=order.index))


def _toggle(step: ScenarioStep, selection: tuple[str, ...], value: str, add: bool) -> tuple[str, ...]:
    chosen = set(selection)
    option = step.option(value)
    if not add:
        chosen.discard(value)
    elif option is not None and option.exclusive:
        chosen = {value}
    else:
        chosen = {v for v in chosen if not (step.option(v) and step.option(v).exclusive)} | {value}
    return _ordered(step, chosen)


def parse_answer(step: ScenarioStep, text: str, selection: Sequence[str] = ()) -> Parsed:
    """A button payload or free text as the answer to a step. For a multi-choice step a
    button adds or removes one choice (selection) and 'Done' sends the selection."""
    raw = text.strip()
    low = raw.lower()
    selection = tuple(selection)
    m = PAYLOAD_RE.match(low)
    if m:
        action, value = m.groups()
        if step.option(value) is None:
            return Parsed(False, detail=say("training.marking.old_button"))
        if action == "pick" or not step.multi:
            return Parsed(True, (value,))
        return Parsed(False, selection=_toggle(step, selection, value, action == "add"))
    if step.multi and _norm_words(low) in {_norm_words(w) for w in DONE_WORDS}:
        if selection:
            return Parsed(True, _ordered(step, selection))
        return Parsed(False, detail=say("training.marking.choose_first"))
    hits = match_options(raw, step.options)
    if not step.multi:
        if not hits and raw.isdigit() and 1 <= int(raw) <= len(step.options):
            hits = [step.options[int(raw) - 1]]
        if len(hits) == 1:
            return Parsed(True, (hits[0].value,))
        if len(hits) > 1:
            labels = say("training.marking.label_and").join(f"'{o.label}'" for o in hits[:3])
            return Parsed(False, detail=say("training.marking.which_one", labels=labels))
        return Parsed(False, detail=say("training.marking.choose_one", labels="; ".join(o.label for o in step.options)))
    if not hits:
        return Parsed(False, detail=say("training.marking.choose_types"))
    typed = [o for o in hits if not o.exclusive]
    if not typed:
        return Parsed(True, (hits[0].value,))
    return Parsed(True, _ordered(step, {o.value for o in typed} | {v for v in selection if v != NONE}))


def mark(step: ScenarioStep, values: Sequence[str]) -> Marked:
    """2 points for the model answer, 1 for a partial answer, 0 otherwise. A types step
    compares sets: 2 when they match, 1 when at least half of their union is shared."""
    if tuple(values) == (SKIPPED,):
        return Marked(0, "skipped", tuple(step.answer))
    if step.multi:
        chosen, model = set(values), set(step.answer)
        missed = _ordered(step, model - chosen)
        extra = _ordered(step, chosen - model)
        if chosen == model:
            return Marked(POINTS, "right")
        overlap = len(chosen & model) / len(chosen | model)
        return Marked(1 if overlap >= 0.5 else 0, "partly" if overlap >= 0.5 else "not_quite", missed, extra)
    value = values[0] if values else ""
    if value in step.answer:
        return Marked(POINTS, "right")
    if value in step.partial:
        return Marked(1, "partly")
    return Marked(0, "not_quite")


VERDICTS = ("right", "partly", "not_quite", "skipped")


def verdict(value: str) -> str:
    """A verdict in words ('partly' -> 'Partly right'); the value itself when it has none."""
    return say(f"training.verdicts.{value}") if value in VERDICTS else value
