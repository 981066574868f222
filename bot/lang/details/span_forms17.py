"""Span forms of session 17 (S17-PL5, issue 20): the classes personal_details_dev27 and dev28 left
in, each judged leave-one-set-out (scripts/pd_span_loso.py --by-form; span_forms.DERIVED_FROM).
Run with the other span forms (span_forms.FORMS); word lists in knowledge/language/personal_details.yml
(pd_name span_forms.session17).

- nicknames_before_full_names: a short form right before the full name in brackets ("for wren (Wren
  Fakeley)", "lil T (Tremaine)", "'Big Tel' (Terry Fakeley)");
- places_on_streets: a found place and the found street it stands on are one place ("the Lotus
  Garden on Fake Road", "Harbour View on Fake Parade");
- case_labels_in_accounts: a record system's label of letters, a dash and three or four digits
  inside an account ("Norfolk's ref was CP-2207", "EHM ref EH-3307, closed in the spring"); not in
  a short message, which is how a practitioner gives the check their own case label ("ref is
  CP-4471", "resume PD-2020");
- hyphenated_initials: the initials of a found hyphenated first name ("C-A" for "Clodagh-Anne");
- lower_case_surnames_after_names, lower_case_first_names_before_surnames,
  lower_case_names_after_relations: in lower case, a rare word right after a found name and before
  the end of its phrase is its surname ("maybe jordan fakeheap"), a rare word right before a found
  listed surname is its first name ("jericho fakemendoza"), and a listed first name and a listed rare
  surname after a relation word are a name ("dad sonny fakeconnors");
- boy_nicknames: a found first name and "boy" or "girl" before a lower-case word ("jonny boy hes
  four", "known as Jonny boy by the family").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return (cfg.get("pd_name", {}).get("span_forms") or {}).get("session17") or {}


def _words(item: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(item.get(key)))


def _name_label(cfg: dict):
    return cfg.get("pd_name", {}).get("label")


def _at(spans: list, a: int, label) -> tuple | None:
    return next((sp for sp in spans if sp[0] == a and sp[2] == label), None)


def nicknames_before_full_names(text: str, cfg: dict, spans: list, take) -> None:
    """'for wren (Wren Fakeley)', 'lil T (Tremaine)', "'Big Tel' (Terry Fakeley)": right before a found
    name in brackets, the same first name in another case, its initial, or a capitalised short form
    that no dictionary lists and that begins as the name does, is that person's name too; with a
    nickname's prefix before it ("lil", "big")."""
    item, name = _item(cfg), _name_label(cfg)
    if not (name and item):
        return
    lex = _lexicon()
    prefixes = _alt(as_list(item.get("nickname_prefixes")))
    pre = rf"(?:(?i:{prefixes})[ \t]+)?" if prefixes else ""
    rx = re.compile(rf"(['\u2018\u2019\"]?)({pre}([A-Za-z][a-z]*|[A-Z]))\1[ \t]+\($")
    for a, b, label in sorted(spans):
        if label != name or a < 2 or text[a - 1] != "(":
            continue
        m = rx.search(text[max(0, a - 30) : a])
        if not m:
            continue
        word, full = m.group(3), re.match(r"[\w'\u2019-]+", text[a:b])
        first = full.group().lower() if full else ""
        w = word.lower()
        if w in lex.keep or not first:
            continue
        same = w == first
        initial = len(word) == 1 and word.isupper() and first.startswith(w)
        prefixed = m.group(2) != word or bool(m.group(1))  # "lil T", "'Big Tel'": a nickname's shape
        short = word[0].isupper() and len(w) >= 2 and first.startswith(w[:2]) and (w not in lex.vocab or prefixed)
        if same or initial or short:
            start = max(0, a - 30) + m.start(2)
            take(start, start + len(m.group(2)), name)


def places_on_streets(text: str, cfg: dict, spans: list, take) -> None:
    """'the Lotus Garden on Fake Road', 'Harbour View on Fake Parade': a found place or address and the
    found street right after it ("on", "off") are one place."""
    item = _item(cfg)
    place, address = cfg.get("pd_place", {}).get("label"), cfg.get("pd_address", {}).get("label")
    joins = _alt(as_list(item.get("place_on_street")))
    if not (place and address and joins):
        return
    gap = re.compile(rf"[ \t]+(?:{joins})[ \t]+$")
    for sp in sorted(spans):
        a, b, label = sp
        if label not in (place, address) or sp not in spans:
            continue
        before = [s for s in spans if s[2] in (place, address) and s[1] <= a and gap.fullmatch(text[s[1] : a])]
        if label == address and before:
            first = before[0]
            spans.remove(first)
            spans.remove(sp)
            spans.append((first[0], b, place))


