"""The fourteenth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the thirteenth): general forms for the kinds personal_details_dev16.yml showed missing or over-taken.
Word lists in knowledge/language/personal_details.yml (pd_name `fourteenth_pass`):

- a found "name" that is only a weekday ("Tues:" heading a register line) is no name;
- a pub named in the usual way is a landmark ("behind the Red Lion", "the King's Head");
- a capitalised run after a place preposition and before a place head is the place's name, even
  when its words are a council's or everyday words ("on Bury New Road", "to West Fakeshire
  Hospital", "at New Fakenant Fellowship");
- a council's name after a found address and a comma is the address's town ("2 Fake Street, Darwen.");
- a phone number typed with the letter O for a zero ("07700 9OO311");
- a house number or a flat's letter closing a clause after a found place ("the flats behind the
  Red Lion, number 6", "[address], flat C").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _words
from bot.lang.details.tenth_pass import _alt, _councils, _grow, _listed
from bot.lang.nlp import as_list

_CAP = r"[A-Z\u00c0-\u00de][a-z\u00df-\u024f'\u2019]+"
_NEXT = r"(?![\w'\u2019-])"
_END = r"(?=[ \t]*(?:[,.;:)\n]|$))"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("fourteenth_pass") or {}


def _label(cfg: dict, kid: str) -> str | None:
    return cfg.get(kid, {}).get("label")


def weekdays_are_not_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _label(cfg, "pd_name")
    days = _words("pd_name", "weekday_words")
    for sp in list(spans):
        if sp[2] == name and text[sp[0] : sp[1]].lower().rstrip(".") in days:
            spans.remove(sp)


def pub_landmarks(text: str, cfg: dict, spans: list, take) -> None:
    place = _label(cfg, "pd_place")
    heads = _alt(as_list(_item(cfg).get("pub_heads")))
    if not place or not heads:
        return
    rx = rf"(?<![\w'\u2019-])[Tt]he[ \t]+({_CAP}(?:[ \t]+(?:and|&)[ \t]+{_CAP})?[ \t]+(?:{heads})){_NEXT}"
    for m in re.finditer(rx, text):
        _grow(spans, m.start(1), m.end(1), place)


def runs_before_place_heads(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    place, address = _label(cfg, "pd_place"), _label(cfg, "pd_address")
    preps = _alt(as_list(item.get("head_prepositions")))
    if not place or not address or not preps:
        return
    plain = _listed(item, "not_in_run") | _words("pd_name", "titles") | _words("pd_name", "relation_words")
    for key, label in (("institution_heads", place), ("street_heads", address)):
        heads = _alt(as_list(item.get(key)))
        if not heads:
            continue
        rx = rf"(?<![\w-])(?:{preps})[ \t]+(?:the[ \t]+)?((?:{_CAP}[ \t]+){{1,3}}(?:{heads})){_NEXT}"
        for m in re.finditer(rx, text):
            words = m.group(1).lower().split()[:-1]
            if not all(w in plain for w in words):
                _grow(spans, m.start(1), m.end(1), label)


def council_towns_after_addresses(text: str, cfg: dict, spans: list, take) -> None:
    address, place = _label(cfg, "pd_address"), _label(cfg, "pd_place")
    listed, profiles = _councils()
    councils = listed | profiles
    for _a, b, lab in sorted(spans):
        if lab != address:
            continue
        m = re.match(rf",[ \t]+({_CAP}){_END}", text[b : b + 40])
        if m and m.group(1).lower() in councils:
            _grow(spans, b + m.start(1), b + m.end(1), place)


def phones_with_letter_o(text: str, cfg: dict, spans: list, take) -> None:
    phone = _label(cfg, "pd_phone")
    for m in re.finditer(r"(?<![\w])0[0-9O]{3,4}[ \t]?[0-9O]{3}[ \t]?[0-9O]{3,4}(?![\w])", text):
        digits = re.sub(r"\D", "", m.group())
        if "O" in m.group() and len(digits) >= 6 and phone:
            _grow(spans, m.start(), m.end(), phone)


def numbers_closing_a_place(text: str, cfg: dict, spans: list, take) -> None:
    address, place = _label(cfg, "pd_address"), _label(cfg, "pd_place")
    found = [b for _a, b, lab in spans if lab in (address, place)]
    if not address or not found:
        return
    rx = rf"(?<![\w-])(?:(?i:number|no\.?)[ \t]+\d{{1,3}}[A-Za-z]?|[Ff]lat[ \t]+[A-HJ-Z]){_NEXT}{_END}"
    for m in re.finditer(rx, text):
        lead = text[max(0, m.start() - 2) : m.start()]
        if lead == ", " and any(b <= m.start() for b in found):
            _grow(spans, m.start(), m.end(), address)


def names(text: str, cfg: dict, spans: list, take) -> None:
    weekdays_are_not_names(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    pub_landmarks(text, cfg, spans, take)
    runs_before_place_heads(text, cfg, spans, take)
    council_towns_after_addresses(text, cfg, spans, take)
    phones_with_letter_o(text, cfg, spans, take)
    numbers_closing_a_place(text, cfg, spans, take)
