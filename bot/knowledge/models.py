"""The typed objects of knowledge/: documents and sources, the kinds of item, contacts and a
council's profile, and what each top-level key of a file holds (SECTIONS). Loaded and
validated by bot/knowledge/loader.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

AGE_BANDS = ("unborn", "baby", "toddler", "primary", "adolescent", "disabled")
LEVEL_IDS = ("universal", "early_help", "child_in_need", "child_protection", "emergency")
CONTACT_KEYS = ("front_door", "consultation_line", "emergency_duty_team", "escalation_policy")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class KnowledgeError(Exception):
    """Raised with every problem found; `problems` holds one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("knowledge/ has problems:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    title: str
    publisher: str = ""
    year: int | None = None
    # A national source beyond the five documents (sources.yml `references`): no file to
    # check a section against, and an item citing it must say so in its text.
    national: bool = False
    short: str = ""


@dataclass(frozen=True)
class Source:
    doc: str
    section: str
    # A distinctive phrase of the cited passage, for a section heading that occurs more
    # than once: heading plus phrase find one place (tests/unit/test_knowledge.py).
    phrase: str = ""

    @property
    def locator(self) -> str:
        return self.phrase or self.section


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    name: str
    text: str
    source: Source
    file: str
    also: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    # Other names a practitioner may use for the item (how a question finds it).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeglectType(Item):
    indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Where each age band's indicators come from, when not from the type's own source.
    indicator_sources: Mapping[str, Source] = field(default_factory=dict)


@dataclass(frozen=True)
class RiskFactor(Item):
    category: str = ""


@dataclass(frozen=True)
class Pitfall(Item):
    mitigation: str = ""
    reflective_questions: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework(Item):
    how_to_use: str = ""


@dataclass(frozen=True)
class Criterion(Item):
    level: str = ""


@dataclass(frozen=True)
class Level(Item):
    rank: int = 0
    consent: str = ""
    criteria: tuple[Criterion, ...] = ()


@dataclass(frozen=True)
class NextStep(Item):
    when: str = ""
    levels: tuple[str, ...] = ()
    contact: str | None = None
    licensed: bool = False


@dataclass(frozen=True)
class Term(Item):
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    phone: str | None = None
    url: str | None = None
    hours: str | None = None

    def describe(self) -> str:
        """The contact as a practitioner reads it; never invents a number."""
        parts = [self.name]
        if self.phone:
            parts.append(f"tel. {self.phone}")
        if self.url:
            parts.append(self.url)
        if self.hours:
            parts.append(f"({self.hours})")
        if not self.phone and not self.url:
            parts.append("(number not set for this council yet: ask your safeguarding lead)")
        return " ".join(parts)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    file: str
    based_on: Source | None
    terms: Mapping[str, str]
    level_labels: Mapping[str, str]
    contacts: Mapping[str, Contact]

    def term(self, key: str, default: str) -> str:
        return self.terms.get(key) or default

    def unset_settings(self) -> list[str]:
        out = []
        for c in self.contacts.values():
            for attr in ("phone", "url", "hours"):
                if getattr(c, attr) is None:
                    out.append(f"{self.id}: contacts.{c.key}.{attr}")
        return out


# What each top-level key of a file holds: (kind, class, required fields, optional fields)
_COMMON_OPT = ("also", "related", "aliases")
SECTIONS: dict[str, tuple[str, type, tuple[str, ...], tuple[str, ...]]] = {
    "neglect_types": (
        "neglect_type",
        NeglectType,
        ("id", "name", "text", "source", "indicators"),
        _COMMON_OPT + ("indicator_sources",),
    ),
    "concepts": ("concept", Item, ("id", "name", "text", "source"), _COMMON_OPT),
    "vulnerable_groups": ("vulnerable_group", Item, ("id", "name", "text", "source"), _COMMON_OPT),
    "risk_factors": ("risk_factor", RiskFactor, ("id", "name", "text", "source", "category"), _COMMON_OPT),
    "protective_factors": ("protective_factor", Item, ("id", "name", "text", "source"), _COMMON_OPT),
    "pitfalls": (
        "pitfall",
        Pitfall,
        ("id", "name", "text", "mitigation", "reflective_questions", "source"),
        _COMMON_OPT + ("signs",),
    ),
    "resistance_types": ("resistance_type", Item, ("id", "name", "text", "source"), _COMMON_OPT),
    "disguised_compliance_signs": ("disguised_compliance_sign", Item, ("id", "text", "source"), _COMMON_OPT),
    "resistance_signs": ("resistance_sign", Item, ("id", "text", "source"), _COMMON_OPT),
    "supervision_questions": ("supervision_question", Item, ("id", "text", "source"), _COMMON_OPT),
    "frameworks": ("framework", Framework, ("id", "name", "text", "how_to_use", "source"), _COMMON_OPT),
    "levels": ("level", Level, ("id", "rank", "name", "text", "criteria", "source"), _COMMON_OPT + ("consent",)),
    "next_steps": (
        "next_step",
        NextStep,
        ("id", "name", "text", "when", "levels", "source"),
        _COMMON_OPT + ("contact", "licensed"),
    ),
    "glossary": ("term", Term, ("id", "term", "text", "source"), _COMMON_OPT + ("aliases",)),
}
# Files with their own shape, validated by the modules that use them (ids and sources are
# still checked here): the check's question plan and the language patterns.
OWN_SHAPE_FILES = ("check.yml", "supervision.yml", "training.yml", "faq.yml", "scoring.yml")
OWN_SHAPE_DIRS = ("language",)