def case_labels_in_accounts(text: str, cfg: dict, spans: list, take) -> None:
    """'Norfolk's ref was CP-2207', 'EHM ref EH-3307, closed in the spring', '(cp-0582?)': letters, a
    dash and three or four digits inside an account that names a person or a place (another detail
    found) and has `account_words` words or more are a record system's reference. What the check
    reads as the practitioner's own case label stays: a label in a message with no other detail
    ("ref is CP-4471", "can you list everything recorded on HV-302 by date": the check's answer and
    the commands), a short message, and the label right after the words that bring in
    a case reference in the check's own grammar (knowledge/language/commands.yml `references`:
    "case", "ref", "it's", "carry on with", ...), unless a system's name or a possessive is before
    "ref" ("EHM ref", "Norfolk's ref")."""
    item = _item(cfg)
    label = cfg.get("pd_reference", {}).get("label")
    least = int(item.get("account_words") or 0)
    if not (label and least):
        return
    if len(re.findall(r"(?<![\w-])[A-Za-z]+(?![\w-])", text)) < least:
        return
    not_labels = _words(item, "not_label_letters")  # a month and a year ("Jan-2024")
    own = _own_cues()
    rx = re.compile(r"(?<![\w/.\u2019'-])([A-Za-z]{1,4})-(\d{3,4})(?![\w/-]|\.\d)")
    labels = [(m.start(), m.end()) for m in rx.finditer(text)]
    if not any(all(b <= x or a >= y for x, y in labels) for a, b, _lab in spans):
        return  # no other detail: a label alone is how a practitioner names their own case
    for m in re.finditer(r"(?<![\w/.\u2019'-])([A-Za-z]{1,4})-(\d{3,4})(?![\w/-]|\.\d)", text):
        if m.group(1).lower() in not_labels:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        cue = own.search(before) if own else None
        system = re.fullmatch(r"(?i:ref|reference)[ \t:#]*", cue.group()) if cue else None
        if cue and not (system and re.search(r"(?:\b[A-Z]{2,6}|['\u2019]s)[ \t]+$", before[: cue.start()])):
            continue  # the practitioner's own label, as the check reads it
        take(m.start(), m.end(), label)


def _own_cues():
    from bot.lang.nlp import load_yaml

    refs = load_yaml("commands.yml").get("references") or {}
    words = as_list(refs.get("leading_words")) + as_list(refs.get("cue_words"))
    if not words:
        return None
    return re.compile(rf"(?<![\w'\u2019-])(?i:{_alt(words + ['is'])})(?:[ \t]+(?i:is|no\.?|number))?[ \t:#]*$")


