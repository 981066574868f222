"""Places, rooms, car registrations and record numbers by their form (bot/lang/scrub.py), the
sixth pass of issue 20 (driven by personal_details_dev6.yml); word lists in
knowledge/language/personal_details.yml, pd_place, pd_address and pd_reference:

- a place-name word before a found name or a rare word ("nether stowbridge", "Cold Harbridge",
  "outside upper fallow"): `place_prefix_words`;
- a found name after "in the", "at the" ("seen in the Black Bull") or before a hospital word
  ("at Alderley Royal") is a place, with its capitalised words;
- a street address that ends in "St" before a capitalised word is a saint's place ("Wick St
  Aldous");
- a ward, room, bay or bed number ("ward 23", "Ward 4B"; a room number when a place is named);
- a car registration after "reg" or "registration" in any case ("reg ab12 cdx"), and in
  capitals anywhere (pd_vehicle).
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _alt, _lexicon, _words, _zipf
from bot.lang.details.person_slots import widen
from bot.lang.nlp import as_list


def _labels(cfg: dict) -> tuple:
    return (
        cfg.get("pd_name", {}).get("label"),
        cfg.get("pd_place", {}).get("label"),
        cfg.get("pd_address", {}).get("label"),
    )


def _relabel(spans: list, a: int, b: int, label: str) -> None:
    """Take a..b as one detail of label, swallowing the spans inside it; not when it crosses
    one."""
    inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
    crossing = [sp for sp in spans if sp[0] < b and a < sp[1] and sp not in inside]
    if crossing:
        return
    for sp in inside:
        spans.remove(sp)
    spans.append((a, b, label))


def place_prefixes(text: str, cfg: dict, spans: list, take) -> None:
    """'from nether stowbridge', 'Cold Harbridge', 'outside upper fallow': a word that begins
    English place names, before a found name or place, or (after a word of place) before a word
    rarer than `place_prefix_zipf`."""
    name, place, address = _labels(cfg)
    prefixes = _alt(sorted(_words("pd_place", "place_prefix_words")))
    if not place or not prefixes:
        return
    lex = _lexicon()
    rare = float(cfg.get("pd_place", {}).get("place_prefix_zipf", 3.0))
    before = _alt(sorted(_words("pd_place", "place_prefix_after")))
    for m in re.finditer(rf"(?<![\w'-])((?:{prefixes}))[ \t]+([A-Za-z][a-z'-]+)(?![\w-])", text, re.I):
        found = [sp for sp in spans if sp[0] == m.start(2) and sp[2] in (name, place)]
        after_place_word = before and re.search(rf"(?<![\w'])(?:{before})[ \t]+$", text[: m.start(1)], re.I)
        if found:
            # "Cold Harbridge", "little [acorns nursery]"; a name in lower case only after a word of
            # place ("from nether stowbridge", not "little mei-lin")
            caps = m.group(1)[0].isupper() and m.group(2)[0].isupper()
            if caps or after_place_word or found[0][2] == place:
                _relabel(spans, m.start(1), found[0][1], place)
            continue
        w = m.group(2).lower()
        if not after_place_word:
            continue
        if w in lex.keep or w in lex.vocab or w in lex.not_place or _zipf(w) >= rare:
            continue
        take(m.start(1), m.end(2), place)


_IN_THE = re.compile(r"(?<![\w'])(?:in|at|outside|near|from|to)[ \t]+the[ \t]+((?:[A-Z][a-z'\u2019]+[ \t]+){0,2})$")


def named_venues(text: str, cfg: dict, spans: list, take) -> None:
    """'seen in the Black Bull', 'mum is in Ward 4B at Alderley Royal': a found name after "in
    the" or "at the" with the capitalised words before it, or before a hospital word, is a place."""
    name, place, _address = _labels(cfg)
    if not name or not place:
        return
    hospital = _alt(sorted(_words("pd_place", "hospital_after_name")))
    for a, b, lab in list(spans):
        if lab != name:
            continue
        m = _IN_THE.search(text[:a])
        if m and text[a].isupper():
            _relabel(spans, m.start(1), b, place)
            continue
        h = re.match(rf"[ \t]+({hospital})\b", text[b:], re.I) if hospital else None
        if h and text[a].isupper() and h.group(1)[0].isupper():
            _relabel(spans, a, b + h.end(), place)
        elif hospital and re.search(rf"[ \t](?:{hospital})$", text[a:b], re.I) and text[a].isupper():
            spans.remove((a, b, lab))  # "Fakeford General" found as one name: a hospital
            spans.append((a, b, place))


