"""Distance travelled: a score per area of care for each completed check, and what changed
between a case's checks.

The scale, its grades and the rules that turn answers into scores are content, in
knowledge/scoring.yml (with sources); this module only applies them. An area of care is one
of the six types of neglect in knowledge/neglect_types.yml: a check scores each from its
"seen", "pattern" and "impact" answers, from 0 (needs not met) to 4 (no signs seen). The
practitioner's own 0-10 scale (question q_scale) is kept beside them.

Plain Python over records and knowledge: no Rasa, no matplotlib (bot/reports/chart.py draws).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.knowledge import files
from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Source, get_kb
from bot.knowledge.schema_walks import IMPACTS, PATTERNS, ScoringFile
from bot.knowledge.texts import say
from bot.walks.check_plan import SKIPPED

FILE = "scoring.yml"


@dataclass(frozen=True)
class Grade:
    value: int
    label: str
    text: str
    id: str
    source: Source


@dataclass(frozen=True)
class Rules:
    """knowledge/scoring.yml, checked."""

    grades: Mapping[int, Grade]
    from_seen: Mapping[str, int]
    matrix: Mapping[str, Mapping[str, int]]
    unknown_pattern: str
    unknown_impact: str
    scale_question: str
    scale_max: int
    scale_label: str
    concern_at_or_below: int
    text: str
    caveat: str
    sources: tuple[Source, ...]  # of the scale as a whole
    scale_sources: tuple[Source, ...]
    comparison_text: str
    comparison_sources: tuple[Source, ...]

    @property
    def max(self) -> int:
        return max(self.grades)

    @property
    def min(self) -> int:
        return min(self.grades)


def _sources(node: Any) -> tuple[Source, ...]:
    return tuple(Source(s.doc, s.section) for s in [node.source, *node.also])


def load_rules(kb: KnowledgeBase | None = None) -> Rules:
    """Reads knowledge/scoring.yml from the knowledge base; raises KnowledgeError naming each problem."""
    kb = kb or get_kb()
    data = kb.extra.get(FILE)
    if data is None:
        from bot.settings import get_settings

        data = files.read_or_raise(get_settings().knowledge_dir / FILE, FILE)
    return _rules_from(data, kb)


def _rules_from(data: Any, kb: KnowledgeBase) -> Rules:
    raw = files.check_or_raise(ScoringFile, data, FILE).scoring
    ps, cmp_ = raw.practitioner_scale, raw.comparison
    grades = {
        g.value: Grade(g.value, g.label, g.text, g.id, Source(g.source.doc, g.source.section)) for g in raw.grades
    }
    cited = _sources(raw) + _sources(ps) + _sources(cmp_) + tuple(g.source for g in grades.values())
    problems = [
        f"{FILE}: scoring: source document '{s.doc}' is not in sources.yml" for s in cited if s.doc not in kb.documents
    ]
    if problems:
        raise KnowledgeError(problems)
    return Rules(
        grades=grades,
        from_seen=dict(raw.from_seen),
        matrix={p: {i: getattr(getattr(raw.matrix, p), i) for i in IMPACTS} for p in PATTERNS},
        unknown_pattern=raw.unknown.pattern,
        unknown_impact=raw.unknown.impact,
        scale_question=ps.question,
        scale_max=ps.max,
        scale_label=ps.label,
        concern_at_or_below=cmp_.concern_at_or_below,
        text=raw.text,
        caveat=raw.caveat,
        sources=_sources(raw),
        scale_sources=_sources(ps),
        comparison_text=cmp_.text,
        comparison_sources=_sources(cmp_),
    )


@lru_cache(maxsize=4)
def _rules_for(kb: KnowledgeBase) -> Rules:
    return load_rules(kb)


def rules(kb: KnowledgeBase | None = None) -> Rules:
    """The rules of this knowledge base, read once."""
    return _rules_for(kb or get_kb())


# -- one check -------------------------------------------------------------------------------
@dataclass(frozen=True)
class AreaScore:
    area: str  # a neglect type id
    name: str
    value: int | None  # None: the "seen" question was skipped or not answered
    uncertain: bool = False  # a "not sure" or skipped answer was read with the rules' stand-in value


@dataclass(frozen=True)
class CheckScores:
    """The scores of one completed check."""

    check_id: int
    at: dt.datetime  # when the check was answered (its last answer)
    level: str | None
    areas: tuple[AreaScore, ...]  # in the order of neglect_types.yml
    scale: int | None  # the practitioner's 0-10, None when skipped

    def area(self, area_id: str) -> AreaScore:
        return next(a for a in self.areas if a.area == area_id)

    @property
    def total(self) -> int | None:
        values = [a.value for a in self.areas]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[misc]


def score_area(answers: Mapping[str, str], area: str, r: Rules) -> tuple[int | None, bool]:
    """(score, uncertain) of one area of care from a check's answers."""
    seen = answers.get(f"q_seen__{area}")
    if seen in r.from_seen:
        return r.from_seen[seen], seen == "unsure"
    if seen != "yes":
        return None, False
    pattern = answers.get(f"q_pattern__{area}")
    impact = answers.get(f"q_impact__{area}")
    uncertain = pattern not in PATTERNS or impact not in IMPACTS
    p = pattern if pattern in PATTERNS else r.unknown_pattern
    i = impact if impact in IMPACTS else r.unknown_impact
    return r.matrix[p][i], uncertain