def hyphenated_initials(text: str, cfg: dict, spans: list, take) -> None:
    """'C-A was found eating from the bin' where 'Clodagh-Anne' is found: the initials of a found
    hyphenated first name, joined by a dash, are that person."""
    name = _name_label(cfg)
    if not name:
        return
    found = {
        m.group(1)[0] + "-" + m.group(2)[0]
        for a, b, label in spans
        if label == name
        for m in re.finditer(r"\b([A-Z][a-z]+)-([A-Z][a-z]+)\b", text[a:b])
    }
    for initials in found:
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(initials)}(?![\w'\u2019-])", text):
            take(m.start(), m.end(), name)


def _lower_case_context(cfg: dict):
    item, name = _item(cfg), _name_label(cfg)
    rare = float(item.get("surname_zipf") or 0) if item else 0.0
    lex = _lexicon()
    not_names = _words(item, "not_lower_case_names")

    def plain(w: str) -> bool:
        return len(w) >= 3 and w not in lex.keep and w not in not_names and not w.endswith(("ed", "ing"))

    return name, rare, lex, plain


def lower_case_surnames_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """'maybe jordan fakeheap', 'the twins Mikey and Mason fakeleod, both 3': a lower-case word rarer
    than `surname_zipf` that no list of the project's words holds, right after a found one-word name
    and before the end of the name's phrase (a stop, a comma, a bracket, the message's end or a word
    that follows a name: "and", "is", "aged"), is its surname."""
    name, rare, lex, plain = _lower_case_context(cfg)
    if not (name and rare):
        return
    after_name = _alt(as_list((cfg.get("pd_name", {}).get("span_forms") or {}).get("after_a_name")))
    ends = rf"(?=[ \t]*(?:[,.;:!?()]|$|\d|(?:{after_name})\b))" if after_name else r"(?=[ \t]*(?:[,.;:!?()]|$))"
    for a, b, label in sorted(spans):
        if label != name or not re.fullmatch(r"[A-Za-z][a-z]{2,}", text[a:b]):
            continue
        after = re.match(rf"[ \t]+([a-z]{{3,}}){ends}", text[b:])
        if after:
            w = after.group(1)
            if plain(w) and w not in lex.vocab and _zipf(w) < rare:
                _grow(spans, a, b + after.end(), name)


def lower_case_first_names_before_surnames(text: str, cfg: dict, spans: list, take) -> None:
    """'referral about jericho fakemendoza yr 2': a lower-case word rarer than `surname_zipf` right
    before a found lower-case surname from the surname list is its first name."""
    name, rare, lex, plain = _lower_case_context(cfg)
    if not (name and rare):
        return
    for a, b, label in sorted(spans):
        if label != name or not re.fullmatch(r"[a-z]{3,}", text[a:b]) or text[a:b] not in lex.surnames:
            continue
        before = re.search(r"(?<![\w'\u2019-])([a-z]{3,})[ \t]+$", text[max(0, a - 20) : a])
        if before:
            w = before.group(1)
            if plain(w) and w not in lex.vocab and _zipf(w) < rare:
                _grow(spans, max(0, a - 20) + before.start(1), b, name)


def lower_case_names_after_relations(text: str, cfg: dict, spans: list, take) -> None:
    """'dad sonny fakeconnors is out': after a relation word, a lower-case first name from the lists
    and a surname from the surname list rarer than `surname_zipf` are a name."""
    name, rare, lex, plain = _lower_case_context(cfg)
    rel = _alt(as_list(cfg.get("pd_name", {}).get("relation_words")))
    if not (name and rare and rel):
        return
    rx = rf"(?<![\w'\u2019-])(?:{rel})[ \t]+([a-z]{{3,}})[ \t]+([a-z]{{3,}})(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        first, last = m.group(1), m.group(2)
        if (
            plain(first)
            and plain(last)
            and (first in lex.first or first in lex.wide_first)
            and last in lex.surnames
            and last not in lex.vocab
            and _zipf(last) < rare
        ):
            _grow(spans, m.start(1), m.end(2), name)


def boy_nicknames(text: str, cfg: dict, spans: list, take) -> None:
    """'jonny boy hes four', 'known as Jonny boy by the family': a found first name and "boy" or
    "girl" before a lower-case word are a nickname (span_forms.nicknames_and_initials takes them
    before punctuation); not after "the", "his", "little" and the like."""
    name = _name_label(cfg)
    forms = (cfg.get("pd_name", {}).get("span_forms") or {}) if name else {}
    heads = _alt(as_list(forms.get("nickname_heads")))
    if not heads:
        return
    not_before = _words(forms, "not_before_nickname")
    lex = _lexicon()
    for a, b, label in sorted(spans):
        if label != name or not re.fullmatch(r"[A-Za-z][a-z]+", text[a:b]):
            continue
        w = text[a:b].lower()
        if not (w in lex.first or w in lex.wide_first) or w in lex.vocab:
            continue
        m = re.match(rf"[ \t]+(?i:{heads})(?=[ \t]+[a-z])", text[b:])
        before = re.search(r"([\w'\u2019]+)[ \t]+$", text[:a])
        if m and not (before and before.group(1).lower() in not_before):
            _grow(spans, a, b + m.end(), name)


def months_after_day_numbers(text: str, cfg: dict, spans: list, take) -> None:
    """'Next meeting 14 Jan.': a month's name or short form found as a name right after a day's
    number is the month of a date: given back (a date of birth is the dates' kind, not a name's)."""
    name = _name_label(cfg)
    months = frozenset(str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("month_words")))
    if not (name and months):
        return
    day = re.compile(r"(?<![\w/.:-])(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+$")
    for sp in list(spans):
        a, b, label = sp
        if label == name and text[a:b].lower().rstrip(".") in months and day.search(text[max(0, a - 8) : a]):
            spans.remove(sp)


def site_letters(text: str, cfg: dict, spans: list, take) -> None:
    """'on the Fakeley site, pitch B': a site word and one capital letter is a pitch's or plot's
    name, as its number is (pd_address `site_words`, session 16)."""
    address = cfg.get("pd_address", {}).get("label")
    sites = _alt(as_list(_item(cfg).get("site_letter_words")))
    if not (address and sites):
        return
    for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{sites})[ \t]+[A-Z](?![\w'\u2019&/-])(?!\.\w)", text):
        take(m.start(), m.end(), address)


def team_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Assessment Team 3', 'Family Safeguarding Team East', 'Fakeley Child in Need Team 2': a
    capitalised team's name with its number or its part of the area names the worker's team."""
    place = cfg.get("pd_place", {}).get("label")
    item = _item(cfg)
    parts = _alt(as_list(item.get("team_parts")))
    links = _alt(as_list(item.get("team_name_links")))
    if not (place and parts):
        return
    word = r"[A-Z][A-Za-z0-9'\u2019-]*"
    run = rf"{word}(?:[ \t]+(?:(?:{links})[ \t]+)?{word}){{0,4}}" if links else rf"{word}(?:[ \t]+{word}){{0,4}}"
    units = _alt(as_list(cfg.get("pd_address", {}).get("site_not_before")))
    count = rf"(?![ \t]+(?i:{units})\b)" if units else ""  # "the Duty Team 2 weeks ago"
    rx = rf"(?<![\w'\u2019-])({run})[ \t]+Team[ \t]+(?:\d{{1,2}}{count}|{parts})(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        _grow(spans, m.start(), m.end(), place)


def non_ascii_names_before_found(text: str, cfg: dict, spans: list, take) -> None:
    """'Mum (Đặng Thị Fake)': a capitalised word with letters beyond ASCII right before a found
    name is part of it (the other forms read capitals from A to Z)."""
    name = _name_label(cfg)
    if not name:
        return
    lex = _lexicon()
    for a, b, label in sorted(spans):
        if label != name:
            continue
        m = re.search(r"(?<![\w'\u2019-])([^\W\d_][^\W\d_'\u2019-]*)[ \t]+$", text[max(0, a - 20) : a])
        if not m:
            continue
        w = m.group(1)
        if w[0].isupper() and not w.isascii() and w.lower() not in lex.keep and w.lower() not in lex.vocab:
            _grow(spans, max(0, a - 20) + m.start(1), b, name)


def lower_case_addresses(text: str, cfg: dict, spans: list, take) -> None:
    """'9a fakeley hill, reading', 'flat 4 fakemill house': in lower case, a house number, one or two
    words and a street word the lower-case rules leave ("hill", "house") are an address, as is such
    a building after a found flat's number; not "a 2 bed house" (`not_street_name`, `not_before_house`)."""
    address = cfg.get("pd_address", {}).get("label")
    item = _item(cfg)
    heads = _alt(as_list(item.get("lower_case_street_words")))
    if not (address and heads):
        return
    lex = _lexicon()
    skip = {str(w).lower() for w in as_list(cfg.get("pd_address", {}).get("not_street_name"))}
    skip |= _words(item, "not_before_house")
    rx = rf"(?<![\w/.,-])(\d{{1,3}}[a-z]?)[ \t]+([a-z]{{3,}})(?:[ \t]+([a-z]{{3,}}))?[ \t]+(?:{heads})(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        words = [w for w in (m.group(2), m.group(3)) if w]
        if any(w in skip or w in lex.keep for w in words):
            continue
        before = text[: m.start()]
        flat = [sp for sp in spans if sp[2] == address and sp[1] <= m.start() and not before[sp[1] :].strip()]
        _grow(spans, flat[0][0] if flat else m.start(), m.end(), address)
    for a, b, label in sorted(spans):
        if label != address:
            continue
        after = re.match(rf"[ \t]+([a-z]{{3,}})[ \t]+(?:{heads})(?![\w'\u2019-])", text[b:])
        if after and re.search(r"\d[a-z]?$", text[a:b]) and after.group(1) not in skip | lex.keep:
            _grow(spans, a, b + after.end(), address)


FORMS = (
    nicknames_before_full_names,
    places_on_streets,
    case_labels_in_accounts,
    hyphenated_initials,
    lower_case_surnames_after_names,
    lower_case_first_names_before_surnames,
    lower_case_names_after_relations,
    boy_nicknames,
    months_after_day_numbers,
    site_letters,
    team_names,
    non_ascii_names_before_found,
    lower_case_addresses,
)
# read what every pass found: run last by bot/lang/scrub.py (span_forms.late_forms)
LATE = (
    case_labels_in_accounts,
    places_on_streets,
    lower_case_surnames_after_names,
    lower_case_first_names_before_surnames,
    lower_case_names_after_relations,
    nicknames_before_full_names,
    hyphenated_initials,
    boy_nicknames,
    months_after_day_numbers,
    team_names,
    non_ascii_names_before_found,
    lower_case_addresses,
)
_BOTH = ("personal_details_dev27.yml", "personal_details_dev28.yml")
DERIVED_FROM = {
    "nicknames_before_full_names": _BOTH,
    "places_on_streets": _BOTH,
    "case_labels_in_accounts": _BOTH,
    "hyphenated_initials": "personal_details_dev28.yml",
    "lower_case_surnames_after_names": _BOTH,
    "lower_case_first_names_before_surnames": _BOTH,
    "lower_case_names_after_relations": _BOTH,
    "boy_nicknames": "personal_details_dev27.yml",
    "months_after_day_numbers": "personal_details_dev28.yml",
    "site_letters": "personal_details_dev28.yml",
    "team_names": _BOTH,
    "non_ascii_names_before_found": "personal_details_dev27.yml",
    "lower_case_addresses": _BOTH,
}
