"""Threshold reasoning: what the guidance suggests for a set of check answers.

The rules are data: every criterion in knowledge/thresholds.yml carries its own condition
(`when`), written in the condition language of the check plan (bot/walks/check_plan.py:
band_in, band_not_in, answer_in, unsure_at_least, evaluated by `Plan.holds`). This module
adds only what a threshold rule needs on top of it, and nothing that decides by itself:

  all: [cond, ...] / any: [cond, ...] / not: cond   combine conditions
  any_type: {types: [...], <cond>}   holds when the condition holds for one type of neglect;
                                     inside it q_seen, q_pattern and q_impact mean that type's
                                     questions (q_seen__<type> ...)
  criterion: <id>                    holds when that criterion is met

The rules are validated with pydantic when first used (shape), and against the check plan
(every question id and answer value must exist). A criterion with `raises: false` is a note
that shapes the reading; one without `when` is described for reference and never evaluated.
A raising rule may never be met by a "not sure" answer (validation refuses one that names
"unsure" outside a `not`), so "not sure" only adds what would change the picture.
It never decides: it names the level the guidance points towards and the answers that led there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.knowledge.loader import Criterion, KnowledgeBase, Level, NextStep, Pitfall, Source
from bot.knowledge.texts import say
from bot.reasoning.threshold_rules import (  # noqa: F401  (imported from here by the summary and tests)
    FILE,
    NOT_MOVED,
    PLAN_KEYS,
    UNSURE,
    Rules,
    rules_for,
)
from bot.walks.check_plan import Plan, Question


# -- the assessment -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    because: str  # the answers that met it, in words
    raises: bool = True  # False: a note that shapes the reading but does not set the level
    answers: tuple[str, ...] = ()  # the question ids whose answers met it


@dataclass(frozen=True)
class Prompt:
    pitfall: Pitfall
    question: str
    because: str


@dataclass(frozen=True)
class Move:
    """One answer that, given differently, would point to another level."""

    question: str  # how the summary names the question
    answer: str  # the answer as the practitioner would read it
    level: Level


@dataclass(frozen=True)
class Assessment:
    level: Level
    findings: tuple[Finding, ...]
    next_steps: tuple[NextStep, ...]
    prompts: tuple[Prompt, ...]
    unsure: int
    unsure_about: tuple[str, ...] = ()  # the questions answered "not sure"
    could_change: tuple[Move, ...] = ()  # what finding out could change
    moves_up: tuple[Move, ...] = ()
    moves_down: tuple[Move, ...] = ()
    up_needs: tuple[str, ...] = field(default=())  # what the next level up asks for, in short

    @property
    def level_id(self) -> str:
        return self.level.id


def _plain(label: str) -> str:
    """An answer's label inside a sentence: 'Persistent' -> 'persistent', 'CIN or CP before' unchanged."""
    return label[0].lower() + label[1:] if len(label) > 1 and not label[1].isupper() else label


def _because(qids: list[str], answers: Mapping[str, str], plan: Plan) -> tuple[tuple[str, ...], str]:
    seen: list[str] = []
    for q in qids:
        if q in answers and q not in seen:
            seen.append(q)
    parts = []
    for q in seen:
        question = plan.by_id.get(q)
        if question is not None:
            parts.append(f"{question.short}: {_plain(plan.label(question, answers[q]))}")
    return tuple(seen), "; ".join(parts)


def _alternatives(q: Question, current: str) -> list[str]:
    if q.kind not in ("yes_no", "choice", "multi", "duration"):
        return []
    values = [
        o.value
        for o in q.options
        if o.value not in (current, UNSURE) and not (q.kind == "multi" and o.exclusive and o.value != "none")
    ]
    return sorted(values, key=lambda v: v != "none")  # "none of these" first: the plainest other answer


def _with(answers: Mapping[str, str], qid: str, value: str, plan: Plan) -> dict[str, str]:
    alt = dict(answers)
    alt[qid] = value
    if qid.startswith("q_seen__") and value == "no":  # its pattern and impact are then not asked
        t = qid.split("__", 1)[1]
        for q in plan.questions:
            if q.neglect_type is not None and q.neglect_type.id == t and q.id != qid:
                alt.pop(q.id, None)
    return alt


