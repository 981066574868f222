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

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Source, get_kb
from bot.settings import get_settings
from bot.walks.check_plan import Option  # the same options as the check's questions: value, label, words

FILE = "training.yml"
KINDS = ("types", "level", "next_step", "pitfall")
ITEM_KIND = {"types": "neglect_type", "level": "level", "next_step": "next_step", "pitfall": "pitfall"}
KIND_LABELS = {
    "types": "types of neglect",
    "level": "level of need",
    "next_step": "next step",
    "pitfall": "thinking trap",
}
NONE = "none"  # the types answer "no neglect here"
SKIPPED = "skipped"
BANDS = ("unborn", "baby", "toddler", "primary", "adolescent")
BAND_LABELS = {
    "unborn": "unborn baby",
    "baby": "baby",
    "toddler": "toddler",
    "primary": "primary age",
    "adolescent": "teenager",
}
REF_RE = re.compile(r"^TRN-\d{2,3}$")
MARK = "[PRACTICE]"  # starts every practice message; no message has a blank line, which channels split on
POINTS = 2  # per step: 2 for the model answer, 1 for a partial one
MIN_STEPS, MAX_STEPS = 2, 4
SCENARIO_FIELDS = ("id", "ref", "title", "band", "intro", "steps")
SCENARIO_OPTIONAL = ("disabled", "themes", "inspired_by")
STEP_FIELDS = ("id", "ask", "situation", "answer", "feedback", "learning_point", "source")
STEP_OPTIONAL = ("question", "options", "partial", "see", "why")


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
        if key != "source" and self.seeds is not None:  # `source` fields are checked by bot.knowledge.loader already
            path = self.seeds / self.kb.documents[doc].file
            if path.exists() and _norm_words(section) not in _norm_words(
                path.read_text(encoding="utf-8", errors="replace")
            ):
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
                self.problem(
                    f"{FILE}: scenarios[{n}] '{scenario.id}'",
                    f"field 'ref': {scenario.ref} is also used by '{refs[scenario.ref]}'",
                )
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

    def load_scenario(
        self, n: int, raw: Any, kinds: dict[str, Kind], sets: dict[str, tuple[Option, ...]]
    ) -> Scenario | None:
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
        return Scenario(
            texts["id"],
            texts["ref"],
            texts["title"],
            texts["band"],
            bool(raw.get("disabled", False)),
            themes,
            texts["intro"],
            tuple(steps),
            inspired,
        )

    def load_step(
        self, swhere: str, m: int, raw: Any, kinds: dict[str, Kind], sets: dict[str, tuple[Option, ...]]
    ) -> ScenarioStep | None:
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
        return ScenarioStep(
            texts["id"],
            m + 1,
            ask,
            texts["situation"],
            question,
            why,
            tuple(options),
            answer,
            partial,
            texts["feedback"],
            texts["learning_point"],
            source,
            self.values(raw, "see", where),
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
