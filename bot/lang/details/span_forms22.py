"""Span forms of session 22 (S22-PL10, issue 20): the over-scrubbing and misses personal_details_dev37
and dev38 showed, by class, each judged leave-one-set-out (scripts/pd_span_loso.py --by-form;
span_forms.DERIVED_FROM). They read what every pass found and run last (span_forms.late_forms); word
lists and shapes in knowledge/language/personal_details.yml (pd_name span_forms.session22); the found forms
are in span_forms22_found.py.

Kept (over-scrubbing):
- sayings_in_any_case: a saying with a name's word in it, in whatever case it is typed ("nosy parker",
  "a doubting Thomas", "a steady Eddie", "Lady Muck", "the Sally Army");
- brands_and_organisations: a make of stove, a biscuit, a youth organisation ("the Rayburn", "Rich
  Tea", "Girlguiding"), in their case;
- countries_after_places: a country after "in", "to", "from", "via" ... found as a name or a place
  ("mum is in India"), unless a capitalised word or "'s" follows it;
- roles_and_labels: a role or a form's label found alone as a name or at a found name's start
  ("Claimant Fake Fakeley", "Postie on the round", "Referrer:", "blwyddyn 2");
- faith_words: a word of a faith's place, practice or people found alone as a name ("Gurdwara
  langar volunteer", "part of our sangat");
- home_kin_words: an everyday word for a parent or grandparent in English, Scots, Irish or Welsh use
  found alone as a name ("Mammy's friend", "her nain");
- kinds_after_places: lower-case words of a place's kind at a found place's end ("Fakeley community
  centre" -> "[place] community centre");
- adverbs_are_no_places: an adverb in "-ly" is no lower-case place's name ("dangerously high");
- verbs_after_names: a lower-case verb's form after a capitalised found name is no part of it ("a
  friend, Fake, babysits");
- letter_pairs: a letter after "<letter> and" is no initial ("a B and B. Fake said").
Found (misses):
- kept_words_in_names: a country, language or nationality word, or a practice word, beside a found
  capitalised name in a name's shape ("Mali Fakeley", "Mum, Shona Fakeley", "Fakea Moldovan, 26");
- quoted_names_after_naming: a word in quotes after "goes by", "calling him", "his cousin" ... and a
  capitalised word after "call me" are names, and found again in the same quotes ("'Tiny'");
- initials_in_quotes: an initial with its dot after an opening quote before a found name ("as 'F.
  Fakeley'");
- reference_shapes22: a Home Office reference by its shape ("H1234567/8");
- kids_in_lower_case: first names of the lists in lower case after "the kids", "the children" ... and
  joined by "and" ("the kids fakea and fakeb,"), and a lower-case first name before a found lower-case
  surname at a message's start ("fake fakeley, her fella ...");
- dates_after_name_is: a full date after a found name and "is" or "was" ("Fakea is 11/06/2014").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.span_forms22_found import (  # the helpers of both files are defined there
    _EDGE_L,
    _EDGE_R,
    _POSS,
    _country_words,
    _item,
    _labels,
    _words,
    couples_by_title,
    dates_after_name_is,
    initials_in_quotes,
    kept_words_in_names,
    kids_in_lower_case,
    newborns_by_surname,
    quoted_names_after_naming,
    reference_shapes22,
)
from bot.lang.details.tenth_pass import _alt
from bot.lang.nlp import as_list


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    part = text[a:b]
    return a + len(part) - len(part.lstrip(" \t,.;:'-")), b - (len(part) - len(part.rstrip(" \t,.;:'-")))


def _give_back(text: str, spans: list, a: int, b: int, labels: tuple) -> None:
    """The text a..b names nobody: a found span over it keeps only its parts outside with a capital."""
    for sp in [sp for sp in spans if sp[2] in labels and sp[0] < b and a < sp[1]]:
        spans.remove(sp)
        for x, y in ((sp[0], a), (b, sp[1])):
            x, y = _trim(text, x, y)
            if x < y and re.search(r"[A-Z]", text[x:y]) and re.search(r"[A-Za-z]{2,}", text[x:y]):
                spans.append((x, y, sp[2]))


def _alone(text: str, spans: list, labels: tuple, words: frozenset, any_case: bool = True) -> None:
    """A found span made only of words of the list (a possessive too) goes back."""
    for sp in list(spans):
        if sp[2] not in labels:
            continue
        found = re.findall(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", text[sp[0] : sp[1]])
        if not found or re.search(r"\d", text[sp[0] : sp[1]]):
            continue
        if all(re.sub(r"['\u2019]s$", "", w).lower() in words for w in found):
            if any_case or all(w.islower() for w in found):
                spans.remove(sp)


# -- kept ---------------------------------------------------------------------------------------


def sayings_in_any_case(text: str, cfg: dict, spans: list, take) -> None:
    """'nosy parker neighbour', 'doubting Thomas here', 'a steady Eddie', 'plays Lady Muck', 'the Sally
    Army': a saying of the list with a name's word in it, in any case, names nobody (not when a
    capitalised word follows it: "Tom Fakeley")."""
    sayings = _alt(as_list(_item(cfg).get("sayings")))
    if not sayings:
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"(?i:{_EDGE_L}(?:{sayings}){_POSS}{_EDGE_R})", text):
        if re.match(r"[ \t]+[A-Z][a-z]", text[m.end() :]):
            continue
        # nor before a name found after it in lower case ("kids r fake and fakey fakeley")
        after = re.match(r"[ \t]+", text[m.end() :])
        if after and any(sp[0] == m.end() + after.end() and sp[2] in labels for sp in spans):
            continue
        _give_back(text, spans, m.start(), m.end(), labels)


def brands_and_organisations(text: str, cfg: dict, spans: list, take) -> None:
    """'the Rayburn out', 'Rich Tea biscuits', 'our safeguarding lead at Girlguiding': a make, a food
    or an organisation of the list, in its case, names nobody (not before a capitalised word or "on"
    and one: then it is part of a place's name)."""
    kept = _alt(as_list(_item(cfg).get("brands")))
    if not kept:
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"{_EDGE_L}(?:{kept}){_POSS}{_EDGE_R}", text):
        if re.match(r"[ \t]+(?:(?:on|off|in|at)[ \t]+)?[A-Z]", text[m.end() :]):
            continue
        _give_back(text, spans, m.start(), m.end(), labels)


