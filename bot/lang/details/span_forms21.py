"""Span forms of session 21 (S21-PL9, issue 20): the over-scrubbing and misses personal_details_dev35
and dev36 showed, by class, each judged leave-one-set-out (scripts/pd_span_loso.py --by-form;
span_forms.DERIVED_FROM). They read what every pass found and run last (span_forms.late_forms); word
lists and shapes in knowledge/language/personal_details.yml (pd_name span_forms.session21).

Kept (over-scrubbing):
- brands_and_characters: foods, drinks, shops, hotel chains, companies, nursery-rhyme, fairy-tale and
  book characters, sayings and legal terms with a name's word in them ("Humpty Dumpty lunchbox",
  "a Travelodge room", "Assured Shorthold Tenancy"), in their case; a span running past one keeps
  only its parts with a capital;
- kin_words: a word for a relative in a family's own language ("periappa", "Ammi ji", "Babcia")
  found alone as a name;
- form_words: a form's or a record's abbreviation or label found alone as a name ("Yr 2", "Hosp no",
  "NINo", "MRN", "wristband says", "kids y3, rec"), a practice acronym in the plural ("RCPCs") and a
  range of weekdays ("Mon-Fri");
- conditions_and_medicines: a condition named after a person ("Hashimoto's", "Klinefelter") or a
  medicine or emollient off a label ("Dermol") found alone as a name;
- months_alone: a month with no day and no year ("born in September") is no date of birth;
- everyday_words_before_names: lower-case everyday words at a found name's start ("my lunchtime lady
  Pauline", "the poolside helper, Callum") are no part of it.
Found (misses):
- streets_with_the: a house number and "The" with a street's word ("6 The Green", "22 The Avenue"),
  or a capital "The" and one after "on", "at", "off" inside a sentence ("the house on The Green");
- street_kinds: a capitalised word and a street's kind the address pass does not list ("Station
  Approach"); a capitalised "Old", "New", "Upper" ... right before a found street ("Old Fake Lane");
- reference_shapes: a record's number by its shape: letters, digits and a check letter in parts
  ("UC-1234-5678-K", "26/0012345X", "26-12345-S", "2026-AB-12345", "ABC 12 345 678 Q"), a sort code
  and an account number ("00-00-00 / 12345678");
- surnames_in_capitals: a surname in capitals before a comma and a found first name, as a register
  lists a child ("FAKELEY, Fake"), and "BABY" before a found name in capitals (a wristband);
- word_names_beside_names: a council's or a weekday's word beside a found name ("Fake Kent",
  "sister, Sunday Fakeley"; not "on Sunday Fake came"), and after a police rank ("DS Kent");
- names_with_quoted_nicknames: a first name, a nickname in quotes and a surname are one name
  ("Fakey 'Big Fake' Fakeley"), and the nickname's words are names wherever they stand;
- first_names_with_an_initial: a first name of the lists and a surname's initial with its dot ("Faith
  A."), and the first name wherever it stands in the same case.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return (cfg.get("pd_name", {}).get("span_forms") or {}).get("session21") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_place", {}).get("label")


_EDGE_L = r"(?<![\w-])(?<!\w['\u2019])"
_EDGE_R = r"(?![\w-]|['\u2019]\w)"
_POSS = r"(?:['\u2019]s)?"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    part = text[a:b]
    return a + len(part) - len(part.lstrip(" \t,.;:'-")), b - (len(part) - len(part.rstrip(" \t,.;:'-")))


def _names_again(text: str, words, label: str, spans: list, take) -> None:
    """The words of a name found by a late form are names wherever else they stand, in the same case."""
    for word in words:
        if len(word) < 3:
            continue
        for m in re.finditer(r"(?<![\w'\u2019-])" + re.escape(word) + r"(?![\w-])", text):
            take(m.start(), m.end(), label)


# -- kept ---------------------------------------------------------------------------------------


def brands_and_characters(text: str, cfg: dict, spans: list, take) -> None:
    """'a Humpty Dumpty lunchbox', 'Hula Hoops', 'a Travelodge room', 'Assured Shorthold Tenancy': a
    brand, character, saying or legal term of the list, in its case, names nobody; a span running past
    it keeps only its parts with a capital letter ("Travelodge room" -> nothing)."""
    kept = _alt(as_list(_item(cfg).get("kept_brands")))
    if not kept:
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"{_EDGE_L}(?:{kept}){_POSS}{_EDGE_R}", text):
        # not inside a longer name ("Fakey Dumpty Day Care") nor a venue on its street ("the Travelodge on
        # Fake Road": the sets label it a place)
        if re.match(r"[ \t]+(?:(?:on|off|in|at)[ \t]+)?[A-Z]", text[m.end() :]):
            continue
        for sp in [sp for sp in spans if sp[2] in labels and sp[0] < m.end() and m.start() < sp[1]]:
            spans.remove(sp)
            for x, y in ((sp[0], m.start()), (m.end(), sp[1])):
                x, y = _trim(text, x, y)
                if x < y and re.search(r"[A-Z]", text[x:y]) and re.search(r"[A-Za-z]{2,}", text[x:y]):
                    spans.append((x, y, sp[2]))
        # a lower-case word found on its own right after it ("a Travelodge room") goes with it
        for sp in [sp for sp in spans if sp[2] in labels and re.fullmatch(r"[ \t]+", text[m.end() : sp[0]])]:
            if not re.search(r"[A-Z\d]", text[sp[0] : sp[1]]):
                spans.remove(sp)


def _alone(text: str, spans: list, labels: tuple, words: frozenset, also=None) -> None:
    for sp in list(spans):
        if sp[2] not in labels:
            continue
        word = re.sub(r"['\u2019]s$", "", text[sp[0] : sp[1]]).lower()
        if word in words or (also and also(text[sp[0] : sp[1]])):
            spans.remove(sp)


def kin_words(text: str, cfg: dict, spans: list, take) -> None:
    """'an old man they call periappa', 'who she calls Ammi ji', 'Babcia has them': a word for a
    relative in a family's own language, found alone as a name, names nobody."""
    words = frozenset(str(w).lower() for w in as_list(_item(cfg).get("kin_words")))
    labels = _labels(cfg)
    for sp in list(spans):
        word = text[sp[0] : sp[1]]
        if sp[2] not in labels or word.lower() not in words:
            continue
        # capitalised it may be a name ("I never asked to see Fakea alone"): only as what a child calls
        # someone or with an honorific ("who she calls Ammi ji")
        called = re.search(r"\bcall(?:s|ed)?[ \t]+(?:him|her|them|it)?[ \t]*$", text[max(0, sp[0] - 20) : sp[0]])
        honorific = re.match(r"[ \t]+(?:ji|jee|jaan|jan)\b", text[sp[1] :])
        if word.islower() or called or honorific:
            spans.remove(sp)