def scale_value(answers: Mapping[str, str], r: Rules) -> int | None:
    raw = answers.get(r.scale_question)
    if raw in (None, "", SKIPPED):
        return None
    try:
        v = int(float(raw))
    except ValueError:
        return None
    return v if 0 <= v <= r.scale_max else None


def score_answers(
    check_id: int, at: dt.datetime, level: str | None, answers: Mapping[str, str], kb: KnowledgeBase, r: Rules
) -> CheckScores:
    areas = []
    for t in kb.neglect_types:
        value, uncertain = score_area(answers, t.id, r)
        areas.append(AreaScore(t.id, t.name, value, uncertain))
    return CheckScores(check_id, at, level, tuple(areas), scale_value(answers, r))


def score_check(check, kb: KnowledgeBase, r: Rules) -> CheckScores | None:
    """The scores of a bot.records.store.Check, or None when it is not complete."""
    if check.status != "complete":
        return None
    live = [a for a in check.answers if not a.superseded]
    answers = {a.question_id: a.value for a in live}
    at = max((a.created_at for a in live), default=check.started_at)
    return score_answers(check.id, at, check.level, answers, kb, r)


def case_scores(checks: Iterable, kb: KnowledgeBase, r: Rules) -> list[CheckScores]:
    """The scores of a case's completed checks, oldest first."""
    out = [sc for sc in (score_check(c, kb, r) for c in checks) if sc is not None]
    return sorted(out, key=lambda sc: (sc.at, sc.check_id))


# -- comparing checks ------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """How one area (or the 0-10 scale) moved across a case's checks."""

    key: str  # area id, or "scale"
    name: str
    points: tuple[tuple[dt.datetime, int], ...]  # the scored checks, oldest first
    direction: str  # better, worse, same (latest against the baseline), single (one scored check)
    baseline: int
    latest: int
    previous: int | None
    since: dt.datetime  # the latest value has held since this check
    held_checks: int  # how many checks in a row have had the latest value
    best: int
    concern: bool  # the latest value is at or below the level of concern

    @property
    def days_held(self) -> int:
        return (self.points[-1][0].date() - self.since.date()).days

    @property
    def step(self) -> int:
        return self.latest - (self.previous if self.previous is not None else self.baseline)


@dataclass
class Comparison:
    checks: list[CheckScores]
    areas: list[Change] = field(default_factory=list)
    scale: Change | None = None

    def by(self, direction: str) -> list[Change]:
        return [c for c in self.areas if c.direction == direction]


def _change(key: str, name: str, points: Sequence[tuple[dt.datetime, int]], concern_at: int | None) -> Change | None:
    if not points:
        return None
    values = [v for _, v in points]
    latest = values[-1]
    n = len(values) - 1
    while n > 0 and values[n - 1] == latest:
        n -= 1
    baseline = values[0]
    if len(values) == 1:
        direction = "single"
    else:
        direction = "better" if latest > baseline else "worse" if latest < baseline else "same"
    return Change(
        key,
        name,
        tuple(points),
        direction,
        baseline,
        latest,
        values[-2] if len(values) > 1 else None,
        points[n][0],
        len(values) - n,
        max(values),
        concern_at is not None and latest <= concern_at,
    )


def compare(checks: Sequence[CheckScores], r: Rules) -> Comparison:
    """Each area's movement from the baseline (the first completed check) to the latest one."""
    out = Comparison(list(checks))
    if not checks:
        return out
    for area in checks[0].areas:
        pts = [(c.at, c.area(area.area).value) for c in checks if c.area(area.area).value is not None]
        ch = _change(area.area, area.name, pts, r.concern_at_or_below)  # type: ignore[arg-type]
        if ch:
            out.areas.append(ch)
    out.scale = _change("scale", r.scale_label, [(c.at, c.scale) for c in checks if c.scale is not None], None)
    return out