def countries_after_places(text: str, cfg: dict, spans: list, take) -> None:
    """ "mum is 'in India'", 'came via Syria', 'back to Jordan next week': a country after a word of
    place, found alone as a name or a place, names nobody (a country on a first-name list too), unless
    a capitalised word or a possessive follows it ("to Jordan Fakeley", "in India's room")."""
    countries = _country_words(cfg)
    before = _alt(as_list(_item(cfg).get("country_before")))
    strong = _alt(as_list(_item(cfg).get("first_name_country_before")))
    lex = _lexicon()
    if not (countries and before and strong):
        return
    labels = _labels(cfg)
    for sp in list(spans):
        word = text[sp[0] : sp[1]]
        if sp[2] not in labels or word.lower() not in countries or not word[:1].isupper():
            continue
        if not re.search(rf"(?i:(?<![\w])(?:{before}))[ \t]+['\u2018\u201c]?$", text[max(0, sp[0] - 20) : sp[0]]):
            continue
        if re.match(r"['\u2019]s\b|[ \t]+[A-Z][a-z]", text[sp[1] :]):
            continue
        # a country that is a first name too ("Jordan", "India") only after "in", "from", "via" ... ("on her
        # phone to 'Jordan'" is a person)
        if (word.lower() in lex.first or word.lower() in lex.wide_first) and not re.search(
            rf"(?i:(?<![\w])(?:{strong}))[ \t]+['\u2018\u201c]?$", text[max(0, sp[0] - 20) : sp[0]]
        ):
            continue
        spans.remove(sp)


def roles_and_labels(text: str, cfg: dict, spans: list, take) -> None:
    """'Claimant Fakea Fakeley, sanctioned', 'Postie on the round', 'Referrer: Mr F. Fake', 'Fakea
    Fakeley, blwyddyn 2': a role, a form's label or a school year's word found alone as a name, or at a
    found name's start or (in lower case) its end, names nobody; the rest stays found."""
    words = _words(cfg, "role_words")
    labels = _labels(cfg)
    if not words:
        return
    _alone(text, spans, labels, words)
    for sp in list(spans):
        if sp[2] not in labels:
            continue
        found = text[sp[0] : sp[1]]
        first = re.match(r"[^\s,:]+", found)
        last = re.search(r"[^\s,:]+$", found)
        for m, at_start in ((first, True), (last, False)):
            if not m or m.group().lower() not in words or sp not in spans:
                continue
            if not at_start and not m.group().islower():
                continue
            x, y = (sp[0] + m.end(), sp[1]) if at_start else (sp[0], sp[0] + m.start())
            x, y = _trim(text, x, y)
            if x < y:
                spans.remove(sp)
                spans.append((x, y, sp[2]))