def form_words(text: str, cfg: dict, spans: list, take) -> None:
    """'(Yr 2)', 'Hosp no H4471902', 'NINo QQ ...', 'wristband says', 'kids kledi y3, ermal rec', 'Two
    RCPCs', 'works away Mon-Fri': a form's abbreviation or label found alone as a name (or at a found
    span's start), a practice acronym in the plural, a range of weekdays, name nobody."""
    item = _item(cfg)
    words = frozenset(str(w).lower() for w in as_list(item.get("form_words")))
    days = _alt(as_list(item.get("weekdays")))
    keep = _lexicon().keep
    labels = _labels(cfg)

    vocab = _lexicon().vocab

    def plural_or_days(word: str) -> bool:
        m = re.fullmatch(r"([A-Z]{2,6})s", word)
        if m and (m.group(1).lower() in keep or m.group(1) in vocab or m.group(1).lower() in vocab):
            return True
        return bool(days) and bool(re.fullmatch(rf"(?i:{days})[ \t]*[-\u2013/][ \t]*(?i:{days})", word))

    _alone(text, spans, labels, words, plural_or_days)
    # a label at a found span's start ("NINo QQ 41 ...", "ermal rec"): the rest stays found
    for sp in list(spans):
        if sp[2] not in labels:
            continue
        first = re.match(r"[^\s,]+", text[sp[0] : sp[1]])
        last = re.search(r"[^\s,]+$", text[sp[0] : sp[1]])
        for m, at_start in ((first, True), (last, False)):
            if not m or m.group().lower() not in words or sp not in spans:
                continue
            # at the end only in lower case: "Fakewood Rec" is a recreation ground's name
            if not at_start and not m.group().islower():
                continue
            x, y = (sp[0] + m.end(), sp[1]) if at_start else (sp[0], sp[0] + m.start())
            x, y = _trim(text, x, y)
            if x < y:
                spans.remove(sp)
                spans.append((x, y, sp[2]))


