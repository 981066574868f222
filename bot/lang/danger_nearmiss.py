"""The shape of a near-miss told as a whole (S9-DI7): a rule catch is taken back when the whole
message has the shape of a near-miss (a sign with help already sought, an adult who already acted
and a child who is fine, a relative with the carer, a threat as a figure of speech, earlier today
and fine now, a question for next time) and no red sign stands anywhere in it. The shapes and the
red signs are data: `near_miss_forms` in knowledge/language/danger.yml.

They were found on the near-miss false alarms of danger_dev4..dev8 as first seen and checked on
dev9..dev13's (docs/safety.md, S9-DI7); no dev danger item and no invented danger in the tests has
one (tests/unit/test_danger_nearmiss.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from bot.lang.nlp import load_yaml, on_reset

_NEVER = re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _forms() -> tuple[list, list, list]:
    data = load_yaml("danger.yml").get("near_miss_forms") or {}
    red = [re.compile(str(r)) for r in data.get("red_flags") or []]
    done = [re.compile(str(r)) for r in data.get("red_flags_done") or []]
    forms = [
        (
            name,
            [re.compile(str(r)) for r in spec.get("all") or []],
            re.compile(str(spec["unless"])) if spec.get("unless") else _NEVER,
            frozenset(str(k) for k in spec.get("signals") or []),
        )
        for name, spec in (data.get("forms") or {}).items()
    ]
    return red, forms, done


on_reset(_forms.cache_clear)


def _lower(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()).strip()


def near_miss_form(text: str, signal: str = "") -> str:
    """The name of the near-miss shape the whole message has, or "" (none, or a red sign in it).
    signal: the kind of the catch (a signal's id, or an acute word's kind); a shape takes back only
    a catch of one of its `signals` ("acute" for every acute word). "" asks for any shape."""
    low = _lower(text)
    red, forms, done = _forms()
    # a red word that names help already there or given ("the ambulance already took him", "we took
    # him to A&E", "she's stopped bleeding") is no red sign of its own (S15-DI14)
    seen = low
    for r in done:
        seen = r.sub(" ", seen)
    if not low or any(r.search(seen) for r in red):
        return ""
    kind = "acute" if signal.startswith("acute") else signal
    for name, needs, unless, signals in forms:
        if signal and kind not in signals:
            continue
        if needs and not unless.search(low) and all(n.search(low) for n in needs):
            return name
    return ""


def near_miss_veto(text: str, found):
    """found (a Danger) as it is, or taken back when it is a catch and the message has a near-miss shape."""
    if not found.immediate:
        return found
    form = near_miss_form(text, found.reason.split(":", 1)[0].strip() or "?")
    if not form:
        return found
    return replace(
        found, immediate=False, reason=f"{found.reason}, but the message is a near-miss ({form.replace('_', ' ')})"
    )