def faith_words(text: str, cfg: dict, spans: list, take) -> None:
    """'Gurdwara langar volunteer', 'part of our sangat', 'the granthi asked': a word of a faith's
    place, practice or people, found alone as a name (or a span of such words only), names nobody."""
    _alone(text, spans, _labels(cfg), _words(cfg, "faith_words"))


def home_kin_words(text: str, cfg: dict, spans: list, take) -> None:
    """ "'Mammy's friend Big Fake'", 'her nain says', 'Grampa picks them up': an everyday word for a
    parent or a grandparent in English, Scots, Irish or Welsh use, found alone as a name, names nobody
    (a name right after it stays found: "Nana Fakeyaw" is its own span)."""
    _alone(text, spans, _labels(cfg), _words(cfg, "home_kin_words"))


def kinds_after_places(text: str, cfg: dict, spans: list, take) -> None:
    """'at the Fakeley Cross community centre', 'the Fakeley mosque food bank': lower-case words of a
    place's kind at a found place's end are no part of its name ("[place] community centre")."""
    kinds = _alt(as_list(_item(cfg).get("place_kinds")))
    if not kinds:
        return
    labels = _labels(cfg)
    for sp in list(spans):
        if sp[2] not in labels:
            continue
        found = text[sp[0] : sp[1]]
        m = re.search(rf"[ \t]+((?:(?:{kinds})[ \t]+)*(?:{kinds}))[.,;:]?$", found)
        if m and re.search(r"[A-Z]", found[: m.start()]) and m.group(1).islower():
            spans.remove(sp)
            x, y = _trim(text, sp[0], sp[0] + m.start())
            if x < y:
                spans.append((x, y, sp[2]))


def adverbs_are_no_places(text: str, cfg: dict, spans: list, take) -> None:
    """'her HbA1c is dangerously high', 'worryingly high': a lower-case place found whose first word is
    an adverb in "-ly" of the dictionary is no place's name."""
    zipf = float(_item(cfg).get("adverb_zipf") or 0)
    stem = float(_item(cfg).get("adverb_stem_zipf") or 0)
    place = _labels(cfg)[1]
    if not zipf:
        return
    for sp in list(spans):
        found = text[sp[0] : sp[1]]
        m = re.match(r"([a-z]+)ly[ \t]", found)
        if sp[2] == place and found.islower() and m and _zipf(m.group(1)) >= stem and _zipf(m.group(1) + "ly") >= zipf:
            spans.remove(sp)


def verbs_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """'a friend, Fakea, babysits', 'Fakeb breastfeeds but': a lower-case word at a capitalised found
    name's end that is a verb's form ("-s", "-es", "-ed") of a dictionary word is no part of the name."""
    zipf = float(_item(cfg).get("verb_stem_zipf") or 0)
    name = _labels(cfg)[0]
    lex = _lexicon()
    if not zipf:
        return
    for sp in list(spans):
        if sp[2] != name:
            continue
        found = text[sp[0] : sp[1]]
        m = re.search(r"[ \t,]+([a-z]+)$", found)
        if not m or not re.match(r"[A-Z]", found) or m.group(1) in lex.first or m.group(1) in lex.surnames:
            continue
        person = re.search(r"([A-Z][\w'\u2019-]*)[ \t,]*$", found[: m.start()] + " ")
        if person and _a_person(person.group(1), lex) and _a_verb(m.group(1), zipf):
            spans.remove(sp)
            x, y = _trim(text, sp[0], sp[0] + m.start())
            if x < y:
                spans.append((x, y, sp[2]))
    # found on its own right after a found capitalised name ("Fakea" + ", " + "babysits")
    for sp in list(spans):
        word = text[sp[0] : sp[1]]
        if sp[2] != name or not re.fullmatch(r"[a-z]+", word) or word in lex.first or word in lex.surnames:
            continue
        before = re.search(r"[A-Z][\w'\u2019-]*,?[ \t]+$", text[: sp[0]])
        if (
            before
            and _a_person(before.group().rstrip(", \t"), lex)
            and any(o[2] == name and o[1] == before.start() + len(before.group().rstrip(", \t")) for o in spans)
        ):
            if _a_verb(word, zipf):
                spans.remove(sp)


