"""A voice note told with no full stops, read as sentences (issue 19, S17-LC7).

An unpunctuated note ("hi its the dental nurse ... and mum was mortified and said shed talk to her
dad about it he brushes twice a day ...") is one sentence to the reader, so every rule scoped to a
sentence or a clause (whose words they are, negation, how often in a sign's clause) sees the whole
note. Here such a note gets a full stop where the speaker's talk turns: before "and", "but", "so"
or "then" followed by a new subject, and before a time said with a new subject ("today she ...").
The words are account.note_breaks (knowledge/language/account_words.yml). A text with sentence
punctuation is returned as it is."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_signs import settings
from bot.lang.nlp import as_list, on_reset

STOPS = re.compile(r"[.!?;\n]")


def _alts(words) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(as_list(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _breaks() -> tuple[re.Pattern | None, int, float]:
    rule = settings().get("note_breaks") or {}
    subjects, joins, times = rule.get("subjects"), rule.get("joins"), rule.get("times")
    if not subjects or not (joins or times):
        return None, 0, 0.0
    starts = [_alts(w) for w in (joins, times) if w]
    pattern = re.compile(r"\s+(?=(?:" + "|".join(starts) + r")\s+(?:" + _alts(subjects) + r")\b)", re.I)
    return pattern, int(rule.get("min_words", 60)), float(rule.get("words_per_stop", 45))


on_reset(_breaks.cache_clear)


def unpunctuated(text: str) -> bool:
    """A long text with almost no sentence punctuation (a voice note, a dictated paragraph)."""
    _, least, per_stop = _breaks()
    words = len(text.split())
    return bool(least) and words >= least and words / (len(STOPS.findall(text.strip())) + 1) > per_stop


def with_stops(text: str) -> str:
    """The text with a full stop at each turn of an unpunctuated note; any other text as it is."""
    pattern = _breaks()[0]
    if pattern is None or not unpunctuated(text):
        return text
    return pattern.sub(". ", text)
