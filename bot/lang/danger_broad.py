"""Broad readings of danger (issue 18, S11-DI10): a class of situations, not a phrase.

The frames of knowledge/language/danger.yml were added one set at a time from the misses of each
new danger set, and fixed that set without moving the next one (docs/safety.md, session 11). The
misses of every set as first seen fall into a few classes that recur across writers: a carer who
cannot care and is the only adult with a young child, a child with a red sign of illness told as
now, a child who has swallowed a quantity of someone's medicine, a child out in the cold, a child
to be handed to someone who has just threatened or hurt them ... A broad reading is such a class:
word classes (regular expressions over the message in lower case, `broad_readings` in danger.yml)
that must all be found in one sentence (`sentence`) or anywhere in the message (`message`), and
none of the reading's or the common `unless` classes in that sentence or message.

Each reading was kept only when, measured leave-one-set-out on the dev sets as first seen
(scripts/danger_loso.py --broad), it caught misses of sets other than the ones that suggested
it, at no false alarm on any dev set's ordinary or near-miss items, the data/nlu examples of
other intents or the uncovered practice questions. decide_danger (danger_policy.py) adds its
catch only where the rules heard no danger signal at all, as for the learned reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.nlp import load_yaml, on_reset

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+|\s+-\s+")
_CLAUSE = re.compile(r",|\bbut\b|\bthough\b")


_LEXICON = re.compile(r"<<(\w+)>>")


def _composed(rx: str, raw: dict, depth: int = 0) -> str:
    """A class written as a frame of other classes: "<<name>>" stands for class name's expression
    (S20-DI21: a lexicon of a hazard listed once and read in a frame, "a child + now + in + the water")."""
    if depth > 3:
        raise ValueError(f"broad_readings: classes nested too deep in {rx!r}")
    return _LEXICON.sub(lambda m: "(?:" + _composed(raw[m.group(1)], raw, depth + 1) + ")", rx)


@lru_cache(maxsize=1)
def _readings() -> tuple[dict, dict, list]:
    data = load_yaml("danger.yml").get("broad_readings") or {}
    raw = {str(name): str(rx) for name, rx in (data.get("classes") or {}).items()}
    classes = {name: re.compile(_composed(rx, raw)) for name, rx in raw.items()}
    common = {
        "sentence": [str(c) for c in (data.get("unless") or {}).get("sentence") or []],
        "message": [str(c) for c in (data.get("unless") or {}).get("message") or []],
    }
    readings = []
    for name, spec in (data.get("readings") or {}).items():
        unless = spec.get("unless") or {}
        readings.append(
            (
                str(name),
                [str(c) for c in spec.get("sentence") or []],
                [str(c) for c in spec.get("message") or []],
                [str(c) for c in unless.get("sentence") or []] + common["sentence"],
                [str(c) for c in unless.get("message") or []] + common["message"],
            )
        )
    unknown = {n for r in readings for part in r[1:] for c in part for n in c.split("/") if n not in classes}
    if unknown:
        raise ValueError(f"broad_readings: unknown classes {sorted(unknown)}")
    return classes, common, readings


on_reset(_readings.cache_clear)


def _lower(text: str) -> str:
    low = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"[ \t]+", " ", low).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(_lower(text)) if s and s.strip()]


def _rules_out(classes: dict, spec: str, text: str) -> bool:
    """spec "a": class a is in the text; "a/b": class a is and class b is not."""
    name, _slash, unless = spec.partition("/")
    return bool(classes[name].search(text)) and not (unless and classes[unless].search(text))


def _sentence_ruled_out(classes: dict, specs: list[str], found: list[str], part: str) -> bool:
    """A sentence's `unless`: a plain class anywhere in the sentence; "a/b" in a clause that holds
    one of the reading's matches (classes `found`) and not class b."""
    for spec in specs:
        if "/" not in spec:
            if classes[spec].search(part):
                return True
            continue
        for clause in _CLAUSE.split(part):
            if any(classes[c].search(clause) for c in found) and _rules_out(classes, spec, clause):
                return True
    return False


def broad_reading(text: str, only: str = "") -> str:
    """The name of the first broad reading the message has, or "" (only: that reading alone)."""
    if not text or text.startswith("/"):
        return ""
    classes, _common, readings = _readings()
    low = _lower(text)
    parts = sentences(text)
    for name, in_sentence, in_message, not_sentence, not_message in readings:
        if only and name != only:
            continue
        if any(_rules_out(classes, c, low) for c in not_message):
            continue
        if not all(classes[c].search(low) for c in in_message):
            continue
        for part in parts:
            if all(classes[c].search(part) for c in in_sentence) and not _sentence_ruled_out(
                classes, not_sentence, in_sentence, part
            ):
                return name
    return ""


def reading_names() -> list[str]:
    return [r[0] for r in _readings()[2]]
