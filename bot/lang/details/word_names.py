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
    a line's start or a found address and a found postcode are the town, on the same line or
    the line before; a council's name is a town there too ('..., Fakedale, FK1 2AB')."""
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
        m = re.search(
            r"((?:[A-Z][a-z'\u2019-]+[ \t]+){0,2}[A-Z][a-z'\u2019-]+)[ \t]*(?:,|\n)?[ \t]*$", text[max(0, a - 60) : a]
        )
        if not m:
            continue
        start = max(0, a - 60) + m.start(1)
        if not (re.search(r"(?:^|[,\n])[ \t]*$", text[:start]) or any(0 <= start - e <= 3 for e in ends)):
            continue
        words = list(re.finditer(r"[A-Za-z'\u2019-]+", m.group(1)))
        kept = lex.keep - (lex.councils if place.get("councils_before_postcode", True) else frozenset())
        if any(w.group(0).lower() in kept for w in words):
            continue
        for w in words:
            take(start + w.start(), start + w.end(), place["label"])


_CAP_WORD = r"[A-Z][a-z'\u2019-]+"
_THE_RUN = re.compile(
    rf"(?<![\w'])(?:at|in|to|from|outside|near)[ \t]+the[ \t]+"
    rf"({_CAP_WORD}(?:[ \t]+(?:(?:and|&|of|of[ \t]+the)[ \t]+)?{_CAP_WORD})+)"
)


def venues_after_the(text: str, cfg: dict, spans: list, take) -> None:
    """'works evenings at the Royal Oak', 'goes to the Crown and Anchor', 'at the Church of the
    Living Word': two capitalised words or more after "at the", "in the" (with "and", "of the"
    between them) are a place's name, unless every word is a practice term or a word the
    check reads ("at the Family Hub", "to the Front Door"), and none names a service or a body
    rather than a venue (pd_place `not_venue_words`: "from the Emergency Department")."""
    place = cfg.get("pd_place", {})
    if not place.get("venues_after_the", True):
        return
    lex = _lexicon()
    not_venue = {str(w).lower() for w in place.get("not_venue_words") or ()}
    # a kept shop and its format ("at the Tesco Extra"), a body named "Royal" ("in the Royal Navy"):
    # pd_name fifteenth_pass `shop_formats`, `not_after_royal`
    fifteenth = cfg.get("pd_name", {}).get("fifteenth_pass") or {}
    formats = {str(w).lower() for w in fifteenth.get("shop_formats") or ()}
    bodies = {str(w).lower() for w in fifteenth.get("not_after_royal") or ()}
    for m in _THE_RUN.finditer(text):
        words = [w.lower() for w in re.findall(_CAP_WORD, m.group(1))]
        kept = all(w in lex.keep or (i and w in formats) for i, w in enumerate(words))
        royal_body = words[:1] == ["royal"] and any(w in bodies for w in words[1:])
        if kept or royal_body or any(w in not_venue for w in words):
            continue
        for w in re.finditer(_CAP_WORD, m.group(1)):
            take(m.start(1) + w.start(), m.start(1) + w.end(), place["label"])


def capitalised_words_before_places(text: str, cfg: dict, spans: list, take) -> None:
    """'at Happy [Days] nursery': capitalised words right before a found place that starts with
    a capital are part of its name, when no word describes rather than names (pd_place
    `not_in_a_name`, name_words.yml `not_place_name`) and none is a function word; a word the
    check reads may be part of a name here ("Happy Days nursery")."""
    place = cfg.get("pd_place", {})
    label = place.get("label")
    if not label or not place.get("capitals_before_places", True):
        return
    lex = _lexicon()
    from bot.lang.details.lexicon import _words, _zipf

    never = _words("pd_place", "not_in_a_name") | lex.not_place
    common = float(place.get("common_word_zipf", 6.0))
    for a, b, lab in list(spans):
        if lab != label or not text[a : a + 1].isupper():
            continue
        start = a
        for _ in range(2):
            m = re.search(rf"(?<![\w'\u2019-])({_CAP_WORD})[ \t]+$", text[max(0, start - 30) : start])
            if not m:
                break
            w = m.group(1).lower()
            if w in never or _zipf(w) >= common:
                break
            start = max(0, start - 30) + m.start(1)
        if start < a:
            widen(spans, start, b, label)