def _a_person(word: str, lex) -> bool:
    """A first name or a surname of the lists (a place's name before a plural noun is none: "Fakeside
    moorings")."""
    w = word.lower()
    return w in lex.first or w in lex.wide_first or w in lex.surnames


def _a_verb(word: str, zipf: float) -> bool:
    """A verb's form ("-s", "-es", "-ed") of a dictionary word this common ("babysits", "breastfeeds")."""
    stems = [word[:-1], word[:-2], word[:-2] + "e" if word.endswith("ed") else ""]
    return word.endswith(("s", "ed")) and any(s and _zipf(s) >= zipf for s in stems)


def letter_pairs(text: str, cfg: dict, spans: list, take) -> None:
    """'past the limit for a B and B. Fakea said', 'went to A and E. Fakeb': a letter after another
    letter and "and" is no initial of the name after it."""
    name = _labels(cfg)[0]
    for sp in list(spans):
        m = re.match(r"([A-Z])\.[ \t]+", text[sp[0] : sp[1]])
        if sp[2] == name and m and re.search(r"(?<![\w])[A-Z][ \t]+(?:and|&|n)[ \t]+$", text[: sp[0]]):
            spans.remove(sp)
            if sp[0] + m.end() < sp[1]:
                spans.append((sp[0] + m.end(), sp[1], sp[2]))


def languages_joined(text: str, cfg: dict, spans: list, take) -> None:
    """'told me in Tigrinya-English', 'a Polish-Lithuanian family': languages, nationalities or
    countries joined by a hyphen, found as a name, name nobody."""
    lex = _lexicon()
    labels = _labels(cfg)
    countries = _country_words(cfg)
    for sp in list(spans):
        found = text[sp[0] : sp[1]]
        parts = found.lower().split("-")
        if sp[2] in labels and len(parts) > 1 and all(p in lex.keep or p in countries for p in parts):
            spans.remove(sp)


def councils_with_their_titles(text: str, cfg: dict, spans: list, take) -> None:
    """'in the Royal Borough of Greenwich', 'London Borough of Fakeham' (a council of the list), 'Kent
    County Council': a council's name with its title names nobody, as the council's name alone does."""
    lex = _lexicon()
    titles = _alt(as_list(_item(cfg).get("council_titles_before")))
    after = _alt(as_list(_item(cfg).get("council_titles_after")))
    labels = _labels(cfg)
    if not (titles and after):
        return
    word = r"[A-Z][a-z]+(?:[ \t](?:and|upon|on|of)[ \t][A-Z][a-z]+|[ \t-][A-Z][a-z]+)?"
    for m in re.finditer(rf"(?<![\w])(?:(?:{titles})[ \t]+({word})|({word})[ \t]+(?:{after}))(?![\w])", text):
        council = (m.group(1) or m.group(2) or "").lower()
        if council and all(w in lex.councils for w in re.findall(r"[a-z]+", council)):
            _give_back(text, spans, m.start(), m.end(), labels)


FORMS = (  # the found first, then the kept: a kept word is given back whatever found it
    reference_shapes22,
    kids_in_lower_case,
    quoted_names_after_naming,
    initials_in_quotes,
    kept_words_in_names,
    dates_after_name_is,
    newborns_by_surname,
    couples_by_title,
    sayings_in_any_case,
    brands_and_organisations,
    countries_after_places,
    roles_and_labels,
    faith_words,
    home_kin_words,
    kinds_after_places,
    adverbs_are_no_places,
    verbs_after_names,
    letter_pairs,
    languages_joined,
    councils_with_their_titles,
)
LATE = FORMS  # all read what every pass found
_BOTH = ("personal_details_dev37.yml", "personal_details_dev38.yml")
DERIVED_FROM = {f.__name__: _BOTH for f in FORMS}