def conditions_and_medicines(text: str, cfg: dict, spans: list, take) -> None:
    """'mum has Hashimoto's', 'a dad with Klinefelter', 'Oilatum and Dermol': a condition named after a
    person or a medicine of the list, found alone as a name, names nobody (unless a record's number
    follows it)."""
    words = frozenset(str(w).lower() for w in as_list(_item(cfg).get("conditions_and_medicines")))
    labels = _labels(cfg)
    for sp in list(spans):
        word = re.sub(r"['\u2019]s$", "", text[sp[0] : sp[1]]).lower()
        if sp[2] in labels and word in words and not re.match(r"['\u2019]?s?[ \t:#]*\d", text[sp[1] :]):
            spans.remove(sp)


def months_alone(text: str, cfg: dict, spans: list, take) -> None:
    """'born at Fake General in September': a month with no day and no year after it tells nobody's
    date of birth (a month and a year does: "born March 2018")."""
    label = cfg.get("pd_date_of_birth", {}).get("label")
    months = _alt(as_list(_item(cfg).get("months")))
    if not (label and months):
        return
    for sp in list(spans):
        if sp[2] == label and re.fullmatch(rf"(?:in[ \t]+)?(?i:{months})\.?", text[sp[0] : sp[1]]):
            if not re.match(r"[ \t,]*(?:'?\d{2}\b|(?:19|20)\d\d)", text[sp[1] :]):
                spans.remove(sp)


def everyday_words_before_names(text: str, cfg: dict, spans: list, take) -> None:
    """'told my lunchtime lady Pauline', 'the poolside helper, Callum': lower-case words at a found
    name's start, before a capitalised word, the last of them an everyday word of no first-name list,
    are no part of the name."""
    zipf = float(_item(cfg).get("everyday_zipf") or 0)
    name = _labels(cfg)[0]
    if not zipf:
        return
    lex = _lexicon()

    def everyday(words: str) -> bool:
        last = re.findall(r"[a-z]+", words)[-1]
        return last not in lex.first and last not in lex.ordinary and _zipf(last) >= zipf

    for sp in sorted(spans):
        if sp[2] != name or sp not in spans:
            continue
        found = text[sp[0] : sp[1]]
        m = re.match(r"((?:[a-z]+[ \t]+|[a-z]+,[ \t]+)+)(?=[A-Z][\w'-])", found)
        if m and everyday(m.group(1)):
            spans.remove(sp)
            spans.append((sp[0] + m.end(), sp[1], sp[2]))
            continue
        # found on its own right before a found capitalised name ("lady" + "Pauline")
        if re.fullmatch(r"[a-z]+(?:[ \t]+[a-z]+)*", found) and everyday(found):
            nxt = re.match(r",?[ \t]+", text[sp[1] :])
            if nxt and any(o[2] == name and o[0] == sp[1] + nxt.end() and text[o[0]].isupper() for o in spans):
                spans.remove(sp)


# -- found --------------------------------------------------------------------------------------


def streets_with_the(text: str, cfg: dict, spans: list, take) -> None:
    """'no answer at 6 The Green', 'the house is 17 The Crescent', 'the house on The Green in ...': a
    house number, or "on"/"at"/"off" inside a sentence, then a capital "The" and a street's word is an
    address."""
    item = _item(cfg)
    address = cfg.get("pd_address", {}).get("label")
    words = _alt(as_list(item.get("the_street_words")))
    if not (address and words):
        return
    cues = "|".join(rf"(?<=\b{re.escape(str(c))}[ \t])" for c in as_list(item.get("the_street_cues")))
    lead = r"(?<![\w/.-])\d{1,4}[a-zA-Z]?[ \t]+" + (f"|{cues}" if cues else "")
    rx = rf"(?:{lead})The[ \t]+(?:{words})(?![\w-])"
    for m in re.finditer(rx, text):
        _grow(spans, m.start(), m.end(), address)


