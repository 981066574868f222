"""The eleventh pass of issue 20 (bot/lang/scrub.py, run from the end of the tenth pass's name
and place rules): general forms for the kinds the dev sets still missed after the tenth pass.
Word lists in knowledge/language/personal_details.yml (pd_name `eleventh_pass`):

- a title that is part of what names a person, capitalised inside a sentence right before a
  found name ("her friend from church, Sister Abena", "dad Md. Fakeul Islam"), and a word
  of `before_a_name_any_case` right before a found name in any case;
- a word of the first-name or surname lists typed in lower case right after a found name, when
  no dictionary lists it and it is rarer than `lower_surname_zipf` ("her niece blossom mae, 7");
- a lower-case word repeated at once inside a bracket with more of the name after a word that
  only introduces a person ("baby storm (storm fakeley-jones, ...)"): a name, whatever the word;
- an institution's name typed before a lower-case institution word ("known to Busy Bees day
  nursery"), when none of its words is a practice word;
- a numbered floor of a found building ("9th floor of [address]") and a lodging word after a found
  address or place ("Room 3, Elm Lodge B&B");
- a place word after a found name's possessive ("the caravan on Fakeby's Field");
- the capitalised run after an address heading ("Address: The Old Mill, ...");
- a numbered room or flat found, then "at" or "in" and a found building: one address ("room 14 at
  Fakeby House");
- a church's second dedication after a found saint's name ("St Fakeby's and All Angels");
- a quoted capitalised name after a home that has one, a boat ("a narrowboat, 'Second Fakewind'");
- a venue found, "on" and a single capitalised word found as a name at the end of a phrase: the
  word is the venue's street, one place ("at the Fakelodge on Westfake, Brenton");
- a capital initial right after a found user name ("@Gemfake T can you");
- a word the writer says is a name ("Pebble (yes that's her name) is the one"), and each other
  occurrence of it.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _words, _zipf
from bot.lang.details.tenth_pass import _alt, _dictionary_word, _grow, _listed, _stop
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("eleventh_pass") or {}


def _labels(cfg: dict) -> tuple[str, str, str]:
    return (
        cfg.get("pd_name", {}).get("label"),
        cfg.get("pd_place", {}).get("label"),
        cfg.get("pd_address", {}).get("label"),
    )


def titles_before_names(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name = _labels(cfg)[0]
    titles = _alt([str(w) for w in as_list(item.get("titles_in_a_name"))])  # capitalised only
    any_case = _alt(_listed(item, "before_a_name_any_case"))
    if not name or not (titles or any_case):
        return
    for a, b, lab in sorted(spans):
        if lab != name:
            continue
        before = text[max(0, a - 14) : a]
        if titles:
            # inside a sentence: after a lower-case word, a comma or a relation ("dad Md.")
            m = re.search(rf"(?<=[a-z,][ \t])(?:{titles})[ \t]+$", before)
            if m and text[a : a + 1].isupper():
                _grow(spans, max(0, a - 14) + m.start(), b, lab)
                continue
        if any_case:
            m = re.search(rf"(?<![\w'\u2019-])(?i:{any_case})[ \t]+$", before)
            if m:
                _grow(spans, max(0, a - 14) + m.start(), b, lab)


def lower_case_surnames_after_names(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name = _labels(cfg)[0]
    if not name or "lower_surname_zipf" not in item:
        return
    lex = _lexicon()
    ceiling = float(item["lower_surname_zipf"])
    for a, b, lab in sorted(spans):
        if lab != name:
            continue
        m = re.match(r"[ \t]+([a-z][a-z'\u2019-]+)(?![\w-])", text[b : b + 30])
        if not m:
            continue
        w = m.group(1)
        listed = w in lex.first or w in lex.wide_first or w in lex.surnames
        if listed and not _dictionary_word(w) and not _stop(w, lex) and w not in lex.keep and _zipf(w) < ceiling:
            if w not in _words("pd_name", "titles") and w not in _listed(
                cfg["pd_name"].get("tenth_pass") or {}, "not_in_slot"
            ):
                _grow(spans, a, b + m.end(), lab)


def names_repeated_in_brackets(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    intro = [str(w) for w in as_list((cfg.get("pd_name", {}).get("tenth_pass") or {}).get("person_only_before"))]
    if not name or not intro:
        return
    lex = _lexicon()
    rx = rf"(?<![\w'\u2019-])(?i:{_alt(intro)})[ \t]+([a-z][a-z'\u2019-]+)[ \t]*\([ \t]*\1[ \t]+[\w\u00c0-\u024f]"
    found = set()
    for m in re.finditer(rx, text):
        w = m.group(1)
        if w not in _words("pd_name", "titles") and w not in lex.keep:
            found.add(w)
    for w in found:
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(w)}(?![\w-])", text, re.I):
            take(m.start(), m.end(), name)


def institutions_before_lower_case_heads(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    place = _labels(cfg)[1]
    heads = _listed(item, "lower_case_institution_heads")
    if not place or not heads:
        return
    lex = _lexicon()
    cap = r"[A-Z][a-z\u00c0-\u024f'\u2019]+"
    rx = rf"(?<=[a-z,][ \t])((?:{cap}[ \t]+){{0,2}}{cap})[ \t]+(?:{_alt(heads)})(?![\w-])"
    stop = _words("pd_name", "titles") | _words("pd_name", "month_words") | _words("pd_name", "weekday_words")
    for m in re.finditer(rx, text):
        words = [re.sub(r"['\u2019]s?$", "", w) for w in m.group(1).lower().split()]
        if any(w in lex.keep or w in stop or w in lex.not_place for w in words):
            continue
        _grow(spans, m.start(1), m.end(), place)  # a name found inside it is part of it


def parts_of_found_places(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name, place, address = _labels(cfg)
    if not place or not address:
        return
    floors = _alt([str(w) for w in as_list(item.get("floor_words"))])
    lodgings = _alt([str(w) for w in as_list(item.get("lodging_words"))])
    heads = _alt([str(w) for w in as_list(item.get("place_words_after_possessive"))])
    for a, b, lab in sorted(spans):
        if lab in (place, address):
            # a numbered floor narrows the building to a few flats; "top floor" does not
            level = rf"\d{{1,2}}(?:st|nd|rd|th)|{floors}" if floors else r"\d{1,2}(?:st|nd|rd|th)"
            before = text[max(0, a - 30) : a]
            m = re.search(rf"(?<![\w-])(?:{level})[ \t]+floor[ \t]+(?:of|at)[ \t]+$", before, re.I)
            if m:
                _grow(spans, max(0, a - 30) + m.start(), b, lab)
                continue
        if lodgings and lab in (place, address):
            m = re.match(rf"[ \t]+(?:{lodgings})(?![\w&-])", text[b : b + 16])
            if m:
                _grow(spans, a, b + m.end(), lab)
                continue
        if heads and lab == name:
            m = re.match(rf"['\u2019]s[ \t]+(?:{heads})(?![\w-])", text[b : b + 16])
            if m:
                _grow(spans, a, b + m.end(), place)


def runs_after_address_headings(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    address = _labels(cfg)[2]
    headings = _alt([str(w) for w in as_list(item.get("address_headings"))])
    if not address or not headings:
        return
    lex = _lexicon()
    cap = r"[A-Z][a-z\u00c0-\u024f'\u2019]+"
    rx = rf"(?im:^[ \t]*(?:{headings})[ \t]*:[ \t]*)((?:The[ \t]+)?(?:{cap}[ \t]+){{0,3}}{cap})(?=[ \t]*(?:,|$))"
    for m in re.finditer(rx, text):
        words = m.group(1).lower().split()
        if not any(w in lex.keep and w != "the" for w in words):
            _grow(spans, m.start(1), m.end(1), address)


def joined_places(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name, place, address = _labels(cfg)
    units = _alt(_listed(item, "numbered_units"))
    joins = _alt([str(w) for w in as_list(item.get("second_dedications"))])
    ordered = sorted(spans)
    for (a1, b1, l1), (a2, b2, l2) in zip(ordered, ordered[1:], strict=False):
        if units and l1 == address and l2 in (address, place):
            if re.fullmatch(rf"(?i:{units})[ \t]*\d{{1,4}}[a-z]?", text[a1:b1]) and re.fullmatch(
                r"[ \t]+(?:at|in)[ \t]+", text[b1:a2]
            ):
                _grow(spans, a1, b2, address)
    for a, b, lab in sorted(spans):
        if joins and lab == place and re.match(r"(?:St|Saint)\.?[ \t]", text[a:b]):
            m = re.match(rf"[ \t]+(?:{joins})[ \t]+[A-Z][a-z]+", text[b : b + 30])
            if m:
                _grow(spans, a, b + m.end(), lab)
    homes = _alt(_listed(item, "homes_with_names"))
    if homes and place:
        quoted = r"['\u2018\"\u201c]((?:[A-Z][a-z']+[ \t]+){0,3}[A-Z][a-z']+)['\u2019\"\u201d]"
        rx = rf"(?i:{homes})(?:,|[ \t]+(?:called|named))?[ \t]+{quoted}"
        for m in re.finditer(rx, text):
            take(m.start(1), m.end(1), place)


def venues_on_streets(text: str, cfg: dict, spans: list, take) -> None:
    name, place, _address = _labels(cfg)
    ordered = sorted(spans)
    for (a1, b1, l1), (a2, b2, l2) in zip(ordered, ordered[1:], strict=False):
        if l1 == place and l2 == name and re.fullmatch(r"[ \t]+on[ \t]+", text[b1:a2]):
            if re.fullmatch(r"[A-Z][a-z]+", text[a2:b2]) and re.match(r"[ \t]*(?:[,.;:)\n]|$)", text[b2 : b2 + 2]):
                _grow(spans, a1, b2, place)


def initials_after_user_names(text: str, cfg: dict, spans: list, take) -> None:
    user = cfg.get("pd_handle", {}).get("label")
    for a, b, lab in sorted(spans):
        if user and lab == user:
            m = re.match(r"[ \t]+(?![AI][ \t])[A-Z]\.?(?=[ \t,:])", text[b : b + 4])
            if m:
                _grow(spans, a, b + m.end(), lab)


def words_said_to_be_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    said = _alt([str(w) for w in as_list(_item(cfg).get("said_to_be_a_name"))])
    if not name or not said:
        return
    rx = rf"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]*(?:\(|,|-)[ \t]*(?:(?:yes|yep|yeah|really)[,]?[ \t]+)?(?i:{said})"
    for m in re.finditer(rx, text):
        w = m.group(1)
        if w.lower() in _words("pd_name", "titles") | _words("pd_name", "relation_words"):
            continue
        for n in re.finditer(rf"(?<![\w'\u2019-]){re.escape(w)}(?![\w-])", text):
            take(n.start(), n.end(), name)


def names(text: str, cfg: dict, spans: list, take) -> None:
    words_said_to_be_names(text, cfg, spans, take)
    names_repeated_in_brackets(text, cfg, spans, take)
    lower_case_surnames_after_names(text, cfg, spans, take)
    titles_before_names(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    runs_after_address_headings(text, cfg, spans, take)
    institutions_before_lower_case_heads(text, cfg, spans, take)
    parts_of_found_places(text, cfg, spans, take)
    joined_places(text, cfg, spans, take)
    venues_on_streets(text, cfg, spans, take)
    initials_after_user_names(text, cfg, spans, take)
