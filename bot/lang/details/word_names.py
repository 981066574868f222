"""The eighth pass (bot/lang/scrub.py), driven by personal_details_dev9.yml: names that are
everyday words, and towns that are no unknown word. Thresholds and word lists are in
knowledge/language/personal_details.yml, pd_name (`word_first_names`) and pd_place
(`town_before_postcode`); both were measured on the dev sets only.

- A capitalised word of a first-name list right before a found capitalised name is part of it,
  however common the word is in English ("Sky [Penhallow]", "Ash [Nwosu-Grey]", "Genesis
  [Kowalski-Mbeki]"): the surname shows that the word before it is a first name.
- Capitalised words between a comma (or a found address) and a found postcode are the town
  ("12 Ferry Lane, Low Crossing, LC4 8TT"); not a practice term or a word the check reads.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon
from bot.lang.details.person_slots import _not_a_person, widen

_CAPITALISED = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+$")


def word_first_names_before_surnames(text: str, cfg: dict, spans: list, take) -> None:
    """'Sky Penhallow': a capitalised first-name-list word right before a found name that
    starts with a capital, whatever its frequency in English."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    if not label or not item.get("word_first_names", True):
        return
    lex = _lexicon()
    for a, b, lab in list(spans):
        if lab != label or not text[a : a + 1].isupper():
            continue
        m = _CAPITALISED.search(text[max(0, a - 40) : a])
        if not m:
            continue
        start = max(0, a - 40) + m.start(1)
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first or w in lex.ordinary) and not _not_a_person(w, lex):
            widen(spans, start, b, label)


def towns_before_postcodes(text: str, cfg: dict, spans: list, take) -> None:
    """'12 Ferry Lane, Low Crossing, LC4 8TT': one to three capitalised words between a comma,
    a line's start or a found address and a found postcode are the town."""
    place = cfg.get("pd_place", {})
    postcode = cfg.get("pd_postcode", {}).get("label")
    address = cfg.get("pd_address", {}).get("label")
    if not place or not postcode or not place.get("town_before_postcode", True):
        return
    lex = _lexicon()
    ends = {b for _a, b, lab in spans if lab == address}
    for a, _b, lab in list(spans):
        if lab != postcode:
            continue
        m = re.search(r"((?:[A-Z][a-z'\u2019-]+[ \t]+){0,2}[A-Z][a-z'\u2019-]+)[ \t]*,?[ \t]*$", text[max(0, a - 60) : a])
        if not m:
            continue
        start = max(0, a - 60) + m.start(1)
        if not (re.search(r"(?:^|[,\n])[ \t]*$", text[:start]) or any(0 <= start - e <= 3 for e in ends)):
            continue
        words = list(re.finditer(r"[A-Za-z'\u2019-]+", m.group(1)))
        if any(w.group(0).lower() in lex.keep for w in words):
            continue
        for w in words:
            take(start + w.start(), start + w.end(), place["label"])
