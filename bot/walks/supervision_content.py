"""knowledge/supervision.yml as typed objects (themes, picking rules, step texts, drift
settings), validated against the rest of knowledge/, and the options of supervision's
button stages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.knowledge import files
from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Source
from bot.knowledge.schema import SourceSpec
from bot.knowledge.schema_walks import OWN_SHAPE_MODELS, STEP_KEYS, OptionSpec, SupervisionButtons
from bot.knowledge.schema_walks import SUPERVISION_CONDITIONS as CONDITIONS  # noqa: F401  (imported from here)
from bot.walks.check_plan import Option, _match_words

FILE = "supervision.yml"


def _buttons() -> Any:
    """The buttons of supervision's own stages, from knowledge/supervision.yml (read on import:
    the stages' modules name them)."""
    from bot.settings import get_settings

    raw = files.read_or_raise(get_settings().knowledge_dir / FILE, FILE)
    return files.check_or_raise(SupervisionButtons, (raw or {}).get("buttons"), f"{FILE}: buttons")


_B = _buttons()


def _button(spec: OptionSpec) -> Option:
    return Option(spec.value, spec.label, tuple(spec.words))


USE_SUGGESTED = _button(_B.use_suggested)
CHOOSE_OWN = _button(_B.choose_own)
NEXT_MORE = _button(_B.next_more)
NEXT_THEME = _button(_B.next_theme)
NEXT_CHOOSE = _button(_B.next_choose)
NEXT_ACTIONS = _button(_B.next_actions)
NO_ACTIONS = _button(_B.no_actions)
MORE_ACTION = _button(_B.more_action)
FINISH = _button(_B.finish)
OWNERS = tuple(_button(o) for o in _B.owners)
NOT_OWNERS = tuple(_B.not_owners)  # words that never say who will do an action ("done", "ok", "yes")

# "end of January", "more of the same": a one-word button word followed by one of these is no choice
_NOT_CHOICE = (
    re.compile(r"\b[\w']+\s+(?:" + "|".join(re.escape(w) for w in _B.not_choice_before) + r")\b", re.I)
    if _B.not_choice_before
    else None
)


def button_hits(text: str, options: tuple[Option, ...]) -> list[Option]:
    """The buttons of a supervision choice that a typed reply names, leaving out a button named only by
    a word in a phrase ("end of January" between themes is no "end")."""
    hits = _match_words(text, options)
    if not hits or _NOT_CHOICE is None:
        return hits
    kept = _match_words(_NOT_CHOICE.sub(" ", text), options)
    return [o for o in hits if o in kept]


# -- content -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    text: str
    why: str
    words: tuple[str, ...]
    questions: tuple[str, ...]
    related: tuple[str, ...]
    source: Source
    also: tuple[Source, ...] = ()

    @property
    def option(self) -> Option:
        return Option(self.id, self.name, self.words)


@dataclass(frozen=True)
class PickRule:
    id: str
    when: Mapping[str, Any]
    themes: tuple[str, ...]
    because: str
    source: Source


@dataclass(frozen=True)
class StepText:
    id: str
    text: str
    why: str
    source: Source | None
    basis: str = ""
    also: tuple[Source, ...] = ()


@dataclass(frozen=True)
class DriftSettings:
    min_no_change_reviews: int
    repeat_sessions: int
    repeat_similarity: float
    overdue_actions: int
    source: Source
    also: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Content:
    themes: dict[str, Theme]
    picking: tuple[PickRule, ...]
    steps: dict[str, StepText]
    change: tuple[Option, ...]
    review: tuple[Option, ...]
    drift: DriftSettings
    questions_per_theme: int
    max_suggested: int
    follow_ups_per_kind: int
    open_long_days: int
    follow_up_order: tuple[str, ...] = ()
    told_min_words: int = 8


def _src(spec: SourceSpec | None) -> Source | None:
    return Source(spec.doc, spec.section) if spec is not None else None


def _also(specs: list[SourceSpec]) -> tuple[Source, ...]:
    return tuple(Source(a.doc, a.section) for a in specs)


def _words(text: str) -> str:
    return " ".join(text.split())


def _options(specs: list[OptionSpec]) -> tuple[Option, ...]:
    return tuple(Option(o.value, o.label, tuple(o.words)) for o in specs)


@lru_cache(maxsize=4)
def load_content(kb: KnowledgeBase) -> Content:
    """knowledge/supervision.yml as typed objects; KnowledgeError names the file, item and field."""
    raw = kb.extra.get(FILE)
    if raw is None:
        raise KnowledgeError([f"{FILE}: missing: reflective supervision reads its themes from it"])
    problems: list[str] = []
    spec, elements = files.check_file(*OWN_SHAPE_MODELS[FILE], raw, FILE, problems)
    themes: dict[str, Theme] = {}
    theme_ids = {t.get("id") for t in raw.get("themes") or [] if isinstance(t, dict)} if isinstance(raw, dict) else ()
    for n, t in elements["themes"]:
        where = f"{FILE}: themes[{n}] '{t.id}'"
        problems.extend(f"{where}: field 'related': no item has id '{r}'" for r in t.related if r not in kb.items)
        if not any(kb.items[r].kind == "pitfall" for r in t.related if r in kb.items):
            problems.append(f"{where}: field 'related' must name at least one pitfall")
        themes[t.id] = Theme(
            t.id,
            t.name,
            _words(t.text),
            _words(t.why),
            tuple(t.words),
            tuple(_words(q) for q in t.questions),
            tuple(t.related),
            _src(t.source),
            _also(t.also),
        )
    picking = []
    for n, p in elements["picking"]:
        where = f"{FILE}: picking[{n}] '{p.id}'"
        problems.extend(f"{where}: field 'themes': no theme has id '{th}'" for th in p.themes if th not in theme_ids)
        picking.append(PickRule(p.id, p.when.dict(exclude_none=True), tuple(p.themes), p.because, _src(p.source)))
    if spec is not None:
        from bot.lang.cues import KINDS

        problems.extend(
            f"{FILE}: settings.follow_up_order: unknown cue kind '{k}' (known: {', '.join(KINDS)})"
            for k in spec.settings.follow_up_order
            if k not in KINDS
        )
    if problems or spec is None:
        raise KnowledgeError(problems)
    steps = {}
    for key in STEP_KEYS:
        st = getattr(spec.steps, key)
        steps[key] = StepText(st.id, _words(st.text), _words(st.why), _src(st.source), st.basis, _also(st.also))
    d, settings = spec.drift, spec.settings
    drift = DriftSettings(
        d.min_no_change_reviews,
        d.repeat_sessions,
        d.repeat_similarity,
        d.overdue_actions,
        _src(d.source),
        _also(d.also),
    )
    return Content(
        themes,
        tuple(picking),
        steps,
        _options(spec.change),
        _options(spec.review),
        drift,
        settings.questions_per_theme,
        settings.max_suggested_themes,
        settings.follow_ups_per_kind,
        settings.open_long_days,
        follow_up_order=tuple(settings.follow_up_order),
        told_min_words=settings.told_min_words,
    )
