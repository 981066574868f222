"""The practice scenarios (knowledge/training.yml) as typed objects: `load_library(kb)` reads
and validates them against the rest of knowledge/, so that every option and model answer
points to a type of neglect, level, next step or pitfall that exists. A malformed scenario
fails with the file, the scenario and the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.knowledge import files
from bot.knowledge.age_band import KEYS as BANDS  # noqa: F401  (imported from here)
from bot.knowledge.age_band import AgeBand
from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Source, get_kb
from bot.knowledge.schema import SourceSpec
from bot.knowledge.schema_walks import MAX_STEPS, MIN_STEPS, OWN_SHAPE_MODELS  # noqa: F401
from bot.knowledge.schema_walks import NO_NEGLECT as NONE  # the types answer "no neglect here"
from bot.knowledge.schema_walks import TRAINING_KINDS as KINDS
from bot.knowledge.texts import say
from bot.settings import get_settings
from bot.walks.check_plan import Option  # the same options as the check's questions: value, label, words

FILE = "training.yml"
ITEM_KIND = {"types": "neglect_type", "level": "level", "next_step": "next_step", "pitfall": "pitfall"}
KIND_LABELS = {
    "types": "types of neglect",
    "level": "level of need",
    "next_step": "next step",
    "pitfall": "thinking trap",
}
SKIPPED = "skipped"
MARK = "[PRACTICE]"  # starts every practice message; no message has a blank line, which channels split on
POINTS = 2  # per step: 2 for the model answer, 1 for a partial one


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
        return AgeBand.from_key(self.band).training_label + (
            say("training_choice.disabled_child") if self.disabled else ""
        )


@dataclass(frozen=True)
class Library:
    scenarios: tuple[Scenario, ...]
    kinds: dict[str, Kind]
    fiction_note: str
    # what a trainee types to ask for any scenario, for any at the start, for a disabled child
    surprise_words: tuple[str, ...] = ()
    surprise_at_start: tuple[str, ...] = ()
    disabled_words: tuple[str, ...] = ()

    def by_ref(self, ref: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.ref == ref.upper()), None)

    def by_id(self, scenario_id: str | None) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def _words(text: str) -> str:
    return " ".join(text.split())


def _norm_words(text: str) -> str:
    return " ".join(_tokens(text))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


class _LibraryLoader:
    """Reads training.yml through its model (bot/knowledge/schema_walks.py) and checks what
    the model cannot: that every option and answer is a knowledge item of the step's kind."""

    def __init__(self, kb: KnowledgeBase, seeds: Path | None):
        self.kb = kb
        self.seeds = seeds
        self.problems: list[str] = []

    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def source(self, spec: SourceSpec, where: str, key: str) -> Source | None:
        if spec.doc not in self.kb.documents:
            self.problem(where, f"field '{key}': unknown document '{spec.doc}'")
            return None
        if key != "source" and self.seeds is not None:  # `source` fields are checked by bot.knowledge.loader already
            path = self.seeds / self.kb.documents[spec.doc].file
            if path.exists() and _norm_words(spec.section) not in _norm_words(
                path.read_text(encoding="utf-8", errors="replace")
            ):
                self.problem(where, f"field '{key}': section '{spec.section}' does not occur in {path.name}")
        return Source(spec.doc, spec.section)

    def load(self) -> Library:
        raw = self.kb.extra.get(FILE)
        if raw is None:
            raise KnowledgeError([f"{FILE}: missing: training mode reads its scenarios from it"])
        spec, elements = files.check_file(*OWN_SHAPE_MODELS[FILE], raw, FILE, self.problems)
        if spec is None:
            raise KnowledgeError(self.problems)
        kinds = {k: Kind(k, _words(getattr(spec.kinds, k).question), _words(getattr(spec.kinds, k).why)) for k in KINDS}
        sets = self.load_option_sets(spec.option_sets)
        scenarios: list[Scenario] = []
        refs: dict[str, str] = {}
        for n, sc in elements["scenarios"]:
            scenario = self.load_scenario(f"{FILE}: scenarios[{n}] '{sc.id}' ({sc.ref})", sc, kinds, sets)
            if scenario is None:
                continue
            if scenario.ref in refs:
                self.problem(
                    f"{FILE}: scenarios[{n}] '{scenario.id}'",
                    f"field 'ref': {scenario.ref} is also used by '{refs[scenario.ref]}'",
                )
                continue
            refs[scenario.ref] = scenario.id
            scenarios.append(scenario)
        if self.problems:
            raise KnowledgeError(self.problems)
        choosing = spec.choosing
        return Library(
            tuple(sorted(scenarios, key=lambda s: s.number)),
            kinds,
            _words(spec.fiction_note),
            tuple(choosing.surprise),
            tuple(choosing.surprise_at_start),
            tuple(choosing.disabled),
        )

    def load_option_sets(self, spec: Any) -> dict[str, tuple[Option, ...]]:
        out: dict[str, tuple[Option, ...]] = {}
        labels = self.kb.profile.level_labels
        for kind in KINDS:
            opts: list[Option] = []
            for n, o in enumerate(getattr(spec, kind)):
                where = f"{FILE}: option_sets.{kind}[{n}] '{o.value}'"
                if not self.is_item(kind, o.value):
                    self.problem(where, f"field 'value': no {ITEM_KIND[kind].replace('_', ' ')} has id '{o.value}'")
                    continue
                words = tuple(o.words)
                if kind == "level":
                    label = o.label or labels.get(o.value) or self.kb.items[o.value].name
                    words += tuple({self.kb.items[o.value].name, labels.get(o.value, "")} - {""})
                elif not o.label:
                    self.problem(where, "missing required field 'label'")
                    continue
                else:
                    label = o.label
                if any(p.value == o.value for p in opts):
                    self.problem(where, f"value '{o.value}' is listed twice")
                    continue
                opts.append(Option(o.value, label, words, o.exclusive))
            out[kind] = tuple(opts)
        return out

    def is_item(self, kind: str, value: str) -> bool:
        if kind == "types" and value == NONE:
            return True
        item = self.kb.items.get(value)
        return item is not None and item.kind == ITEM_KIND[kind]

    def load_scenario(
        self, where: str, sc: Any, kinds: dict[str, Kind], sets: dict[str, tuple[Option, ...]]
    ) -> Scenario | None:
        before = len(self.problems)
        inspired = self.source(sc.inspired_by, where, "inspired_by") if sc.inspired_by else None
        steps = [self.load_step(f"{where}: steps[{m}] '{st.id}'", m, st, kinds, sets) for m, st in enumerate(sc.steps)]
        if len(self.problems) > before:
            return None
        return Scenario(
            sc.id,
            sc.ref,
            _words(sc.title),
            sc.band,
            sc.disabled,
            tuple(sc.themes),
            _words(sc.intro),
            tuple(s for s in steps if s is not None),
            inspired,
        )

    def load_step(
        self, where: str, m: int, st: Any, kinds: dict[str, Kind], sets: dict[str, tuple[Option, ...]]
    ) -> ScenarioStep | None:
        ask, before = st.ask, len(self.problems)
        source = self.source(st.source, where, "source")
        option_set = sets.get(ask, ())
        kind_name = ITEM_KIND[ask].replace("_", " ")
        options = list(option_set)
        if st.options is not None:
            options = []
            for v in st.options:
                o = next((x for x in option_set if x.value == v), None)
                if not self.is_item(ask, v):
                    self.problem(where, f"field 'options': no {kind_name} has id '{v}'")
                elif o is None:
                    self.problem(where, f"field 'options': '{v}' has no entry in option_sets.{ask}")
                else:
                    options.append(o)
        values = {o.value for o in options}
        for key, ids in (("answer", st.answer), ("partial", st.partial)):
            for v in ids:
                if not self.is_item(ask, v):
                    self.problem(where, f"field '{key}': no {kind_name} has id '{v}'")
                elif v not in values:
                    self.problem(where, f"field '{key}': '{v}' is not one of this step's options")
        for v in st.see:
            if v not in self.kb.items:
                self.problem(where, f"field 'see': no item has id '{v}'")
        if len(self.problems) > before or source is None:
            return None
        return ScenarioStep(
            st.id,
            m + 1,
            ask,
            _words(st.situation),
            _words(st.question or kinds[ask].question),
            _words(st.why or kinds[ask].why),
            tuple(options),
            tuple(st.answer),
            tuple(st.partial),
            _words(st.feedback),
            _words(st.learning_point),
            source,
            tuple(st.see),
        )


def load_library(kb: KnowledgeBase, seeds: Path | None = None) -> Library:
    """The scenario library, validated against kb; raises KnowledgeError naming every problem."""
    seeds_dir = seeds if seeds is not None else get_settings().seeds_dir
    return _LibraryLoader(kb, seeds_dir if seeds_dir.is_dir() else None).load()


@lru_cache(maxsize=4)
def _library_for(kb: KnowledgeBase) -> Library:
    return load_library(kb)


def get_library(kb: KnowledgeBase | None = None) -> Library:
    return _library_for(kb or get_kb())
