"""Threshold reasoning: what the guidance suggests for a set of check answers.

Plain Python over the answers and knowledge/. It never decides: it names the level the
guidance points towards, the criteria (from knowledge/thresholds.yml, with sources) that
the answers meet, the next steps from the plan in knowledge/check.yml with the active
profile's contacts, and the reflective prompts the answers call for.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from bot.check_plan import Plan
from bot.knowledge import Criterion, KnowledgeBase, Level, NextStep, Pitfall

TOXIC_TRIO = {"domestic_abuse", "substance_misuse", "mental_ill_health"}


@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    because: str  # the answers that met it, in words
    raises: bool = True  # False: a note that shapes the reading but does not set the level


@dataclass(frozen=True)
class Prompt:
    pitfall: Pitfall
    question: str
    because: str


@dataclass(frozen=True)
class Assessment:
    level: Level
    findings: tuple[Finding, ...]
    next_steps: tuple[NextStep, ...]
    prompts: tuple[Prompt, ...]
    unsure: int

    @property
    def level_id(self) -> str:
        return self.level.id


@dataclass(frozen=True)
class Facts:
    """The answers read as facts the criteria talk about."""
    danger_now: bool
    band: str | None
    disabled: bool
    seen: tuple[str, ...]  # neglect type ids answered yes
    possible: tuple[str, ...]  # answered not sure
    pattern: Mapping[str, str]
    impact: Mapping[str, str]
    parental: frozenset[str]
    material: str
    uses_support: str
    engagement: str
    dc_signs: bool
    previous: str
    duration: str

    @classmethod
    def from_answers(cls, answers: Mapping[str, str], kb: KnowledgeBase) -> "Facts":
        types = [t.id for t in kb.neglect_types]
        return cls(
            danger_now=answers.get("q_danger_now") == "yes",
            band=answers.get("q_age"),
            disabled=answers.get("q_disability") == "yes",
            seen=tuple(t for t in types if answers.get(f"q_seen__{t}") == "yes"),
            possible=tuple(t for t in types if answers.get(f"q_seen__{t}") == "unsure"),
            pattern={t: answers.get(f"q_pattern__{t}", "") for t in types},
            impact={t: answers.get(f"q_impact__{t}", "") for t in types},
            parental=frozenset((answers.get("q_parental_factors") or "").split(",")) - {"", "none", "unsure", "skipped"},
            material=answers.get("q_material", ""),
            uses_support=answers.get("q_uses_support", ""),
            engagement=answers.get("q_engagement", ""),
            dc_signs=answers.get("q_dc_signs") == "yes",
            previous=answers.get("q_previous", ""),
            duration=answers.get("q_duration", ""),
        )

    def types_where(self, pattern: set[str] | None = None, impact: set[str] | None = None,
                    among: tuple[str, ...] | None = None) -> list[str]:
        out = []
        for t in among if among is not None else self.seen + self.possible:
            if pattern is not None and self.pattern.get(t) not in pattern:
                continue
            if impact is not None and self.impact.get(t) not in impact:
                continue
            out.append(t)
        return out


def _names(kb: KnowledgeBase, type_ids: list[str]) -> str:
    return ", ".join(kb.items[t].name.lower() for t in type_ids)


def _findings(f: Facts, kb: KnowledgeBase) -> list[tuple[str, str, bool]]:
    """(criterion id, because, raises the level?) for every criterion the facts meet."""
    out: list[tuple[str, str, bool]] = []
    add = lambda cid, because, raises=True: out.append((cid, because, raises))  # noqa: E731
    persistent_serious = f.types_where({"persistent"}, {"serious"})
    serious = f.types_where(None, {"serious"})
    persistent = f.types_where({"persistent"})
    some_or_serious = f.types_where(None, {"some", "serious"})
    concerns = f.seen + f.possible

    # emergency
    if f.danger_now:
        add("em_immediate_danger_now", "you said a child is in immediate danger now")

    # child protection
    if persistent_serious:
        add("cp_persistent_significant_harm", f"persistent {_names(kb, persistent_serious)} with a serious impact")
    health = [t for t in serious if t in ("nutritional_neglect", "medical_neglect")]
    if health:
        add("cp_basic_needs_failure_to_thrive", f"{_names(kb, health)} with a serious impact on the child")
    unsafe = [t for t in serious if t in ("supervision_neglect", "physical_neglect")]
    if unsafe:
        add("cp_unsafe_home_or_supervision", f"{_names(kb, unsafe)} with a serious impact on the child")
    if f.parental & (TOXIC_TRIO | {"learning_disability"}) and (serious or (persistent and f.band in ("unborn", "baby"))):
        add("cp_parenting_absent_or_compromised",
            f"parental difficulties ({', '.join(sorted(p.replace('_', ' ') for p in f.parental))}) alongside "
            + ("a serious impact" if serious else "persistent concerns for a baby"))
    if f.previous in ("social_care", "early_help") and persistent and (f.engagement == "no_change" or f.dc_signs):
        add("cp_parents_unable_or_unwilling_to_change",
            "help has been given before, the concerns persist and nothing is changing for the child")
    if f.engagement in ("avoiding", "hostile") and (serious or (persistent and some_or_serious)):
        add("cp_non_engaging_or_hostile",
            f"the parents are {'hostile' if f.engagement == 'hostile' else 'avoiding help'} while the child is affected")

    # child in need
    if some_or_serious:
        add("cin_direct_impact_on_development", f"{_names(kb, some_or_serious)} is having an impact on the child")
    if persistent or (f.previous == "early_help" and f.engagement == "no_change" and concerns):
        add("cin_needs_unmet_without_services",
            f"persistent {_names(kb, persistent)}" if persistent else "early help has not changed things for the child")
    if f.parental and some_or_serious:
        add("cin_capacity_supervision_risk", "parental difficulties are affecting the child's care")
    if "physical_neglect" in f.types_where({"persistent", "comes_and_goes"}, {"some", "serious"}):
        add("cin_inconsistent_care_poor_home", "physical neglect that recurs and affects the child")
    if f.material == "well_off" and concerns:
        add("cin_affluent_families_neglect_too", "the family is well off, yet you have seen signs of neglect", False)

    # early help
    if concerns and not some_or_serious:
        add("eh_emerging_needs", f"signs of {_names(kb, list(concerns))} without a clear impact yet")
    if concerns and all(f.pattern.get(t) == "one_off" for t in concerns):
        add("eh_reactive_neglect", "what you have seen followed a crisis rather than a pattern")
    if concerns and f.engagement == "changing":
        add("eh_parents_engaging_consent", "the parents are engaging and things are changing for the child", False)
    if f.material == "struggling" and f.uses_support == "yes":
        add("eh_poverty_alone_support", "money is short but the parents use the help offered for the child", False)

    # universal
    if not concerns and not f.danger_now:
        add("universal_needs_met_good_enough", "you have not seen signs of any of the six types of neglect")
        if f.parental or f.material == "struggling":
            add("universal_risk_factors_care_good", "risk factors are present but no signs of neglect were seen", False)
    return out


def assess(answers: Mapping[str, str], kb: KnowledgeBase, plan: Plan) -> Assessment:
    facts = Facts.from_answers(answers, kb)
    findings = tuple(Finding(kb.items[cid], because, raises)  # type: ignore[arg-type]
                     for cid, because, raises in _findings(facts, kb))
    levels = {lv.id: lv for lv in kb.levels}
    raised = [levels[fd.criterion.level] for fd in findings if fd.raises]  # type: ignore[attr-defined]
    level = max(raised, key=lambda lv: lv.rank) if raised else levels["universal"]

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
    unsure = sum(1 for v in answers.values() if v == "unsure")
    # only the findings of the level reached and the notes are reasons; lower ones are shown as context
    ordered = sorted(findings, key=lambda fd: (-levels[fd.criterion.level].rank, not fd.raises))  # type: ignore[attr-defined]
    return Assessment(level, tuple(ordered), steps, tuple(prompts), unsure)