def street_kinds(text: str, cfg: dict, spans: list, take) -> None:
    """'staying at his mum's on Station Approach', '31 Fake Cottages, Old Fake Lane': a capitalised
    word and a street's kind the address pass does not list is a street; a capitalised "Old", "New",
    "Upper" ... right before a found street is part of it."""
    item = _item(cfg)
    address = cfg.get("pd_address", {}).get("label")
    kinds = _alt(as_list(item.get("street_kinds")))
    before = _alt(as_list(item.get("before_a_street")))
    if not address:
        return
    cues = "|".join(rf"(?<=\b{re.escape(str(c))}[ \t])" for c in as_list(item.get("street_kind_after")))
    if kinds and cues:
        rx = (
            rf"(?:{cues}|(?<![\w/.-])\d{{1,4}}[a-zA-Z]?[ \t]+)"
            rf"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+(?:{kinds})(?![\w-])"
        )
        for m in re.finditer(rx, text):
            _grow(spans, m.start(), m.end(), address)
    if before:
        for sp in sorted(spans):
            if sp[2] != address:
                continue
            m = re.search(rf"(?<![\w-])(?:{before})[ \t]+$", text[max(0, sp[0] - 12) : sp[0]])
            if m:
                _grow(spans, sp[0] - (len(text[max(0, sp[0] - 12) : sp[0]]) - m.start()), sp[1], address)


def reference_shapes(text: str, cfg: dict, spans: list, take) -> None:
    """'UC-7719-...-K', 'PNC 26/0012345X', 'occurrence 26-12345-S', '2026-AB-12345', 'ABC 12 345 678 Q',
    '00-00-00 / 12345678': a record's number by its shape (parts with a check letter, a year and
    letters, a sort code and an account)."""
    label = cfg.get("pd_reference", {}).get("label")
    shapes = as_list(_item(cfg).get("reference_shapes"))
    if not label:
        return
    for shape in shapes:
        for m in re.finditer(str(shape), text):
            _grow(spans, m.start(), m.end(), label)


def surnames_in_capitals(text: str, cfg: dict, spans: list, take) -> None:
    """'SZYMANSKI, Fake  Y4', 'KING, Mason on the school list': a word in capitals, a comma and a found
    first name, as a register lists a child, are one name; so are "BABY" and a found name in capitals
    on a wristband ("BABY FAKE  MRN ...")."""
    name = _labels(cfg)[0]
    keep, vocab = _lexicon().keep, _lexicon().vocab
    for sp in sorted(spans):
        if sp[2] != name:
            continue
        m = re.search(r"(?<![\w'-])([A-Z\u00c0-\u017d]{4,}(?:-[A-Z\u00c0-\u017d]+)*),[ \t]+$", text[: sp[0]])
        # (no practice acronym: "her CPN, Fakey")
        low = m.group(1).lower() if m else ""
        if m and low not in keep and low not in vocab and m.group(1) not in vocab and text[sp[0]].isupper():
            _grow(spans, m.start(1), sp[1], name)
            continue
        m = re.search(r"(?<![\w'-])BABY[ \t]+$", text[: sp[0]])
        if m and text[sp[0] : sp[1]].isupper():
            _grow(spans, m.start(), sp[1], name)
    # a first name of the lists and a rarer word, both in capitals ("FAKEY PICKLEY was seen")
    lex = _lexicon()
    zipf = float(_item(cfg).get("capital_surname_zipf") or 0)
    for m in re.finditer(r"(?<![\w'-])([A-Z]{3,})[ \t]+([A-Z]{3,}(?:-[A-Z]+)?)(?![\w'-])", text):
        first, last = m.group(1).lower(), m.group(2).lower()
        if zipf and first in lex.first and first not in keep and last not in keep and _zipf(last) < zipf:
            _grow(spans, m.start(), m.end(), name)
    for m in re.finditer(r"(?<![\w'-])BABY[ \t]+([A-Z]{2,})(?![\w'-])", text):
        if m.group(1).lower() not in keep and m.group(1) != "OF":
            _grow(spans, m.start(), m.end(1), name)


