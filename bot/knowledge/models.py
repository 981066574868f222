"""The typed objects of knowledge/: documents and sources, the kinds of item, contacts and a
council's profile. Their files' shape is in bot/knowledge/schema.py; loaded and validated by
bot/knowledge/loader.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.knowledge.age_band import INDICATOR_BANDS
from bot.knowledge.errors import KnowledgeError  # noqa: F401  (imported from here across the project)

AGE_BANDS = INDICATOR_BANDS  # the bands an indicator list has: knowledge/age_bands.yml
LEVEL_IDS = ("universal", "early_help", "child_in_need", "child_protection", "emergency")
CONTACT_KEYS = ("front_door", "consultation_line", "emergency_duty_team", "escalation_policy")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


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
    # Words practitioners type for it that no cited document uses: recognition only, never shown.
    typed_as: tuple[str, ...] = ()


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
        from bot.knowledge.texts import say  # the reply catalogue, read on first use

        parts = [self.name]
        if self.phone:
            parts.append(say("citing.tel", phone=self.phone))
        if self.url:
            parts.append(self.url)
        if self.hours:
            parts.append(f"({self.hours})")
        if not self.phone and not self.url:
            parts.append(say("citing.number_not_set"))
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


# Files with their own shape, read by the modules that use them (their shape, ids and sources
# are still checked by the loader): the check's question plan, the language patterns ...
OWN_SHAPE_FILES = ("check.yml", "supervision.yml", "training.yml", "faq.yml", "scoring.yml", "age_bands.yml")
OWN_SHAPE_DIRS = ("language",)