def _moves(
    answers: Mapping[str, str], rules: Rules, plan: Plan, current: Level, only: set[str] | None = None
) -> list[Move]:
    out: list[Move] = []
    for q in plan.questions:
        if q.id in NOT_MOVED or q.id not in answers or (only is not None and q.id not in only):
            continue
        for v in _alternatives(q, answers[q.id]):
            alt = _with(answers, q.id, v, plan)
            if q.id.startswith("q_seen__") and answers[q.id] == UNSURE and v == "yes":
                # finding out there are signs: also what the pattern or impact would add
                for other in plan.questions:
                    if (
                        other.neglect_type is not None
                        and other.id.split("__")[1] == q.id.split("__")[1]
                        and other.id != q.id
                        and alt.get(other.id) == UNSURE
                    ):
                        for w in _alternatives(other, UNSURE):
                            lv = rules.level_for({**alt, other.id: w})
                            if lv.rank != current.rank:
                                out.append(
                                    Move(f"{q.short} and {other.short}", f"yes, {_plain(plan.label(other, w))}", lv)
                                )
            lv = rules.level_for(alt)
            if lv.rank != current.rank:
                out.append(Move(q.short, _plain(plan.label(q, v)), lv))
    return out


def _pick(moves: list[Move], up: bool, limit: int = 4) -> tuple[Move, ...]:
    """The nearest levels first (one level up before two), each answer once."""
    chosen = sorted(moves, key=lambda m: m.level.rank if up else -m.level.rank)
    out: list[Move] = []
    for m in chosen:
        if all(m.question != o.question for o in out):
            out.append(m)
    return tuple(out[:limit])


def assess(answers: Mapping[str, str], kb: KnowledgeBase, plan: Plan, what_ifs: bool = True) -> Assessment:
    """The level, its reasons, next steps and prompts; with what_ifs, what one answer would change."""
    rules = rules_for(kb, plan)
    met = rules.evaluate(answers)
    level = rules.level_of(met)
    findings = []
    for rid, trace in met.items():
        rule = rules.rules[rid]
        if rule.only_at_its_level and rule.criterion.level != level.id:
            continue
        qids, because = _because(trace, answers, plan)
        findings.append(Finding(rule.criterion, because, rule.raises, qids))

    step_ids = list(plan.next_step_plan.get(level.id, []))
    for cond in plan.conditional_steps:
        if plan.holds(cond.get("when") or {}, answers) and cond["step"] not in step_ids:
            step_ids.append(cond["step"])
    steps = tuple(kb.items[s] for s in step_ids)  # type: ignore[misc]

    prompts = []
    for p in plan.reflective_prompts:
        if plan.holds(p.get("when") or {}, answers):
            pit: Pitfall = kb.items[p["pitfall"]]  # type: ignore[assignment]
            prompts.append(Prompt(pit, pit.reflective_questions[0], str(p.get("because") or "")))

    unsure_q = [q for q in plan.questions if answers.get(q.id) == UNSURE]
    unsure_ids = {q.id for q in unsure_q}
    could = (
        [m for m in _moves(answers, rules, plan, level, unsure_ids) if m.level.rank > level.rank] if what_ifs else []
    )
    moves = _moves(answers, rules, plan, level, None) if what_ifs else []
    ups = [m for m in moves if m.level.rank > level.rank]
    downs = [m for m in moves if m.level.rank < level.rank]
    above = [lv for lv in kb.levels if lv.rank == level.rank + 1 and lv.id != "emergency"]
    up_needs = tuple(r.short for r in rules.rules.values() if r.raises and above and r.criterion.level == above[0].id)

    levels = {lv.id: lv for lv in kb.levels}
    ordered = sorted(findings, key=lambda fd: (-levels[fd.criterion.level].rank, not fd.raises))
    return Assessment(
        level,
        tuple(ordered),
        steps,
        tuple(prompts),
        sum(1 for v in answers.values() if v == UNSURE),
        tuple(q.short for q in unsure_q),
        _pick(could, True),
        _pick(ups, True),
        _pick(downs, False),
        up_needs,
    )


def level_of(answers: Mapping[str, str], kb: KnowledgeBase, plan: Plan) -> str:
    """Only the level id (no next steps, prompts or what-ifs): for tables of cases."""
    return rules_for(kb, plan).level_for(answers).id


def impact_guide(kb: KnowledgeBase, band: str | None, disabled: bool = False) -> str | None:
    """What the documents count as serious and as some impact for the child's age band, with sources.

    The content is the impact question's `guide` in knowledge/check.yml; a disabled child gets
    the 'disabled' entry too. None when there is no guide for the band.
    """
    raw = kb.extra.get("check.yml") or {}
    q = next((q for q in raw.get("questions") or [] if q.get("id") == "q_impact"), None)
    guide = (q or {}).get("guide") or {}
    entries = [guide[b] for b in ((band or "primary"), "disabled" if disabled else "") if b in guide]
    if not entries:
        return None
    fields = Source.__dataclass_fields__
    serious = " ".join(str(e["serious"]).strip() for e in entries)
    some = " ".join(str(e["some"]).strip() for e in entries)
    cites = "; ".join(
        kb.cite(Source(**{k: str(v) for k, v in s.items() if k in fields}))
        for e in entries
        for s in [e["source"], *(e.get("also") or [])]
    )
    return say("check.impact_guide", serious=serious, some=some, cites=cites)
