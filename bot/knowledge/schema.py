"""The shape of the item files of knowledge/ (README table), sources.yml and profiles/, as
pydantic models read through bot/knowledge/files.py. Whether a cited document exists, a
section occurs in it or a related id is known is checked by bot/knowledge/loader.py."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import conint, conlist, constr, create_model, validator

from bot.knowledge.age_band import INDICATOR_BANDS
from bot.knowledge.files import Shape
from bot.knowledge.models import CONTACT_KEYS, ID_RE, LEVEL_IDS

Text = constr(strip_whitespace=True, min_length=1)
LevelId = Literal[LEVEL_IDS]  # type: ignore[valid-type]


def _id(v: Any) -> str:
    if not isinstance(v, str) or not ID_RE.match(v):
        raise ValueError(f"must be lower_snake_case text, got {v!r}")
    return v


class SourceSpec(Shape):
    doc: Text  # type: ignore[valid-type]
    section: Text  # type: ignore[valid-type]
    phrase: str = ""


class ItemSpec(Shape):
    """What every item has; the subclasses add the fields of one kind."""

    id: str
    text: Text  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []
    related: list[Text] = []  # type: ignore[valid-type]
    aliases: list[Text] = []  # type: ignore[valid-type]
    # Words practitioners type for the item that the cited documents do not use (acronyms,
    # older or other councils' names): read only to recognise a question, never shown in an
    # answer, and so not a claim of any document (knowledge/README.md).
    typed_as: list[Text] = []  # type: ignore[valid-type]

    _check_id = validator("id", pre=True, allow_reuse=True)(_id)

    def display_name(self) -> str:
        return str(getattr(self, "name", "") or getattr(self, "term", "") or self.id.replace("_", " "))


class NamedSpec(ItemSpec):
    name: Text  # type: ignore[valid-type]


Indicators = create_model(  # one list of short texts per band of knowledge/age_bands.yml
    "Indicators",
    __base__=Shape,
    **{band: (list[Text], ...) for band in INDICATOR_BANDS},  # type: ignore[valid-type]
)


class NeglectTypeSpec(NamedSpec):
    indicators: Indicators  # type: ignore[valid-type]
    indicator_sources: dict[Literal[INDICATOR_BANDS], SourceSpec] = {}  # type: ignore[valid-type]

    @validator("indicators")
    def _not_empty(cls, v: Shape) -> Shape:  # noqa: N805
        empty = [b for b in INDICATOR_BANDS if b != "unborn" and not getattr(v, b)]
        if empty:
            raise ValueError("must list signs for every band but unborn; empty: " + ", ".join(empty))
        return v


class RiskFactorSpec(NamedSpec):
    category: Literal["parental", "child", "environmental"]


class PitfallSpec(NamedSpec):
    mitigation: Text  # type: ignore[valid-type]
    reflective_questions: conlist(Text, min_items=2)  # type: ignore[valid-type]
    signs: list[Text] = []  # type: ignore[valid-type]


class FrameworkSpec(NamedSpec):
    how_to_use: Text  # type: ignore[valid-type]


class CriterionSpec(Shape):
    """A criterion of a level; `when` and the fields beside it are the threshold rule's
    (bot/reasoning/threshold_rules.py checks them against the check plan)."""

    id: str
    text: Text  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []
    short: Text | None  # type: ignore[valid-type]
    raises: bool = True
    only_at_its_level: bool = False
    when: dict[str, Any] | None

    _check_id = validator("id", pre=True, allow_reuse=True)(_id)


class LevelSpec(NamedSpec):
    id: LevelId  # type: ignore[valid-type]
    rank: conint(strict=True, ge=0, le=4)  # type: ignore[valid-type]
    criteria: conlist(CriterionSpec, min_items=1)  # type: ignore[valid-type]
    consent: str = ""


class NextStepSpec(NamedSpec):
    when: Text  # type: ignore[valid-type]
    levels: conlist(LevelId, min_items=1)  # type: ignore[valid-type]
    contact: Literal[CONTACT_KEYS] | None  # type: ignore[valid-type]
    licensed: bool = False


class TermSpec(ItemSpec):
    term: Text  # type: ignore[valid-type]


# What each top-level key of an item file holds: (kind, model)
SECTIONS: dict[str, tuple[str, type[ItemSpec] | type[LevelSpec]]] = {
    "neglect_types": ("neglect_type", NeglectTypeSpec),
    "concepts": ("concept", NamedSpec),
    "vulnerable_groups": ("vulnerable_group", NamedSpec),
    "risk_factors": ("risk_factor", RiskFactorSpec),
    "protective_factors": ("protective_factor", NamedSpec),
    "pitfalls": ("pitfall", PitfallSpec),
    "resistance_types": ("resistance_type", NamedSpec),
    "disguised_compliance_signs": ("disguised_compliance_sign", ItemSpec),
    "resistance_signs": ("resistance_sign", ItemSpec),
    "supervision_questions": ("supervision_question", ItemSpec),
    "frameworks": ("framework", FrameworkSpec),
    "levels": ("level", LevelSpec),
    "next_steps": ("next_step", NextStepSpec),
    "glossary": ("term", TermSpec),
}

# An item file: any of the sections, each a list of items (each checked on its own, so that
# one broken item does not hide the others).
ItemsFile = create_model(
    "ItemsFile",
    __base__=Shape,
    **{section: (list[dict[str, Any]], None) for section in SECTIONS},  # type: ignore[call-overload]
)


# -- sources.yml ---------------------------------------------------------------------------
class DocumentSpec(Shape):
    id: str
    file: Text  # type: ignore[valid-type]
    title: Text  # type: ignore[valid-type]
    publisher: str = ""
    year: int | None

    _check_id = validator("id", pre=True, allow_reuse=True)(_id)


class ReferenceSpec(Shape):
    """A national source beyond the five documents: no file, a short name items use."""

    id: str
    title: Text  # type: ignore[valid-type]
    short: Text  # type: ignore[valid-type]
    publisher: str = ""
    year: int | None

    _check_id = validator("id", pre=True, allow_reuse=True)(_id)


class SourcesFile(Shape):
    documents: conlist(DocumentSpec, min_items=1)  # type: ignore[valid-type]
    references: list[ReferenceSpec] = []


# -- profiles/<id>.yml ---------------------------------------------------------------------
class ContactSpec(Shape):
    name: Text  # type: ignore[valid-type]
    phone: str | None
    url: str | None
    hours: str | None

    @validator("phone", "url", "hours")
    def _unset(cls, v: str | None) -> str | None:  # noqa: N805
        return v or None


LevelLabels = create_model(
    "LevelLabels",
    __base__=Shape,
    **{lv: (Text, ...) for lv in LEVEL_IDS},  # type: ignore[valid-type]
)
Contacts = create_model("Contacts", __base__=Shape, **{key: (ContactSpec, ...) for key in CONTACT_KEYS})


class ProfileSpec(Shape):
    id: Text  # type: ignore[valid-type]
    name: Text  # type: ignore[valid-type]
    based_on: SourceSpec | None
    terms: dict[str, Text]  # type: ignore[valid-type]
    level_labels: LevelLabels  # type: ignore[valid-type]
    contacts: Contacts  # type: ignore[valid-type]
