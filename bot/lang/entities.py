"""Entities for NLU: ages, durations and types of neglect found in a message, with spans.

Candidate spans are found with patterns, and each is read by the language rules
(bot.lang.api.parse_age / parse_duration), so an entity's value is what the check itself
would store: an age band, a number of months, a neglect type id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.knowledge.loader import KnowledgeBase

NUM = r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
AGE_RE = re.compile(
    rf"\b(?:unborn(?:,?\s*\d{{1,2}}\s*weeks?)?|\d{{1,2}}\s*weeks?\s+pregnant|newborn|"
    rf"{NUM}(?:\s+and\s+a\s+half)?[\s-]*(?:months?|mths?|weeks?|years?|yrs?)[\s-]*old|"
    rf"{NUM}(?:\s+and\s+a\s+half)?\s*(?:months?|mths?|yo|y/o)|aged?\s+\d{{1,2}}|"
    rf"(?:he|she|they)(?:'s|\s+is|\s+are)\s+\d{{1,2}}|year\s+\d{{1,2}}|reception|teenager|toddler)\b",
    re.I,
)
DURATION_RE = re.compile(
    rf"\b(?:since\s+(?:last\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|"
    rf"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|christmas|easter|the\s+summer|summer|spring|autumn|"
    rf"winter|last\s+year)|(?:for\s+)?(?:about\s+|around\s+|over\s+|nearly\s+)?{NUM}\s+(?:weeks?|months?|years?)"
    rf"(?!\s*(?:old|pregnant))|a\s+while|ages|for\s+some\s+time)\b",
    re.I,
)


@dataclass(frozen=True)
class Entity:
    entity: str
    start: int
    end: int
    value: str


def _type_patterns(kb: KnowledgeBase) -> list[tuple[re.Pattern, str]]:
    out = []
    for t in kb.neglect_types:
        words = {t.name.lower(), t.id.replace("_", " ")}
        words.add(t.name.lower().replace(" neglect", "").strip() + " neglect")
        for w in sorted(words, key=len, reverse=True):
            out.append((re.compile(rf"\b{re.escape(w)}\b", re.I), t.id))
    return out


def find_entities(text: str, kb: KnowledgeBase, today: date | None = None) -> list[Entity]:
    from bot.lang.api import parse_age, parse_duration

    today = today or date.today()
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def durations(marked_only: bool) -> None:
        for m in DURATION_RE.finditer(text):
            marked = bool(re.match(r"(since|for|about|around|over|nearly)\b", m.group(0), re.I))
            if marked != marked_only or not free(m.start(), m.end()):
                continue
            d = parse_duration(m.group(0), today)
            if d is not None:
                value = f"{d.months:.1f} months" if d.months is not None else "vague"
                found.append(Entity("duration", m.start(), m.end(), value))
                taken.append((m.start(), m.end()))

    durations(marked_only=True)  # "for about 6 months" is a duration, not an age
    for m in AGE_RE.finditer(text):
        age = parse_age(m.group(0))
        if age is not None and free(m.start(), m.end()):
            found.append(Entity("age", m.start(), m.end(), age.band))
            taken.append((m.start(), m.end()))
    durations(marked_only=False)
    for pattern, type_id in _type_patterns(kb):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                found.append(Entity("neglect_type", m.start(), m.end(), type_id))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda e: e.start)
