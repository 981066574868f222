"""knowledge/supervision.yml as typed objects (themes, picking rules, step texts, drift
settings), validated against the rest of knowledge/, and the options of supervision's
button stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Source
from bot.walks.check_plan import Option

FILE = "supervision.yml"
CONDITIONS = (
    "overdue_actions_at_least",
    "no_change_reviews_at_least",
    "open_days_at_least",
    "check_answer",
    "check_unsure_at_least",
    "scale_not_rising",
    "same_level_checks_at_least",
    "change_now",
)
STEP_KEYS = ("case_ref", "changed", "review", "theme_choice", "action_what", "action_who", "action_when")
USE_SUGGESTED = Option(
    "suggested",
    "Use these themes",
    ("use these", "these themes", "suggested", "yes", "ok", "okay", "go ahead", "sounds good", "fine"),
)
CHOOSE_OWN = Option(
    "choose",
    "Choose a theme myself",
    ("choose", "my own", "myself", "pick", "something else", "other theme", "list", "another theme"),
)
NEXT_MORE = Option(
    "more",
    "One more question on this theme",
    ("more", "another question", "one more", "keep going", "carry on", "stay"),
)
NEXT_THEME = Option("next", "Next theme", ("next theme", "next", "move on"))
NEXT_CHOOSE = Option(
    "choose", "Choose another theme", ("choose", "another theme", "other theme", "different theme", "pick")
)
NEXT_ACTIONS = Option(
    "actions",
    "Agree actions",
    ("agree actions", "actions", "action", "agree", "finish", "wrap up", "end", "done", "that's enough", "enough"),
)
NO_ACTIONS = Option(
    "none", "No actions this time", ("no actions", "none", "no action", "nothing", "no", "nope", "nothing to agree")
)
MORE_ACTION = Option("another", "Add another action", ("another", "add", "yes", "one more", "more", "yeah", "yep"))
FINISH = Option(
    "finish",
    "Finish the session",
    ("finish", "no", "done", "that's all", "thats all", "nope", "end", "no more", "nothing else", "complete"),
)
OWNERS = (Option("me", "Me", ()), Option("supervisor", "My supervisor", ()), Option("both", "Both of us", ()))


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


def _src(raw: Any) -> Source | None:
    return Source(str(raw["doc"]), str(raw["section"])) if isinstance(raw, dict) and raw.get("doc") else None


def _options(raw: Any, where: str, problems: list[str]) -> tuple[Option, ...]:
    out = []
    for o in raw or []:
        if not isinstance(o, dict) or not o.get("value") or not o.get("label"):
            problems.append(f"{where}: every option needs a value and a label")
            continue
        out.append(Option(str(o["value"]), str(o["label"]), tuple(str(w) for w in o.get("words") or ())))
    if not out:
        problems.append(f"{where}: needs options")
    return tuple(out)


@lru_cache(maxsize=4)
def load_content(kb: KnowledgeBase) -> Content:
    """knowledge/supervision.yml as typed objects; KnowledgeError names the file, item and field."""
    raw = kb.extra.get(FILE)
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{FILE}: missing or not a mapping"])
    problems: list[str] = []
    themes: dict[str, Theme] = {}
    for n, t in enumerate(raw.get("themes") or []):
        where = f"{FILE}: themes[{n}] '{t.get('id') if isinstance(t, dict) else t}'"
        if not isinstance(t, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        for f in ("id", "name", "text", "why", "questions", "related", "source"):
            if not t.get(f):
                problems.append(f"{where}: missing required field '{f}'")
        qs = t.get("questions") or []
        if not isinstance(qs, list) or not 3 <= len(qs) <= 5 or not all(isinstance(q, str) and q.strip() for q in qs):
            problems.append(f"{where}: field 'questions' must be a list of 3 to 5 questions")
            continue
        if not t.get("id") or not _src(t.get("source")):
            continue
        for r in t.get("related") or []:
            item = kb.items.get(r)
            if item is None:
                problems.append(f"{where}: field 'related': no item has id '{r}'")
        if not any(kb.items[r].kind == "pitfall" for r in t.get("related") or [] if r in kb.items):
            problems.append(f"{where}: field 'related' must name at least one pitfall")
        themes[t["id"]] = Theme(
            str(t["id"]),
            str(t["name"]),
            " ".join(str(t["text"]).split()),
            " ".join(str(t["why"]).split()),
            tuple(str(w) for w in t.get("words") or ()),
            tuple(" ".join(q.split()) for q in qs),
            tuple(t.get("related") or ()),
            _src(t["source"]),
            tuple(filter(None, (_src(a) for a in t.get("also") or ()))),
        )
    picking = []
    for n, p in enumerate(raw.get("picking") or []):
        where = f"{FILE}: picking[{n}] '{p.get('id')}'"
        when = p.get("when") or {}
        for key in when:
            if key not in CONDITIONS:
                problems.append(f"{where}: field 'when': unknown condition '{key}' (known: {', '.join(CONDITIONS)})")
        for th in p.get("themes") or []:
            if th not in themes:
                problems.append(f"{where}: field 'themes': no theme has id '{th}'")
        if not p.get("because") or not _src(p.get("source")) or not p.get("themes"):
            problems.append(f"{where}: needs themes, because and source")
            continue
        picking.append(
            PickRule(str(p["id"]), dict(when), tuple(p["themes"]), str(p["because"]).strip(), _src(p["source"]))
        )
    steps = {}
    for key in STEP_KEYS:
        s = (raw.get("steps") or {}).get(key)
        if not isinstance(s, dict) or not s.get("id") or not s.get("text") or not s.get("why"):
            problems.append(f"{FILE}: steps.{key}: needs id, text and why")
            continue
        steps[key] = StepText(
            str(s["id"]),
            " ".join(str(s["text"]).split()),
            " ".join(str(s["why"]).split()),
            _src(s.get("source")),
            str(s.get("basis") or ""),
            tuple(filter(None, (_src(a) for a in s.get("also") or ()))),
        )
    d = raw.get("drift") or {}
    settings = raw.get("settings") or {}
    try:
        drift = DriftSettings(
            int(d["min_no_change_reviews"]),
            int(d["repeat_sessions"]),
            float(d["repeat_similarity"]),
            int(d["overdue_actions"]),
            _src(d["source"]),
            tuple(filter(None, (_src(a) for a in d.get("also") or ()))),
        )
        numbers = (
            int(settings["questions_per_theme"]),
            int(settings["max_suggested_themes"]),
            int(settings["follow_ups_per_kind"]),
            int(settings["open_long_days"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"{FILE}: drift or settings: missing or not a number: {exc}")
        drift, numbers = None, (2, 3, 2, 180)
    change = _options(raw.get("change"), f"{FILE}: change", problems)
    review = _options(raw.get("review"), f"{FILE}: review", problems)
    order = tuple(str(k) for k in settings.get("follow_up_order") or ())
    from bot.lang.cues import KINDS

    problems.extend(
        f"{FILE}: settings.follow_up_order: unknown cue kind '{k}' (known: {', '.join(KINDS)})"
        for k in order
        if k not in KINDS
    )
    if problems:
        raise KnowledgeError(problems)
    return Content(themes, tuple(picking), steps, change, review, drift, *numbers, follow_up_order=order)
