"""Training mode: practice scenarios for new staff, scored step by step, with progress.

The scenarios are content (knowledge/training.yml); `load_library(kb)` reads and validates
them against the rest of knowledge/, so that every option and model answer points to a
type of neglect, level, next step or pitfall that exists. A malformed scenario fails with
the file, the scenario and the field.

`TrainingService` runs one practice attempt through the same walk as the guided check
(channel-neutral, like bot.check.CheckService): prompt(id) shows the current step,
handle(id, Incoming) takes one message and gives feedback, is_active(id) says whether the
attempt still runs. Attempts and answers are stored against the trainee (a
bot.records.User) in bot/training_models.py, never against a case. Every message it writes
is marked as practice, except the immediate-danger answer, which is always the real one.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import records
from bot import commands
from bot.walks.engine import Incoming, Step, Turn, Walk, collapse_blank_lines
from bot.check_plan import Option  # the same options as the check's questions: value, label, words
from bot.knowledge import KnowledgeBase, KnowledgeError, Source, get_kb
from bot.records import User
from bot.replies import Button, Reply
from bot.settings import get_settings
from bot.training_models import TrainingAnswer, TrainingAttempt

FILE = "training.yml"
KINDS = ("types", "level", "next_step", "pitfall")
ITEM_KIND = {"types": "neglect_type", "level": "level", "next_step": "next_step", "pitfall": "pitfall"}
KIND_LABELS = {"types": "types of neglect", "level": "level of need", "next_step": "next step",
               "pitfall": "thinking trap"}
NONE = "none"  # the types answer "no neglect here"
SKIPPED = "skipped"
BANDS = ("unborn", "baby", "toddler", "primary", "adolescent")
BAND_LABELS = {"unborn": "unborn baby", "baby": "baby", "toddler": "toddler", "primary": "primary age",
               "adolescent": "teenager"}
REF_RE = re.compile(r"^TRN-\d{2,3}$")
POINTS = 2  # per step: 2 for the model answer, 1 for a partial one
MIN_STEPS, MAX_STEPS = 2, 4
MARK = "[PRACTICE]"  # starts every practice message; no message has a blank line, which channels split on
ACTIVE = ("choosing", "active")

SCENARIO_FIELDS = ("id", "ref", "title", "band", "intro", "steps")
SCENARIO_OPTIONAL = ("disabled", "themes", "inspired_by")
STEP_FIELDS = ("id", "ask", "situation", "answer", "feedback", "learning_point", "source")
STEP_OPTIONAL = ("question", "options", "partial", "see", "why")

# Button payloads: codes that mean one thing and that the danger rules do not read as a
# report of danger ("pick_call_999", not "call 999").
PAYLOAD_RE = re.compile(r"^(pick|add|remove)_([a-z0-9_]+)$")
DONE_WORDS = ("done", "that's all", "thats all", "that is all", "finished", "submit", "that's it", "thats it",
              "no more", "nothing else")
SURPRISE_WORDS = ("surprise", "surprise me", "random", "any", "anything", "any one", "you choose", "you pick",
                  "dont mind", "don't mind", "whatever", "pick one", "pick for me", "choose for me", "next one",
                  "another")
BAND_WORDS = {"unborn": ("unborn", "pregnancy", "pregnant", "pre birth", "prebirth", "antenatal"),
              "baby": ("baby", "babies", "infant"),
              "toddler": ("toddler", "toddlers", "pre school", "preschool", "under fives"),
              "primary": ("primary", "primary school", "school age"),
              "adolescent": ("teen", "teens", "teenager", "teenagers", "adolescent", "adolescents", "young person",
                             "older child")}
DISABLED_WORDS = ("disabled", "disability", "disabilities")
NEGATORS = {"not", "isnt", "arent", "nor", "than"}
# short messages that mean a command even when NLU is unsure (tests and typed words alike)
PLAIN_COMMANDS = {"skip": "skip", "pass": "skip", "dont know": "skip", "don't know": "skip", "stop": "stop",
                  "quit": "stop", "exit": "stop", "why": "why", "why?": "why"}


# -- content -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    id: str
    question: str
    why: str


@dataclass(frozen=True)
class ScenarioStep:
    id: str
    position: int  # 1-based
    ask: str
    situation: str
    question: str
    why: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    partial: tuple[str, ...]
    feedback: str
    learning_point: str
    source: Source
    see: tuple[str, ...] = ()

    @property
    def multi(self) -> bool:
        return self.ask == "types"

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def labels(self, values: Iterable[str], alternatives: bool = False) -> str:
        """Values as their button labels: 'A, B' (all of them) or 'A or B' (any one of them)."""
        out = []
        for v in values:
            o = self.option(v)
            out.append(o.label if o else v)
        if not out:
            return "nothing"
        return " or ".join(out) if alternatives else ", ".join(out)


@dataclass(frozen=True)
class Scenario:
    id: str
    ref: str
    title: str
    band: str
    disabled: bool
    themes: tuple[str, ...]
    intro: str
    steps: tuple[ScenarioStep, ...]
    inspired_by: Source | None = None

    @property
    def max_points(self) -> int:
        return POINTS * len(self.steps)

    @property
    def number(self) -> int:
        return int(self.ref.split("-")[1])

    @property
    def who(self) -> str:
        return BAND_LABELS[self.band] + (", disabled child" if self.disabled else "")


@dataclass(frozen=True)
class Library:
    scenarios: tuple[Scenario, ...]
    kinds: dict[str, Kind]
    fiction_note: str

    def by_ref(self, ref: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.ref == ref.upper()), None)

    def by_id(self, scenario_id: str | None) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def _norm_words(text: str) -> str:
    return " ".join(_tokens(text))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


class _LibraryLoader:
    def __init__(self, kb: KnowledgeBase, seeds: Path | None):
        self.kb = kb
        self.seeds = seeds
        self.problems: list[str] = []

    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def text(self, raw: dict, key: str, where: str, required: bool = True) -> str:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"missing required field '{key}'")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"field '{key}' must be text")
            return ""
        return " ".join(value.split())

    def values(self, raw: dict, key: str, where: str) -> tuple[str, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(where, f"field '{key}' must be a list of ids")
            return ()
        return tuple(v.strip() for v in value)

    def source(self, raw: Any, where: str, key: str) -> Source | None:
        if not isinstance(raw, dict) or not raw.get("doc") or not raw.get("section"):
            self.problem(where, f"field '{key}' must be {{doc: <document id>, section: <heading>}}")
            return None
        doc, section = str(raw["doc"]), str(raw["section"])
        if doc not in self.kb.documents:
            self.problem(where, f"field '{key}': unknown document '{doc}'")
            return None
        if key != "source" and self.seeds is not None:  # `source` fields are checked by bot.knowledge already
            path = self.seeds / self.kb.documents[doc].file
            if path.exists() and _norm_words(section) not in _norm_words(path.read_text(encoding="utf-8",
                                                                                         errors="replace")):
                self.problem(where, f"field '{key}': section '{section}' does not occur in {path.name}")
        return Source(doc, section)

    def load(self) -> Library:
        raw = self.kb.extra.get(FILE)
        if raw is None:
            raise KnowledgeError([f"{FILE}: missing: training mode reads its scenarios from it"])
        if not isinstance(raw, dict):
            raise KnowledgeError([f"{FILE}: must be a mapping with kinds, option_sets and scenarios"])
        for key in raw:
            if key not in ("fiction_note", "kinds", "option_sets", "scenarios"):
                self.problem(FILE, f"unknown top-level key '{key}'")
        note = self.text(raw, "fiction_note", FILE)
        kinds = self.load_kinds(raw.get("kinds"))
        sets = self.load_option_sets(raw.get("option_sets"))
        scenarios: list[Scenario] = []
        refs: dict[str, str] = {}
        raws = raw.get("scenarios")
        if not isinstance(raws, list) or not raws:
            self.problem(FILE, "field 'scenarios' must be a non-empty list")
            raws = []
        for n, s in enumerate(raws):
            scenario = self.load_scenario(n, s, kinds, sets)
            if scenario is None:
                continue
            if scenario.ref in refs:
                self.problem(f"{FILE}: scenarios[{n}] '{scenario.id}'",
                             f"field 'ref': {scenario.ref} is also used by '{refs[scenario.ref]}'")
                continue
            refs[scenario.ref] = scenario.id
            scenarios.append(scenario)
        if self.problems:
            raise KnowledgeError(self.problems)
        return Library(tuple(sorted(scenarios, key=lambda s: s.number)), kinds, note)

    def load_kinds(self, raw: Any) -> dict[str, Kind]:
        out: dict[str, Kind] = {}
        if not isinstance(raw, dict):
            self.problem(FILE, "field 'kinds' must map " + ", ".join(KINDS) + " to {question, why}")
            return out
        for kind in KINDS:
            where = f"{FILE}: kinds.{kind}"
            k = raw.get(kind)
            if not isinstance(k, dict):
                self.problem(where, "missing: needs question and why")
                continue
            out[kind] = Kind(kind, self.text(k, "question", where), self.text(k, "why", where))
        for kind in raw:
            if kind not in KINDS:
                self.problem(f"{FILE}: kinds", f"unknown kind '{kind}' (known: {', '.join(KINDS)})")
        return out

    def load_option_sets(self, raw: Any) -> dict[str, tuple[Option, ...]]:
        out: dict[str, tuple[Option, ...]] = {}
        if not isinstance(raw, dict):
            self.problem(FILE, "field 'option_sets' must map " + ", ".join(KINDS) + " to lists of options")
            return out
        labels = self.kb.profile.level_labels
        for kind in KINDS:
            opts: list[Option] = []
            for n, o in enumerate(raw.get(kind) or []):
                where = f"{FILE}: option_sets.{kind}[{n}]"
                if not isinstance(o, dict) or not o.get("value"):
                    self.problem(where, "every option needs a value")
                    continue
                value = str(o["value"])
                where += f" '{value}'"
                if not self.is_item(kind, value):
                    self.problem(where, f"field 'value': no {ITEM_KIND[kind].replace('_', ' ')} has id '{value}'")
                    continue
                words = tuple(str(w) for w in o.get("words") or ())
                if kind == "level":
                    label = str(o.get("label") or labels.get(value) or self.kb.items[value].name)
                    words += tuple({self.kb.items[value].name, labels.get(value, "")} - {""})
                elif not o.get("label"):
                    self.problem(where, "missing required field 'label'")
                    continue
                else:
                    label = str(o["label"])
                if any(p.value == value for p in opts):
                    self.problem(where, f"value '{value}' is listed twice")
                    continue
                opts.append(Option(value, label, words, bool(o.get("exclusive", False))))
            if not opts:
                self.problem(f"{FILE}: option_sets.{kind}", "needs at least two options")
            out[kind] = tuple(opts)
        return out

    def is_item(self, kind: str, value: str) -> bool:
        if kind == "types" and value == NONE:
            return True
        item = self.kb.items.get(value)
        return item is not None and item.kind == ITEM_KIND[kind]

    def load_scenario(self, n: int, raw: Any, kinds: dict[str, Kind],
                      sets: dict[str, tuple[Option, ...]]) -> Scenario | None:
        if not isinstance(raw, dict):
            self.problem(f"{FILE}: scenarios[{n}]", "must be a mapping with fields " + ", ".join(SCENARIO_FIELDS))
            return None
        ref = raw.get("ref")
        where = f"{FILE}: scenarios[{n}] '{raw.get('id')}'" + (f" ({ref})" if ref else "")
        before = len(self.problems)
        for f in raw:
            if f not in SCENARIO_FIELDS + SCENARIO_OPTIONAL:
                self.problem(where, f"unknown field '{f}'")
        texts = {k: self.text(raw, k, where) for k in ("id", "ref", "title", "band", "intro")}
        if texts["ref"] and not REF_RE.match(texts["ref"]):
            self.problem(where, f"field 'ref' must look like TRN-01, got '{texts['ref']}'")
        if texts["band"] and texts["band"] not in BANDS:
            self.problem(where, f"field 'band': unknown age band '{texts['band']}' (known: {', '.join(BANDS)})")
        themes = self.values(raw, "themes", where)
        inspired = self.source(raw["inspired_by"], where, "inspired_by") if raw.get("inspired_by") else None
        steps_raw = raw.get("steps")
        steps: list[ScenarioStep] = []
        if not isinstance(steps_raw, list) or not MIN_STEPS <= len(steps_raw) <= MAX_STEPS:
            self.problem(where, f"field 'steps' must be a list of {MIN_STEPS} to {MAX_STEPS} steps")
            steps_raw = steps_raw if isinstance(steps_raw, list) else []
        for m, st in enumerate(steps_raw):
            step = self.load_step(where, m, st, kinds, sets)
            if step is not None:
                steps.append(step)
        if len(self.problems) > before:
            return None
        return Scenario(texts["id"], texts["ref"], texts["title"], texts["band"], bool(raw.get("disabled", False)),
                        themes, texts["intro"], tuple(steps), inspired)

    def load_step(self, swhere: str, m: int, raw: Any, kinds: dict[str, Kind],
                  sets: dict[str, tuple[Option, ...]]) -> ScenarioStep | None:
        if not isinstance(raw, dict):
            self.problem(f"{swhere}: steps[{m}]", "must be a mapping with fields " + ", ".join(STEP_FIELDS))
            return None
        where = f"{swhere}: steps[{m}] '{raw.get('id')}'"
        before = len(self.problems)
        for f in raw:
            if f not in STEP_FIELDS + STEP_OPTIONAL:
                self.problem(where, f"unknown field '{f}'")
        ask = raw.get("ask")
        if ask not in KINDS:
            self.problem(where, f"field 'ask' must be one of {', '.join(KINDS)}, got {ask!r}")
            return None
        texts = {k: self.text(raw, k, where) for k in ("id", "situation", "feedback", "learning_point")}
        question = self.text(raw, "question", where, required=False) or (kinds[ask].question if ask in kinds else "")
        why = self.text(raw, "why", where, required=False) or (kinds[ask].why if ask in kinds else "")
        source = self.source(raw.get("source"), where, "source")
        option_set = sets.get(ask, ())
        if "options" in raw:
            wanted = self.values(raw, "options", where)
            options = []
            for v in wanted:
                o = next((x for x in option_set if x.value == v), None)
                if not self.is_item(ask, v):
                    self.problem(where, f"field 'options': no {ITEM_KIND[ask].replace('_', ' ')} has id '{v}'")
                elif o is None:
                    self.problem(where, f"field 'options': '{v}' has no entry in option_sets.{ask}")
                else:
                    options.append(o)
            if len(wanted) < 2:
                self.problem(where, "field 'options' needs at least two options")
        elif ask in ("next_step", "pitfall"):
            self.problem(where, f"missing required field 'options' (a {ask} step offers a few choices)")
            options = []
        else:
            options = list(option_set)
        values = {o.value for o in options}
        answer = self.values(raw, "answer", where)
        partial = self.values(raw, "partial", where)
        if not answer and "answer" in raw:
            self.problem(where, "field 'answer' must name at least one id")
        for key, ids in (("answer", answer), ("partial", partial)):
            for v in ids:
                if not self.is_item(ask, v):
                    self.problem(where, f"field '{key}': no {ITEM_KIND[ask].replace('_', ' ')} has id '{v}'")
                elif v not in values:
                    self.problem(where, f"field '{key}': '{v}' is not one of this step's options")
        if set(answer) & set(partial):
            self.problem(where, "field 'partial' repeats an id of the model answer")
        if ask == "types":
            if partial:
                self.problem(where, "field 'partial': a types step is scored by overlap, so it takes no partial ids")
            if NONE in answer and len(answer) > 1:
                self.problem(where, f"field 'answer': '{NONE}' cannot be combined with types of neglect")
        for v in self.values(raw, "see", where):
            if v not in self.kb.items:
                self.problem(where, f"field 'see': no item has id '{v}'")
        if len(self.problems) > before or source is None:
            return None
        return ScenarioStep(texts["id"], m + 1, ask, texts["situation"], question, why, tuple(options), answer,
                            partial, texts["feedback"], texts["learning_point"], source,
                            self.values(raw, "see", where))


def load_library(kb: KnowledgeBase, seeds: Path | None = None) -> Library:
    """The scenario library, validated against kb; raises KnowledgeError naming every problem."""
    seeds_dir = seeds if seeds is not None else get_settings().seeds_dir
    return _LibraryLoader(kb, seeds_dir if seeds_dir.is_dir() else None).load()


@lru_cache(maxsize=4)
def _library_for(kb: KnowledgeBase) -> Library:
    return load_library(kb)


def get_library(kb: KnowledgeBase | None = None) -> Library:
    return _library_for(kb or get_kb())


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
                if toks[i:i + len(pt)] == pt:
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
            return Parsed(False, detail="That button belongs to an earlier question. Please choose from the "
                                        "buttons below.")
        if action == "pick" or not step.multi:
            return Parsed(True, (value,))
        return Parsed(False, selection=_toggle(step, selection, value, action == "add"))
    if step.multi and _norm_words(low) in {_norm_words(w) for w in DONE_WORDS}:
        if selection:
            return Parsed(True, _ordered(step, selection))
        return Parsed(False, detail="Choose at least one type first, or 'None of these' if you see no neglect.")
    hits = match_options(raw, step.options)
    if not step.multi:
        if not hits and raw.isdigit() and 1 <= int(raw) <= len(step.options):
            hits = [step.options[int(raw) - 1]]
        if len(hits) == 1:
            return Parsed(True, (hits[0].value,))
        if len(hits) > 1:
            return Parsed(False, detail="You mentioned " + " and ".join(f"'{o.label}'" for o in hits[:3]) +
                          ". Which one would you choose? Pick one button, or type just that one.")
        return Parsed(False, detail="Please choose one of the buttons, or type one of: " +
                      "; ".join(o.label for o in step.options) + ".")
    if not hits:
        return Parsed(False, detail="Please choose the types that apply with the buttons, or type them, for "
                                    "example 'physical and medical', or 'none'.")
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


VERDICTS = {"right": "Right", "partly": "Partly right", "not_quite": "Not quite", "skipped": "Skipped"}


# -- progress -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AttemptResult:
    id: int
    ref: str
    title: str
    status: str
    points: int
    max_points: int
    started_at: dt.datetime
    completed_at: dt.datetime | None

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.max_points) if self.max_points else 0


@dataclass(frozen=True)
class Progress:
    channel: str
    trainee: str
    attempts: tuple[AttemptResult, ...]  # every attempt with a scenario, oldest first
    by_kind: dict[str, tuple[int, int]]  # ask kind -> (points, max points) over completed attempts
    not_tried: tuple[str, ...]  # refs of scenarios never completed

    @property
    def completed(self) -> tuple[AttemptResult, ...]:
        return tuple(a for a in self.attempts if a.status == "complete")

    @property
    def average(self) -> int | None:
        done = self.completed
        if not done:
            return None
        return round(100 * sum(a.points for a in done) / sum(a.max_points for a in done))

    @property
    def best(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in self.completed:
            out[a.ref] = max(out.get(a.ref, 0), a.percent)
        return out

    def as_dict(self) -> dict:
        return {"channel": self.channel, "trainee": self.trainee, "attempts_started": len(self.attempts),
                "attempts_completed": len(self.completed), "scenarios_completed": len(self.best),
                "average_percent": self.average, "best_percent": self.best,
                "by_question": {k: {"points": p, "max_points": m, "percent": round(100 * p / m) if m else None}
                                for k, (p, m) in self.by_kind.items()},
                "not_tried": list(self.not_tried)}


def _fmt_date(value: dt.datetime | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


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


class TrainingService(Walk):
    flow = "training"

    def __init__(self, kb: KnowledgeBase | None = None, library: Library | None = None, db_url: str | None = None,
                 clock=None, rng: random.Random | None = None):
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
            for old in s.execute(select(TrainingAttempt).where(TrainingAttempt.user_id == user.id,
                                                               TrainingAttempt.status.in_(ACTIVE))).scalars():
                old.status = "stopped"
            attempt = TrainingAttempt(user_id=user.id, status="choosing", started_at=self.clock(),
                                      updated_at=self.clock())
            s.add(attempt)
            s.flush()
            replies = [Reply(f"{MARK} Training mode: practice with invented families, one short question at a "
                             "time. You'll get feedback with the model answer, where the guidance says so, and a "
                             "learning point. Your scores are kept as your own training record, never with a real "
                             "case. At any question you can ask 'why?', say 'skip' if you don't know, or 'stop'.")]
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
        return Reply(f"{MARK} That practice scenario is not running any more. Say 'practise' to start another.")

    def ask(self, s: Session, attempt: TrainingAttempt | None) -> list[Reply]:
        if attempt is None or attempt.status not in ACTIVE:
            return [Reply(f"{MARK} That practice scenario has finished. Say 'practise' to start another.")]
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
        return TrainingTurn(s, attempt, msg, scenario=scenario, step=step,
                            parsed=parse_answer(step, msg.text, selection))

    def _gone(self, attempt: TrainingAttempt) -> Step:
        """The attempt's scenario was taken out of the library since it started."""
        attempt.status = "stopped"
        attempt.updated_at = self.clock()
        return Step((Reply(f"{MARK} That practice scenario ({attempt.scenario_ref}) is no longer in the library, so "
                           "this attempt has ended. Say 'practise' to choose another.",
                           (Button("Another scenario", "/start_training"),)),), True)

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
        return None if turn.choosing else "the practice scenario"

    def answer(self, turn: TrainingTurn) -> Step:
        if turn.choosing:
            return Step((Reply(f"{MARK} I didn't recognise a scenario there. Choose one of the buttons, type its "
                               "reference (such as TRN-04), or say 'surprise me'."),), False)
        if not turn.parsed.ok:
            return Step((Reply(f"{MARK} {turn.parsed.detail}"),), False)
        return self._answer(turn.s, turn.rec, turn.scenario, turn.step, turn.parsed.values, turn.msg.text, [])

    def _about_scenarios(self) -> Step:
        return Step((Reply(f"{MARK} Each scenario is an invented family that unfolds in two to four short "
                           "steps. Pick any one below, or say 'surprise me'."),), False)

    # -- the commands that stay inside the attempt -----------------------------------------
    def on_why(self, turn: TrainingTurn) -> Step:
        if turn.choosing:
            return self._about_scenarios()
        step = turn.step
        return Step((Reply(f"{MARK} Why I ask: {step.why} (Source for this step: {self.kb.cite(step.source)}.)"),),
                    False)

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
        return Step((Reply(f"{MARK} In practice mode an answer can't be changed once you've seen its feedback, "
                           "but you can try the whole scenario again afterwards."),), False)

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
        lead = ("Practice scenarios are short, so they aren't paused: this one is stopped." if command == "pause"
                else "Practice stopped.")
        return Step((Reply(f"{MARK} {lead} An unfinished scenario isn't scored; your finished ones are kept. "
                           "Say 'practise' whenever you'd like another.",
                           (Button("Another scenario", "/start_training"), Button("Main menu", "/menu"))),), True)

    # -- choosing a scenario ------------------------------------------------------------------
    def _choose(self, s: Session, user: User, text: str, from_start: bool = False) -> Scenario | None:
        toks = _tokens(text)
        norm = " " + " ".join(toks) + " "
        m = re.search(r"\btrn\s*-?\s*0*(\d{1,3})\b", text.lower())
        if m is None and not from_start and len(toks) <= 3:
            m = re.search(r"^(?:scenario\s*|number\s*|no\s*)?0*(\d{1,3})$", " ".join(toks))
        if m:
            ref = f"TRN-{int(m.group(1)):02d}"
            return self.library.by_ref(ref)
        pool: list[tuple[int, Scenario]] = []
        for sc in self.library.scenarios:
            score = 0
            for word in BAND_WORDS[sc.band]:
                score += f" {_norm_words(word)} " in norm
            if sc.disabled:
                score += any(f" {w} " in norm for w in DISABLED_WORDS)
            for theme in sc.themes:
                score += f" {_norm_words(theme.replace('_', ' '))} " in norm
            if score:
                pool.append((score, sc))
        if pool:
            best = max(p[0] for p in pool)
            return self._surprise(s, user, [sc for score, sc in pool if score == best])
        if any(f" {_norm_words(w)} " in norm for w in SURPRISE_WORDS) and not from_start:
            return self._surprise(s, user, self.library.scenarios)
        if from_start and any(f" {_norm_words(w)} " in norm for w in ("surprise me", "random", "you choose")):
            return self._surprise(s, user, self.library.scenarios)
        return None

    def _surprise(self, s: Session, user: User, candidates: Sequence[Scenario]) -> Scenario:
        """One the trainee has not finished yet if there is one, else one of their weakest."""
        best = self._best_scores(s, user)
        fresh = [sc for sc in candidates if sc.ref not in best]
        if fresh:
            return self.rng.choice(fresh)
        low = min(best.get(sc.ref, 0) for sc in candidates)
        return self.rng.choice([sc for sc in candidates if best.get(sc.ref, 0) == low])

    def _begin(self, attempt: TrainingAttempt, scenario: Scenario) -> list[Reply]:
        attempt.scenario_id, attempt.scenario_ref = scenario.id, scenario.ref
        attempt.status, attempt.points, attempt.max_points = "active", 0, scenario.max_points
        attempt.pending = None
        attempt.updated_at = self.clock()
        return [Reply(f"{MARK} {scenario.ref}: {scenario.title} ({scenario.who}, {len(scenario.steps)} steps)\n"
                      f"{self.library.fiction_note}\n{scenario.intro}")]

    def _menu(self, s: Session, attempt: TrainingAttempt) -> Reply:
        best = self._best_scores(s, attempt.user)
        lines = [f"{MARK} Choose a practice scenario, or let me surprise you:"]
        for sc in self.library.scenarios:
            done = f" - done, best {best[sc.ref]}%" if sc.ref in best else ""
            lines.append(f"{sc.ref} · {sc.title} ({sc.who}){done}")
        buttons = [Button("Surprise me", "surprise me")]
        buttons += [Button(f"{sc.ref} · {sc.title}", sc.ref) for sc in self.library.scenarios]
        return Reply("\n".join(lines), tuple(buttons))

    # -- steps -------------------------------------------------------------------------------
    def _current(self, attempt: TrainingAttempt) -> tuple[Scenario, ScenarioStep | None]:
        scenario = self.library.by_id(attempt.scenario_id)
        if scenario is None:
            raise KnowledgeError([f"{FILE}: scenario '{attempt.scenario_id}' of attempt {attempt.id} no longer exists"])
        done = {a.step_id for a in attempt.answers}
        step = next((st for st in scenario.steps if st.id not in done), None)
        return scenario, step

    def _ask(self, attempt: TrainingAttempt, scenario: Scenario, step: ScenarioStep) -> Reply:
        text = (f"{MARK} {scenario.ref} · step {step.position} of {len(scenario.steps)} "
                f"({KIND_LABELS[step.ask]})\n{step.situation}\n{step.question}")
        buttons: list[Button] = []
        if step.multi:
            selection = [v for v in (attempt.pending or "").split(",") if v]
            if selection:
                text += f"\nSelected so far: {step.labels(selection)}. Add more, or press Done."
            for o in step.options:
                if o.value in selection:
                    buttons.append(Button(f"✓ {o.label}", f"remove_{o.value}"))
                else:
                    buttons.append(Button(o.label, f"add_{o.value}"))
            if selection:
                buttons.append(Button("Done", "done"))
        else:
            buttons += [Button(o.label, f"pick_{o.value}") for o in step.options]
        buttons += [Button("Why are you asking?", "/why_asking"), Button("Skip", "/skip")]
        return Reply(text, tuple(buttons))

    def _answer(self, s: Session, attempt: TrainingAttempt, scenario: Scenario, step: ScenarioStep,
                values: tuple[str, ...], text: str, first: list[Reply]) -> Step:
        from bot.language import scrub

        result = mark(step, values)
        typed = "" if PAYLOAD_RE.match(text.strip().lower()) or text.startswith("/") else scrub(text).text
        s.add(TrainingAnswer(attempt_id=attempt.id, step_id=step.id, position=step.position, ask=step.ask,
                             value=",".join(values), model_answer=",".join(step.answer), text=typed or None,
                             verdict=result.verdict, points=result.points, max_points=POINTS,
                             created_at=self.clock()))
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
        lines = [f"{MARK} {VERDICTS[result.verdict]}: {result.points} of {POINTS} points."]
        if result.verdict != "skipped":
            lines.append(f"You chose: {step.labels(values)}.")
        model = f"Model answer: {step.labels(step.answer, not step.multi)}."
        if step.partial:
            model += f" Half marks for: {step.labels(step.partial, True)}."
        lines.append(model)
        if step.multi and result.verdict in ("partly", "not_quite"):
            if result.missed:
                lines.append(f"You missed: {step.labels(result.missed)}.")
            if result.extra:
                lines.append(f"Not shown in this case: {step.labels(result.extra)}.")
        lines.append(step.feedback)
        lines.append(f"Learning point: {step.learning_point}")
        lines.append(f"Source: {self.kb.cite(step.source)}.")
        more = self._read_more(step)
        if more:
            lines.append("To read more, ask me about: " + "; ".join(more) + ".")
        return Reply("\n".join(lines))

    def _read_more(self, step: ScenarioStep) -> list[str]:
        from bot.answers import ANSWERABLE

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
        records.audit(s, "training_completed", f"attempt {attempt.id}: {scenario.ref} "
                                               f"{attempt.points}/{attempt.max_points}", user=attempt.user)
        s.flush()
        pct = attempt.percent
        lines = [f"{MARK} Scenario {scenario.ref} complete: you scored {attempt.points} of {attempt.max_points} "
                 f"points ({pct}%).", "Step by step:"]
        by_id = {st.id: st for st in scenario.steps}
        for a in attempt.answers:
            st = by_id.get(a.step_id)
            label = KIND_LABELS.get(a.ask, a.ask).capitalize()
            lines.append(f"{a.position}. {label}: {VERDICTS.get(a.verdict, a.verdict).lower()} "
                         f"({a.points}/{a.max_points})" + (f" - model answer: {st.labels(st.answer, not st.multi)}" if st else ""))
        lines.append("Learning points to take away:")
        lines += [f"- {st.learning_point}" for st in scenario.steps]
        progress = self.progress_of(s, attempt.user)
        lines.append(f"You have now completed {len(progress.completed)} practice attempt(s), "
                     f"{len(progress.best)} of {len(self.library.scenarios)} scenarios, averaging {progress.average}%.")
        lines.append("This was practice with an invented family: nothing was added to any case record.")
        return [Reply("\n".join(lines), (Button("Another scenario", "/start_training"),
                                         Button("My progress", "/my_progress"), Button("Main menu", "/menu")))]

    # -- progress over time ----------------------------------------------------------------
    def _best_scores(self, s: Session, user: User) -> dict[str, int]:
        return self.progress_of(s, user).best

    def progress_of(self, s: Session, user: User) -> Progress:
        attempts = s.execute(select(TrainingAttempt).where(TrainingAttempt.user_id == user.id,
                                                           TrainingAttempt.scenario_id.is_not(None))
                             .order_by(TrainingAttempt.started_at, TrainingAttempt.id)).scalars().all()
        results = []
        by_kind: dict[str, list[int]] = {}
        for a in attempts:
            sc = self.library.by_id(a.scenario_id)
            results.append(AttemptResult(a.id, a.scenario_ref or "", sc.title if sc else "(scenario removed)",
                                         a.status, a.points or 0, a.max_points or 0, a.started_at, a.completed_at))
            if a.status == "complete":
                for ans in a.answers:
                    pm = by_kind.setdefault(ans.ask, [0, 0])
                    pm[0] += ans.points
                    pm[1] += ans.max_points
        done = {r.ref for r in results if r.status == "complete"}
        return Progress(user.channel, user.external_id, tuple(results),
                        {k: (v[0], v[1]) for k, v in sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0]))
                         if k in KINDS},
                        tuple(sc.ref for sc in self.library.scenarios if sc.ref not in done))

    def progress(self, channel: str, sender: str) -> list[Reply]:
        """The trainee's progress over time, as shown when they ask 'how am I doing?'."""
        with records.session_scope(self.db_url) as s:
            user = s.execute(select(User).where(User.channel == channel, User.external_id == sender)).scalar_one_or_none()
            return self._progress_replies(s, user)

    def _progress_replies(self, s: Session, user: User | None, buttons: bool = True) -> list[Reply]:
        more = (Button("Practise a scenario", "/start_training"), Button("Main menu", "/menu")) if buttons else ()
        p = self.progress_of(s, user) if user is not None else None
        if p is None or not p.completed:
            started = len(p.attempts) if p else 0
            extra = f" You have started {started} without finishing yet." if started else ""
            return [Reply(f"{MARK} You haven't finished a practice scenario yet.{extra} There are "
                          f"{len(self.library.scenarios)} to choose from, each with feedback from the guidance.", more)]
        done = p.completed
        lines = [f"{MARK} Your training progress (practice only, kept apart from case records):",
                 f"- Scenarios completed: {len(p.best)} of {len(self.library.scenarios)} ({len(done)} attempt(s))",
                 f"- Average score: {p.average}%"]
        last = done[-1]
        lines.append(f"- Most recent: {last.ref} on {_fmt_date(last.completed_at)}, {last.percent}%")
        if len(done) > 1:
            lines.append("- Scores over time: " + " → ".join(f"{a.percent}%" for a in done[-6:]))
        if p.by_kind:
            lines.append("- By question: " + "; ".join(f"{KIND_LABELS[k]} {round(100 * pts / mx)}%"
                                                      for k, (pts, mx) in p.by_kind.items() if mx))
            weakest = min(p.by_kind.items(), key=lambda kv: kv[1][0] / kv[1][1] if kv[1][1] else 1)
            kind, (pts, mx) = weakest
            if mx and pts < mx:
                suggest = next((sc.ref for sc in self.library.scenarios
                                if sc.ref in p.not_tried and any(st.ask == kind for st in sc.steps)), None)
                lines.append(f"- To work on: {KIND_LABELS[kind]}" + (f" (try {suggest})" if suggest else ""))
        if p.not_tried:
            lines.append("- Not tried yet: " + ", ".join(p.not_tried))
        return [Reply("\n".join(lines), more)]

    # -- for trainers -----------------------------------------------------------------------
    def export(self, channel: str, trainee: str) -> dict | None:
        """A trainee's results: every attempt and every answer, with a summary. None if the
        trainee has never used training mode."""
        with records.session_scope(self.db_url) as s:
            user = s.execute(select(User).where(User.channel == channel, User.external_id == trainee)).scalar_one_or_none()
            if user is None:
                return None
            attempts = s.execute(select(TrainingAttempt).where(TrainingAttempt.user_id == user.id)
                                 .order_by(TrainingAttempt.started_at, TrainingAttempt.id)).scalars().all()
            if not attempts:
                return None
            out = []
            for a in attempts:
                sc = self.library.by_id(a.scenario_id)
                out.append({"attempt_id": a.id, "scenario_ref": a.scenario_ref, "scenario_title": sc.title if sc else None,
                            "status": a.status, "points": a.points, "max_points": a.max_points, "percent": a.percent,
                            "started_at": _iso(a.started_at), "completed_at": _iso(a.completed_at),
                            "steps": [{"step": ans.position, "step_id": ans.step_id, "question": ans.ask,
                                       "answer": ans.value, "model_answer": ans.model_answer, "verdict": ans.verdict,
                                       "points": ans.points, "max_points": ans.max_points,
                                       "answered_at": _iso(ans.created_at)} for ans in a.answers]})
            return {"trainee": trainee, "channel": channel, "exported_at": _iso(self.clock()),
                    "note": "Practice scenarios with invented families; no case records are included.",
                    "summary": self.progress_of(s, user).as_dict(), "attempts": out}

    def trainees(self) -> list[dict]:
        """Everyone who has used training mode, with counts, for `python -m bot training list`."""
        with records.session_scope(self.db_url) as s:
            rows = s.execute(select(User, func.count(TrainingAttempt.id), func.max(TrainingAttempt.updated_at))
                             .join(TrainingAttempt, TrainingAttempt.user_id == User.id)
                             .group_by(User.id).order_by(User.channel, User.external_id)).all()
            out = []
            for user, n, last in rows:
                p = self.progress_of(s, user)
                out.append({"trainee": user.external_id, "channel": user.channel, "attempts": n,
                            "completed": len(p.completed), "scenarios_completed": len(p.best),
                            "average_percent": p.average, "last_activity": _iso(last)})
            return out


CSV_COLUMNS = ("trainee", "channel", "attempt_id", "scenario_ref", "scenario_title", "attempt_status",
               "attempt_points", "attempt_max_points", "attempt_percent", "started_at", "completed_at", "step",
               "step_id", "question", "answer", "model_answer", "verdict", "points", "max_points", "answered_at")


def export_rows(data: dict) -> list[dict]:
    """The export as flat rows, one per answered step (an attempt with none gets one row)."""
    rows = []
    for a in data["attempts"]:
        base = {"trainee": data["trainee"], "channel": data["channel"], "attempt_id": a["attempt_id"],
                "scenario_ref": a["scenario_ref"], "scenario_title": a["scenario_title"], "attempt_status": a["status"],
                "attempt_points": a["points"], "attempt_max_points": a["max_points"], "attempt_percent": a["percent"],
                "started_at": a["started_at"], "completed_at": a["completed_at"]}
        for st in a["steps"] or [{}]:
            rows.append({**base, **{k: st.get(k) for k in ("step", "step_id", "question", "answer", "model_answer",
                                                            "verdict", "points", "max_points", "answered_at")}})
    return rows


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
