"""The seventeenth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the sixteenth): what personal_details_dev22.yml showed taken that identifies nobody, by class. Word
lists in knowledge/language/personal_details.yml (pd_name `seventeenth_pass`):

- a council's or county's name that is on a first-name list too ("Devon", "Chelsea", "Chester"),
  where a family moves or lives ("moved from Devon to Chelsea", "living in Devon"): the place, kept
  as every other council name is (name_words.yml `council_names`), not a person;
- a football club by its place's name before what a team does ("Chelsea were playing on the
  telly"): a team on the television, not a person.

A word followed by a capitalised word ("Devon Bird") or a possessive ("Chelsea's") stays a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.tenth_pass import _alt
from bot.lang.nlp import as_list, load_yaml, on_reset


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("seventeenth_pass") or {}


@lru_cache(maxsize=1)
def _council_words() -> frozenset:
    words = set()
    for name in as_list(load_yaml("name_words.yml").get("council_names")):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", str(name)))
    return frozenset(words)


on_reset(_council_words.cache_clear)

_WORD = r"([A-Z][a-z]+)(?![\w'\u2019-]|[ \t]+[A-Z])"


def _give_back(spans: list, a: int, b: int, name: str) -> None:
    for sp in list(spans):
        if sp[0] == a and sp[1] == b and sp[2] == name:
            spans.remove(sp)


def places_that_are_first_names(text: str, cfg: dict, spans: list, take) -> None:
    item, name = _item(cfg), cfg.get("pd_name", {}).get("label")
    lead = _alt(as_list(item.get("place_lead")))
    if not (lead and name):
        return
    councils = _council_words()
    for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{lead})[ \t]+{_WORD}", text):
        if m.group(1).lower() in councils:
            _give_back(spans, m.start(1), m.end(1), name)
            # "from Devon to Chelsea": the second place after "to"
            nxt = re.match(rf"[ \t]+to[ \t]+{_WORD}", text[m.end(1) :])
            if nxt and nxt.group(1).lower() in councils:
                _give_back(spans, m.end(1) + nxt.start(1), m.end(1) + nxt.end(1), name)


def football_clubs(text: str, cfg: dict, spans: list, take) -> None:
    item, name = _item(cfg), cfg.get("pd_name", {}).get("label")
    clubs, after = _alt(as_list(item.get("football_clubs"))), _alt(as_list(item.get("football_after")))
    if not (clubs and after and name):
        return
    for m in re.finditer(rf"(?<![\w'\u2019-])({clubs})[ \t]+(?i:{after})(?![\w'\u2019-])", text):
        _give_back(spans, m.start(1), m.end(1), name)


def names(text: str, cfg: dict, spans: list, take) -> None:
    places_that_are_first_names(text, cfg, spans, take)
    football_clubs(text, cfg, spans, take)
