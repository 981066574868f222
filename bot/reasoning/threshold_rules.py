"""The threshold rules of knowledge/thresholds.yml: their shape (pydantic), their validation
against the check plan, and the evaluation of a condition for a set of answers. The
assessment that uses them is bot/reasoning/threshold.py; see its docstring for the condition language."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Extra, Field, validator

from bot.knowledge import files
from bot.knowledge.loader import AGE_BANDS, Criterion, KnowledgeBase, KnowledgeError, Level
from bot.settings import get_settings
from bot.walks.check_plan import AGE_QUESTION, SKIPPED, Plan

FILE = "thresholds.yml"
UNSURE = "unsure"
PLAN_KEYS = ("band_in", "band_not_in", "answer_in", "unsure_at_least")
# answers that never move the level in a "what would change it" look: the emergency answer has
# its own route (999), the others are not facts about the child's care
NOT_MOVED = (
    "q_danger_now",
    "q_case_ref",
    AGE_QUESTION,
    "q_child_voice",
    "q_scale",
    "q_dsl_knows",
    "q_strengths",
    "q_seen_alone",
)


# -- the shape of a rule (pydantic) -------------------------------------------------------------
class Cond(BaseModel):
    band_in: list[str] | None
    band_not_in: list[str] | None
    answer_in: dict[str, list[str]] | None
    unsure_at_least: int | None
    all_: list[Cond] | None = Field(None, alias="all")
    any_: list[Cond] | None = Field(None, alias="any")
    not_: Cond | None = Field(None, alias="not")
    any_type: TypeCond | None
    criterion: str | None

    class Config:
        extra = Extra.forbid
        allow_population_by_field_name = True

    @validator("band_in", "band_not_in", each_item=True)
    def _band(cls, v: str) -> str:  # noqa: N805
        if v not in AGE_BANDS:
            raise ValueError(f"unknown age band '{v}' (known: {', '.join(AGE_BANDS)})")
        return v

    @validator("answer_in")
    def _values(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:  # noqa: N805
        for qid, values in v.items():
            if not values:
                raise ValueError(f"answer_in.{qid} lists no values")
        return v


class TypeCond(Cond):
    types: list[str] | None


Cond.update_forward_refs(TypeCond=TypeCond)
TypeCond.update_forward_refs()


class RuleSpec(BaseModel):
    id: str
    when: Cond | None
    raises: bool = True
    short: str | None
    only_at_its_level: bool = False  # a note shown only when the answers point to its own level

    class Config:
        extra = Extra.allow  # text and sources are checked by bot/knowledge/loader.py


@dataclass(frozen=True)
class Rule:
    criterion: Criterion
    when: Mapping[str, Any]
    raises: bool
    short: str
    only_at_its_level: bool = False


class Rules:
    """The evaluated criteria of thresholds.yml, in file order, checked against the plan."""

    def __init__(self, kb: KnowledgeBase, plan: Plan, raw: Any):
        self.kb, self.plan = kb, plan
        self._cache: dict[tuple[int, str], Mapping[str, Any]] = {}  # any_type conditions per type
        self.type_ids = tuple(t.id for t in kb.neglect_types)
        self.type_bases = tuple(sorted({q.id.split("__")[0] for q in plan.questions if q.neglect_type is not None}))
        problems: list[str] = []
        self.rules: dict[str, Rule] = {}
        self.levels = {lv.id: lv for lv in kb.levels}
        specs: list[tuple[str, RuleSpec]] = []
        for lv in (raw or {}).get("levels") or []:
            for n, c in enumerate(lv.get("criteria") or []):
                where = f"{FILE}: levels '{lv.get('id')}' criteria[{n}] '{c.get('id')}'"
                spec = files.check(RuleSpec, c, where, problems)
                if spec is not None:
                    specs.append((where, spec))
        for where, spec in specs:
            crit = kb.items.get(spec.id)
            if not isinstance(crit, Criterion):
                problems.append(f"{where}: not a criterion of the knowledge base")
                continue
            when = spec.when.dict(by_alias=True, exclude_none=True) if spec.when else {}
            if when:
                problems.extend(f"{where}: field 'when': {p}" for p in self._check(when, spec.raises, False, False))
            if spec.raises and when and not spec.short:
                problems.append(f"{where}: a raising rule needs 'short' (how the summary names it)")
            self.rules[spec.id] = Rule(crit, when, spec.raises and bool(when), spec.short or "", spec.only_at_its_level)
        problems.extend(self._cycles())
        if problems:
            raise KnowledgeError(problems)

    # -- validation against the plan ----------------------------------------------------------
    def _values_of(self, qid: str) -> set[str] | None:
        q = self.plan.by_id.get(qid)
        if q is None:
            return None
        if q.kind == "age":
            return set(AGE_BANDS) | {SKIPPED}
        return {o.value for o in q.options} | {SKIPPED}

    def _check(self, cond: Mapping[str, Any], raises: bool, negated: bool, in_type: bool) -> list[str]:
        out: list[str] = []
        for key, val in cond.items():
            if key == "answer_in":
                for qid, values in val.items():
                    real = f"{qid}__{self.type_ids[0]}" if in_type and qid in self.type_bases else qid
                    if qid in self.type_bases and not in_type:
                        out.append(f"'{qid}' is asked for each type of neglect: use it inside any_type")
                        continue
                    known = self._values_of(real)
                    if known is None:
                        out.append(f"answer_in names unknown question '{qid}'")
                        continue
                    out.extend(
                        f"answer_in.{qid}: '{v}' is not an answer to that question" for v in values if v not in known
                    )
                    if raises and not negated and UNSURE in values:
                        out.append(f"answer_in.{qid}: a raising rule may not be met by 'not sure'")
            elif key in ("all", "any"):
                for sub in val:
                    out.extend(self._check(sub, raises, negated, in_type))
            elif key == "not":
                out.extend(self._check(val, raises, not negated, in_type))
            elif key == "any_type":
                out.extend(
                    f"any_type.types: unknown type of neglect '{t}'"
                    for t in val.get("types") or []
                    if t not in self.type_ids
                )
                out.extend(self._check({k: v for k, v in val.items() if k != "types"}, raises, negated, True))
            elif key == "criterion":
                if val not in self._all_ids():
                    out.append(f"criterion: no evaluated criterion has id '{val}'")
            elif key == "unsure_at_least" and raises and not negated:
                out.append("unsure_at_least: a raising rule may not rest on 'not sure' answers")
        return out

    def _all_ids(self) -> set[str]:
        raw = _read_raw(self.kb)
        return {c.get("id") for lv in raw.get("levels") or [] for c in lv.get("criteria") or [] if c.get("when")}

    def _cycles(self) -> list[str]:
        def refs(cond: Any) -> set[str]:
            if isinstance(cond, dict):
                out = {cond["criterion"]} if "criterion" in cond else set()
                for k, v in cond.items():
                    if k != "criterion":
                        out |= refs(v)
                return out
            if isinstance(cond, list):
                return set().union(*(refs(c) for c in cond)) if cond else set()
            return set()

        graph = {rid: refs(r.when) for rid, r in self.rules.items()}
        out = []
        for start in graph:
            seen, stack = set(), list(graph[start])
            while stack:
                nxt = stack.pop()
                if nxt == start:
                    out.append(
                        f"{FILE}: levels '{self.rules[start].criterion.level}' criterion '{start}': "
                        "field 'when' depends on itself through 'criterion:'"
                    )
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.extend(graph.get(nxt, ()))
        return out

    # -- evaluation ---------------------------------------------------------------------------
    def evaluate(self, answers: Mapping[str, str]) -> dict[str, list[str]]:
        """{criterion id: the question ids whose answers met it} for every criterion met."""
        memo: dict[str, list[str] | None] = {}
        for rid in self.rules:
            self._met(rid, answers, memo)
        return {rid: trace for rid, trace in memo.items() if trace is not None}

    def _met(self, rid: str, answers: Mapping[str, str], memo: dict) -> list[str] | None:
        if rid not in memo:
            rule = self.rules[rid]
            trace: list[str] = []
            memo[rid] = trace if rule.when and self._holds(rule.when, answers, trace, memo) else None
        return memo[rid]

    def _holds(self, cond: Mapping[str, Any], answers: Mapping[str, str], trace: list[str], memo: dict) -> bool:
        leaf = {k: v for k, v in cond.items() if k in PLAN_KEYS}
        if leaf:
            if not self.plan.holds(leaf, answers):
                return False
            trace.extend(leaf.get("answer_in", {}))
            if "band_in" in leaf:
                trace.append(AGE_QUESTION)
        for key, val in cond.items():
            if key == "all":
                sub: list[str] = []
                if not all(self._holds(c, answers, sub, memo) for c in val):
                    return False
                trace.extend(sub)
            elif key == "any":
                hit = False
                for c in val:
                    sub = []
                    if self._holds(c, answers, sub, memo):
                        hit = True
                        trace.extend(sub)
                if not hit:
                    return False
            elif key == "not":
                if self._holds(val, answers, [], memo):
                    return False
                trace.extend(q for q in self._refs(val) if q in answers)
            elif key == "any_type":
                hit = False
                for t in val.get("types") or self.type_ids:
                    sub = []
                    if self._holds(self._expanded(val, t), answers, sub, memo):
                        hit = True
                        trace.extend(sub)
                if not hit:
                    return False
            elif key == "criterion":
                met = self._met(val, answers, memo)
                if met is None:
                    return False
                trace.extend(met)
        return True

    def _expanded(self, any_type: Mapping[str, Any], t: str) -> Mapping[str, Any]:
        key = (id(any_type), t)
        if key not in self._cache:
            self._cache[key] = self._for_type({k: v for k, v in any_type.items() if k != "types"}, t)
        return self._cache[key]

    def _refs(self, cond: Any) -> list[str]:
        """The question ids a condition looks at (each type's for any_type)."""
        out: list[str] = []
        if isinstance(cond, dict):
            for k, v in cond.items():
                if k == "answer_in":
                    out.extend(v)
                elif k == "any_type":
                    inner = {kk: vv for kk, vv in v.items() if kk != "types"}
                    for t in v.get("types") or self.type_ids:
                        out.extend(self._refs(self._for_type(inner, t)))
                elif k == "criterion":
                    out.extend(self._refs(self.rules[v].when) if v in self.rules else [])
                elif k in ("all", "any", "not"):
                    out.extend(self._refs(v))
        elif isinstance(cond, list):
            for c in cond:
                out.extend(self._refs(c))
        return out

    def _for_type(self, cond: Any, t: str) -> Any:
        if isinstance(cond, dict):
            out = {}
            for k, v in cond.items():
                if k == "answer_in":
                    out[k] = {(f"{q}__{t}" if q in self.type_bases else q): vals for q, vals in v.items()}
                else:
                    out[k] = self._for_type(v, t)
            return out
        if isinstance(cond, list):
            return [self._for_type(c, t) for c in cond]
        return cond

    def level_of(self, met: Mapping[str, list[str]]) -> Level:
        raised = [self.levels[self.rules[rid].criterion.level] for rid in met if self.rules[rid].raises]
        return max(raised, key=lambda lv: lv.rank) if raised else self.levels["universal"]

    def level_for(self, answers: Mapping[str, str]) -> Level:
        return self.level_of(self.evaluate(answers))


def _read_raw(kb: KnowledgeBase) -> dict:
    if FILE in kb.extra:  # a knowledge base that carries the raw file (tests may pass one)
        return kb.extra[FILE]
    return _read_file(get_settings().knowledge_dir / FILE)


@lru_cache(maxsize=4)
def _read_file(path: Path) -> dict:
    return files.read_or_raise(path, FILE) or {}


_RULES: dict[tuple[int, int], Rules] = {}


def rules_for(kb: KnowledgeBase, plan: Plan) -> Rules:
    """The validated rules for this knowledge base and plan (built once)."""
    key = (id(kb), id(plan))
    if key not in _RULES or _RULES[key].kb is not kb or _RULES[key].plan is not plan:
        _RULES[key] = Rules(kb, plan, copy.deepcopy(_read_raw(kb)))
    return _RULES[key]