def _day(d: dt.datetime | dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def _days(n: int) -> str:
    return say("distance.change.day" if n == 1 else "distance.change.days")


def _held(c: Change) -> str:
    if c.held_checks <= 1:
        return say("distance.change.changed_latest", since=_day(c.since))
    return say(
        "distance.change.held",
        latest=c.latest,
        n=c.held_checks,
        since=_day(c.since),
        days=c.days_held,
        day_word=_days(c.days_held),
    )


def describe_change(c: Change, r: Rules, out_of: int) -> str:
    """One line for one area (or the 0-10 scale): where it started, where it is, since when."""
    grade = r.grades[c.latest].label.lower() if c.key != "scale" and c.latest in r.grades else ""
    now = f"{c.latest}/{out_of}" + (f" ({grade})" if grade else "")
    if c.direction == "single":
        return say("distance.change.only", name=c.name, now=now, since=_day(c.since))
    between = ""
    if c.previous is not None and c.previous not in (c.latest, c.baseline) and len(c.points) > 2:
        between = say("distance.change.between", previous=c.previous)
    if c.direction == "same":
        if c.held_checks == len(c.points):
            return say(
                "distance.change.same_all",
                name=c.name,
                now=now,
                n=len(c.points),
                since=_day(c.since),
                days=c.days_held,
                day_word=_days(c.days_held),
            )
        return say("distance.change.back_to_baseline", name=c.name, now=now, between=between, held=_held(c))
    return say("distance.change.moved", name=c.name, baseline=c.baseline, now=now, between=between, held=_held(c))


def cite_grouped(kb: KnowledgeBase, sources: Iterable[Source]) -> str:
    """Sources by document: "Title, 'section one', 'section two'; Other title, 'section'"."""
    by_doc: dict[str, list[str]] = {}
    for src in sources:
        sections = by_doc.setdefault(src.doc, [])
        if src.section not in sections:
            sections.append(src.section)
    return "; ".join(f"{kb.documents[d].title}, " + ", ".join(f"'{x}'" for x in secs) for d, secs in by_doc.items())


def distance_text(ref: str, cmp_: Comparison, kb: KnowledgeBase, r: Rules) -> str:
    """What improved, what did not and for how long, in plain text with the scale's sources."""
    checks = cmp_.checks
    if not checks:
        return say("distance.no_checks", ref=ref)
    first, last = checks[0], checks[-1]
    if len(checks) == 1:
        count = say("distance.count_one", baseline=_day(first.at))
    else:
        count = say("distance.count_many", n=len(checks), baseline=_day(first.at), latest=_day(last.at))
    lines = [
        say("distance.title", ref=ref),
        count,
        say("distance.how_scored", low=r.min, high=r.max, scale=r.scale_label.lower()),
    ]
    if len(checks) == 1:
        lines += ["", say("distance.at_baseline")]
        lines += [f"- {describe_change(c, r, r.max)}" for c in cmp_.areas]
    else:
        groups = (
            (say("distance.better"), [c for c in cmp_.by("better")]),
            (say("distance.not_better"), [c for c in cmp_.by("same") if c.latest < r.max]),
            (say("distance.worse"), cmp_.by("worse")),
        )
        for title, items in groups:
            if items:
                lines += ["", title] + [f"- {describe_change(c, r, r.max)}" for c in items]
        clear = [c.name for c in cmp_.by("same") if c.latest == r.max]
        if clear:
            lines += ["", say("distance.no_signs", names=", ".join(clear))]
    stuck = [c for c in cmp_.areas if c.concern and c.held_checks >= 2]
    if stuck:
        areas = "; ".join(
            say("distance.stuck_area", name=c.name.lower(), since=_day(c.since), days=c.days_held) for c in stuck
        )
        lines += ["", say("distance.stuck", at=r.concern_at_or_below, areas=areas)]
    if cmp_.scale:
        lines += ["", describe_change(cmp_.scale, r, r.scale_max)]
    totals = [c.total for c in (first, last)]
    if len(checks) > 1 and None not in totals:
        lines.append(say("distance.all_areas", latest=totals[1], most=r.max * len(last.areas), baseline=totals[0]))
    unsure = [a.name.lower() for a in last.areas if a.uncertain]
    if unsure:
        lines.append(say("distance.read_with_care", areas=", ".join(unsure)))
    grades = "; ".join(f"{g.value} {g.label.lower()}" for g in sorted(r.grades.values(), key=lambda g: -g.value))
    sources = cite_grouped(kb, (*r.sources, *r.comparison_sources, *r.scale_sources))
    lines += ["", say("distance.scale", grades=grades), r.caveat, say("distance.sources", sources=sources)]
    return "\n".join(x for x in lines if x is not None)