def saints_after_streets(text: str, cfg: dict, spans: list, take) -> None:
    """'Wick St Aldous': an address found ending in "St" right before a capitalised word is a
    saint's name, and that word is part of it."""
    _name, _place, address = _labels(cfg)
    for sp in list(spans):
        a, b, lab = sp
        if lab != address:
            continue
        m = re.match(r"\.?[ \t]+([A-Z][a-z'\u2019]+)", text[b:])
        if m and re.search(r"(?<![\w])St$", text[a:b]):
            _relabel(spans, a, b + m.end(1), address)


def prisons(text: str, cfg: dict, spans: list, take) -> None:
    """'dad is in HMP Ashdown', 'at HMYOI Fakeley': a prison's name after its letters."""
    _name, place, _address = _labels(cfg)
    if not place:
        return
    for m in re.finditer(r"\b(?:HMP|HMYOI|HMPYOI|hmp)[ \t]+[A-Z][a-z'\u2019-]+(?:[ \t]+[A-Z][a-z'\u2019-]+)?", text):
        a, b = m.start(), m.end()
        inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
        if any(sp[0] < b and a < sp[1] and sp not in inside for sp in spans):
            continue
        for sp in inside:  # "HMP [name]": the whole is the prison
            spans.remove(sp)
        spans.append((a, b, place))


def rooms_and_wards(text: str, cfg: dict, spans: list, take) -> None:
    """'ward 23 at st ebba's', 'Ward 4B': a ward or bay number; 'hostel, room 12': a room or bed
    number when the text names a place or an address."""
    _name, place, address = _labels(cfg)
    if not address:
        return
    always = _alt(sorted(_words("pd_address", "ward_words")))
    with_place = _alt(sorted(_words("pd_address", "room_words")))
    number = r"[ \t]*(?:no\.?[ \t]*)?\d{1,3}[A-Za-z]?\b"
    if always:
        for m in re.finditer(rf"(?<![\w'])(?:{always}){number}", text, re.I):
            take(m.start(), m.end(), address)
            # a department named after the number goes with it ("Ward 7 Paediatrics")
            dept = re.match(r"[ \t]+([A-Z][a-z]{3,})\b", text[m.end() :])
            if dept and _zipf(dept.group(1).lower()) < 5.0:
                widen(spans, m.start(), m.end() + dept.end(), address)
    # a caravan's pitch or a site's plot with its number, anywhere ("the trailer at Fakeby pitch 3",
    # "the Fakeleys on pitch 3 again"; session 16, from dev23): no one counts pitches but a site's
    sites = _alt(sorted(str(w).lower() for w in as_list(cfg.get("pd_address", {}).get("site_words"))))
    if sites:
        units = _alt(sorted(str(w) for w in as_list(cfg.get("pd_address", {}).get("site_not_before"))))
        count = rf"(?![ \t]+(?i:{units})\b)" if units else ""  # "lost the plot 2 weeks ago"
        rx = rf"(?<![\w'])(?:{sites})[ \t]*(?:no\.?[ \t]*)?[A-Za-z]?\d{{1,3}}[A-Za-z]?\b(?![:./]\d){count}"
        for m in re.finditer(rx, text, re.I):
            take(m.start(), m.end(), address)
    if with_place and any(lab in (place, address) for _a, _b, lab in spans):
        for m in re.finditer(rf"(?<![\w'])(?:{with_place}){number}(?![:./]\d)", text, re.I):
            take(m.start(), m.end(), address)
        # a letter before the number too ("berth C7", "pitch B12")
        for m in re.finditer(rf"(?<![\w'])(?:{with_place})[ \t]+[A-Za-z]\d{{1,3}}\b(?![:./]\d)", text, re.I):
            take(m.start(), m.end(), address)


def vehicle_registrations(text: str, item: dict):
    """'reg ab12 cdx', 'car reg LV19 HFP': a current-style registration (two letters, two digits,
    three letters) after `context_words`, in any case; in capitals anywhere ("YK68 ZQP")."""
    for rx in item.get("regex") or ():
        for m in re.finditer(str(rx), text):
            yield m.start(), m.end()
    lead = _alt(sorted(_words("pd_vehicle", "context_words")))
    if lead:
        reg = r"([A-Za-z]{2}\d{2}[ \t]?[A-Za-z]{3})(?![\w-])"
        rx = rf"(?<![\w'])(?:{lead})\W{{0,4}}(?:(?:is|no|number|:)\W{{0,3}})?{reg}"
        for m in re.finditer(rx, text, re.I):
            yield m.start(1), m.end(1)