def word_names_beside_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Fake Kent, works away', 'I think it's Fake Kent': a council's name right after a found one-word
    first name is its surname; 'her sister, Sunday Fakeley, aged 6': a weekday right before a found
    name is its first name (not after "on", "last", "every" ...); 'present DS Kent (police)': a council's
    or a weekday's word after a police rank is a name."""
    item = _item(cfg)
    name = _labels(cfg)[0]
    lex = _lexicon()
    days = _alt(as_list(item.get("weekdays_full")))
    not_after = _alt(as_list(item.get("weekday_not_after")))
    ranks = _alt(as_list(item.get("ranks")))
    councils = lex.councils - {str(w).lower() for w in as_list(item.get("council_words_not_surnames"))}
    for sp in sorted(spans):
        if sp[2] != name or sp not in spans:
            continue
        found = text[sp[0] : sp[1]]
        m = re.match(r"[ \t]+([A-Z][a-z]+)(?![\w-])", text[sp[1] :])
        if m and " " not in found and found.lower() in lex.first and m.group(1).lower() in councils:
            _grow(spans, sp[0], sp[1] + m.end(), name)
            continue
        if days:
            m = re.search(rf"(?<![\w-])({days})[ \t]+$", text[: sp[0]])
            if m and text[sp[0]].isupper():
                lead = text[max(0, m.start() - 12) : m.start()]
                at_start = not text[: m.start()].strip() or re.search(r"[.!?\n]\s*$", text[: m.start()])
                if not at_start and not (not_after and re.search(rf"(?i:\b(?:{not_after}))[ \t]+$", lead)):
                    _grow(spans, m.start(1), sp[1], name)
    if ranks:
        for m in re.finditer(rf"(?<![\w-])(?:{ranks})[ \t]+([A-Z][a-z]+)(?![\w-])", text):
            # the rank with it: the sets label "DS Fake" as one name
            if m.group(1).lower() in councils or re.fullmatch(days or "(?!)", m.group(1)):
                _grow(spans, m.start(), m.end(1), name)


def names_with_quoted_nicknames(text: str, cfg: dict, spans: list, take) -> None:
    """ "father Fakey 'Big Fake' Fakeley": a found first name, a nickname in quotes and a found surname
    are one name; the nickname's words are names wherever else they stand ("Fake's debts")."""
    name = _labels(cfg)[0]
    rx = re.compile(r"[ \t]+(['\u2018\"\u201c])([A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2})['\u2019\"\u201d][ \t]+")
    added = set()
    for sp in sorted(spans):
        if sp[2] != name or sp not in spans:
            continue
        m = rx.match(text, sp[1])
        if not m:
            continue
        after = [o for o in spans if o[2] == name and o[0] == m.end()]
        if after:
            # the nickname inside its quotes ("[name] '[name]' [name]", as the earlier passes write one)
            _grow(spans, m.start(2), m.start(2) + len(m.group(2)), name)
            added.update(re.findall(r"[A-Z][\w-]+", m.group(2)))
    # (a nickname's word may be a label's elsewhere, "Tel": not before a number or a colon)
    for word in [w for w in added if _zipf(w.lower()) < 4.5 and len(w) >= 3]:
        for m in re.finditer(r"(?<![\w'\u2019-])" + re.escape(word) + r"(?![\w-])(?![ \t]*[:\d])", text):
            take(m.start(), m.end(), name)


def first_names_with_an_initial(text: str, cfg: dict, spans: list, take) -> None:
    """'Faith A. (Rec) disclosed': a capitalised first name of the lists and a surname's initial with
    its dot are one name, and the first name is a name wherever else it stands in that case."""
    name = _labels(cfg)[0]
    lex = _lexicon()
    for m in re.finditer(r"(?<![\w.-])([A-Z][a-z]{2,})[ \t]+[A-Z]\.(?=[ \t]*[(,;]|[ \t]+[a-z])", text):
        word = m.group(1)
        if word.lower() in lex.first and word.lower() not in lex.keep:
            _grow(spans, m.start(), m.end(), name)
            _names_again(text, [word], name, spans, take)


FORMS = (  # the found first, then the kept: a kept word is given back whatever found it
    streets_with_the,
    street_kinds,
    reference_shapes,
    surnames_in_capitals,
    word_names_beside_names,
    names_with_quoted_nicknames,
    first_names_with_an_initial,
    brands_and_characters,
    kin_words,
    form_words,
    conditions_and_medicines,
    months_alone,
    everyday_words_before_names,
)
LATE = FORMS  # all read what every pass found
_BOTH = ("personal_details_dev35.yml", "personal_details_dev36.yml")
DERIVED_FROM = {f.__name__: _BOTH for f in FORMS}