def coordinated_word_names(text: str, cfg: dict, spans: list, take) -> None:
    """'royal and genesis both came in', 'its reed and wren, twins': two words of the first-name
    lists (names_also_words too) typed in lower case and joined by "and", before what only
    people are or do (pd_name `pair_after`, `person_after`, an age)."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    pair = [str(w) for w in item.get("pair_after") or ()]
    if not label or not pair:
        return
    from bot.lang.details.proper_names import _person_after

    lex = _lexicon()
    then = re.compile(rf"[ \t]*,?[ \t]*(?:{'|'.join(re.escape(w) for w in pair)})\b", re.I)
    for m in re.finditer(r"(?<![\w'\u2019-])([a-z]{2,})[ \t]+(?:and|&)[ \t]+([a-z]{2,})(?![\w'\u2019-])", text):
        words = (m.group(1), m.group(2))
        if not all(
            (w in lex.first or w in lex.wide_first or w in lex.ordinary) and not _not_a_person(w, lex) for w in words
        ):
            continue
        if then.match(text, m.end()) or _person_after().match(text, m.end()):
            take(m.start(1), m.end(1), label)
            take(m.start(2), m.end(2), label)


def capitalised_beside_names(text: str, cfg: dict, spans: list, take) -> None:
    """'she calls them Tee and [Jojo]', 'Dior and [Chanel]': a capitalised word joined by "and"
    to a found capitalised name is a name too, when it is no word the check reads, no acronym
    and rarer than `beside_name_zipf`."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    if not label or item.get("beside_name_zipf") is None:
        return
    from bot.lang.details.lexicon import _zipf

    rare = float(item["beside_name_zipf"])
    lex = _lexicon()
    found = [(a, b) for a, b, lab in spans if lab == label and text[a : a + 1].isupper()]
    for a, b in found:
        before = re.search(rf"(?<![\w'\u2019-])({_CAP_WORD})[ \t]+(?:and|&)[ \t]+$", text[max(0, a - 40) : a])
        if before:
            s = max(0, a - 40) + before.start(1)
            cand = [(s, s + len(before.group(1)))]
        else:
            cand = []
        after = re.match(rf"[ \t]+(?:and|&)[ \t]+({_CAP_WORD})(?![\w'\u2019-])", text[b:])
        if after:
            cand.append((b + after.start(1), b + after.end(1)))
        for s, e in cand:
            w = text[s:e].lower()
            if len(w) >= 3 and not _not_a_person(w, lex) and _zipf(w) < rare:
                take(s, e, label)


def one_word_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Precious', 'hunter': a message that is one word of the first-name lists (names_also_words
    too), in any case, is a name given as an answer ("what is the child's name?")."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    if not label or not item.get("one_word_names", True):
        return
    m = re.fullmatch(r"[ \t\"']*([A-Za-z][a-z'\u2019-]+)[ \t.!?\"']*", text)
    if not m:
        return
    lex = _lexicon()
    w = m.group(1).lower()
    if (
        (w in lex.first or w in lex.wide_first or w in lex.ordinary)
        and not _not_a_person(w, lex)
        and w not in lex.vocab
    ):
        take(m.start(1), m.end(1), label)


def weekdays_are_not_names(text: str, cfg: dict, spans: list) -> None:
    """A found name that is a weekday in the plural ("on Tuesdays and Fridays"), or a weekday
    after a word of time ("on Tuesday", "since Monday"), is a day: given back (pd_name
    `weekday_words`, `month_after`)."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    days = {str(w).lower() for w in item.get("weekday_words") or ()}
    if not label or not days:
        return
    from bot.lang.details.lexicon import _alt, _words

    before = _words("pd_name", "month_after") | _words("pd_name", "weekday_after")
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+$", re.I)
    for sp in list(spans):
        a, b, lab = sp
        w = text[a:b].lower()
        if lab == label and (
            (w.endswith("s") and w[:-1] in days) or (w in days and lead.search(text[max(0, a - 20) : a]))
        ):
            spans.remove(sp)


def unit_words_before_numbers(text: str, cfg: dict, spans: list, take) -> None:
    """'pitch [31, Marsh Lane]', 'hostel room [12, Linnet Lodge]': the word that says what the
    number is (pd_address `unit_words`) is part of a found address that starts with the number;
    "No.42" before a comma and a found name or place is a house number."""
    address = cfg.get("pd_address", {})
    label = address.get("label")
    units = [str(w) for w in address.get("unit_words") or ()]
    if not label or not units:
        return
    alt = "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True))
    lead = re.compile(rf"(?<![\w'])(?:{alt})\.?[ \t]*$", re.I)
    for sp in list(spans):
        a, b, lab = sp
        if lab != label or not text[a : a + 1].isdigit():
            continue
        m = lead.search(text[max(0, a - 12) : a])
        if m:
            s = max(0, a - 12) + m.start()
            if all(e <= s or x >= a for x, e, _l in spans):
                spans.remove(sp)
                spans.append((s, b, label))
    starts = {x for x, _e, _l in spans}
    for m in re.finditer(r"(?<![\w'])(?:No|no|NO)\.?[ \t]?\d{1,4}[A-Za-z]?(?=[ \t]*,[ \t]*)", text):
        rest = re.match(r"[ \t]*,[ \t]*", text[m.end() :])
        if rest and m.end() + rest.end() in starts:
            take(m.start(), m.end(), label)
