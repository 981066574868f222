"""Span forms of session 19 (S19-PL7, issue 20): the over-scrubbing and misses personal_details_dev31
and dev32 showed, each judged leave-one-set-out (scripts/pd_span_loso.py --by-form;
span_forms.DERIVED_FROM). They read what every pass found and run last (span_forms.late_forms); word
lists in knowledge/language/personal_details.yml (pd_name span_forms.session19).

- sayings_and_characters: sayings, children's characters, foods and brands with a name's word in
  them ("Happy as Larry", "Good Samaritan", "Postman Pat", "Angel Delight"), matched in their case;
- named_conditions: a condition named after a person ("Marfan syndrome", "Scarlet fever");
- common_words_alone: a lower-case everyday word found alone as a name ("new case, ...", "for over
  a year", "surname Lawrence, teeth rotten");
- register_labels: the labels of a register or a court form ("Unauth 27", "First Respondent:");
- initials_before_names: a capital's initial with a dot before a found surname ("K. Fakeley");
- business_names: capitalised words before a kind of business ("Fakestar Cars", "Fakeview B&B");
- bare_house_numbers: "lives round the corner at 12a", a flat's number and letter alone.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.span_forms18 import _give_back
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return (cfg.get("pd_name", {}).get("span_forms") or {}).get("session19") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_place", {}).get("label")


_EDGE_L = r"(?<![\w-])(?<!\w['\u2019])"  # an opening quote may stand before ("'happy as Larry")
_EDGE_R = r"(?![\w-]|['\u2019]\w)"  # a closing quote may follow ("happy as Larry'")


def sayings_and_characters(text: str, cfg: dict, spans: list, take) -> None:
    """'Happy as Larry', 'a Good Samaritan neighbour', 'a Postman Pat video', 'Angel Delight': a
    saying, character, food or brand of the list, in the case it is written there, names nobody."""
    earlier = (cfg.get("pd_name", {}).get("span_forms") or {}).get("session18") or {}
    # session 18's sayings too: a span that runs past one ("the Premier Inn. They") is cut here
    sayings = _alt(as_list(_item(cfg).get("kept_sayings")) + as_list(earlier.get("kept_sayings")))
    if not sayings:
        return
    labels = _labels(cfg)
    lex = _lexicon()
    for m in re.finditer(rf"{_EDGE_L}(?:{sayings}){_EDGE_R}", text):
        _give_back(spans, m.start(), m.end(), labels)
        # a span across the saying ("Easter. The Virtual School", "Fireman Sam T-shirt") keeps only
        # the parts of it beside the saying that hold a capitalised word of no project list
        for sp in [sp for sp in spans if sp[2] in labels and sp[0] < m.end() and m.start() < sp[1]]:
            spans.remove(sp)
            for a, b in ((sp[0], m.start()), (m.end(), sp[1])):
                part = text[a:b]
                words = re.findall(r"[A-Z][a-z]{2,}", part)
                if any(w.lower() not in lex.keep and _zipf(w.lower()) < 4.0 for w in words):
                    a += len(part) - len(part.lstrip(" \t,.;:"))
                    b -= len(part) - len(part.rstrip(" \t,.;:"))
                    spans.append((a, b, sp[2]))


def named_conditions(text: str, cfg: dict, spans: list, take) -> None:
    """'Toddler with Marfan syndrome', 'Scarlet fever in a 4 year old': one or two capitalised
    words right before a condition's word ("syndrome", "disease", "palsy", "fever") name the
    condition; never a possessive before "fever" ("Fakeley's fever was high" is a child's)."""
    item = _item(cfg)
    heads = _alt(as_list(item.get("condition_words")))
    if not heads:
        return
    labels = _labels(cfg)
    cap = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    rx = rf"{_EDGE_L}({cap}(?:[ \t]+{cap})?)(['\u2019]s)?[ \t]+({heads}){_EDGE_R}"
    possessive_ok = frozenset(str(w) for w in as_list(item.get("condition_words_after_possessive")))
    for m in re.finditer(rx, text):
        if m.group(2) and m.group(3) not in possessive_ok:
            continue
        _give_back(spans, m.start(1), m.end(2) if m.group(2) else m.end(1), labels)


def _a_name(word: str) -> bool:
    """No word of the knowledge base (its practice language: "apple", "reign", "rocky" are names
    typed in lower case), or on a strong first-name list, a first name that is an everyday word
    ("will", "river"), or a surname ("young", "miller"): never given back by common_words_alone."""
    lex = _lexicon()
    return word not in lex.vocab or word in lex.first or word in lex.ordinary or word in lex.surnames


def common_words_alone(text: str, cfg: dict, spans: list, take) -> None:
    """'new case, Adunni ...', 'worried for over a year', 'surname Lawrence, teeth rotten': a
    lower-case word found alone as a name (no other name joined to it by a space), a word at
    least `alone_word_zipf` common, a word of the knowledge base and no name (_a_name: "will",
    "river", "reign" stay), is the everyday word."""
    name = _labels(cfg)[0]
    if not name:
        return
    common = float(_item(cfg).get("alone_word_zipf", 4.0))
    for sp in list(spans):
        a, b, label = sp
        word = text[a:b]
        if label != name or not re.fullmatch(r"[a-z]+", word) or _a_name(word):
            continue
        if _zipf(word) < common:
            continue
        joined = any(
            o is not sp and (re.fullmatch(r"[ \t]+", text[o[1] : a]) or re.fullmatch(r"[ \t]+", text[b : o[0]]))
            for o in spans
            if o[1] <= a or o[0] >= b
        )
        if not joined:
            spans.remove(sp)
    # such a word joined to a name by a comma inside one span ("case, Fake Fakeley", "Fakeley, teeth")
    for sp in list(spans):
        a, b, label = sp
        if label != name:
            continue
        head = re.match(r"([a-z]+),[ \t]+(?=[A-Z])", text[a:b])
        tail = re.search(r"(?<=[a-z]),[ \t]+([a-z]+)$", text[a:b])
        for m, cut in ((head, (a + (head.end() if head else 0), b)), (tail, (a, a + (tail.start() if tail else 0)))):
            word = m.group(1) if m else ""
            if m and not _a_name(word) and _zipf(word) >= common:
                spans.remove(sp)
                spans.append((cut[0], cut[1], label))
                break


def register_labels(text: str, cfg: dict, spans: list, take) -> None:
    """'Auth abs 9  Unauth 27  Att% 71.0', 'First Respondent: ...': a found name or place made only of
    a register's or a court form's labels is given back, whatever follows it."""
    words = frozenset(str(w).lower() for w in as_list(_item(cfg).get("register_labels")))
    labels = _labels(cfg)
    for sp in list(spans):
        if sp[2] in labels and all(w.lower() in words for w in re.findall(r"[A-Za-z]+", text[sp[0] : sp[1]])):
            spans.remove(sp)


def initials_before_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Child K. Fakeley, 5', "that's J. Fakeur": a capital letter and a dot right before a found
    capitalised name is its initial, unless a word that takes a letter stands before it ("block
    C. Kayla", "option A. Honestly")."""
    name = _labels(cfg)[0]
    letter_after = frozenset(str(w).lower() for w in as_list(_item(cfg).get("letter_after")))
    if not name:
        return
    for sp in list(spans):
        a, b, label = sp
        if label != name or not text[a].isupper():
            continue
        m = re.search(r"(?<![\w.'\u2019-])([A-Z])\.[ \t]?$", text[max(0, a - 4) : a])
        if not m:
            continue
        start = a - (len(text[max(0, a - 4) : a]) - m.start())
        before = re.search(r"([A-Za-z]+)[ \t]+$", text[:start])
        if before and before.group(1).lower() in letter_after:
            continue
        _grow(spans, start, b, name)


def business_names(text: str, cfg: dict, spans: list, take) -> None:
    """'a taxi firm, Fakestar Cars', "Fakel's Cash & Carry", 'the Fakeview B&B': one or two
    capitalised words (a possessive too) before a kind of business of the list are its name."""
    item = _item(cfg)
    heads = _alt(as_list(item.get("business_heads")))
    place = _labels(cfg)[1]
    if not (heads and place):
        return
    lex = _lexicon()
    cap = r"[A-Z][a-z]+(?:['\u2019]s)?"
    for m in re.finditer(rf"{_EDGE_L}((?:{cap}[ \t]+){{1,2}})(?:{heads}){_EDGE_R}", text):
        words = [re.sub(r"['\u2019]s$", "", w).lower() for w in m.group(1).split()]
        if any(w in lex.keep for w in words) or m.start() == 0:
            continue
        _grow(spans, m.start(), m.end(), place)


def bare_house_numbers(text: str, cfg: dict, spans: list, take) -> None:
    """'lives round the corner at 12a', 'I think at 14a.': a house number with a flat's letter
    after "at" and before the clause's end is an address; so is such a number and the capitalised
    name found right after it ("21b Fake Side")."""
    address = cfg.get("pd_address", {}).get("label")
    after = _alt(as_list(_item(cfg).get("number_after")))
    if not (address and after):
        return
    rx = rf"{_EDGE_L}(?i:{after})[ \t]+(\d{{1,3}}[a-h])(?=[ \t]*(?:[.,;:!?)\n]|$|[ \t]and[ \t]|[ \t]but[ \t]))"
    for m in re.finditer(rx, text):
        take(m.start(1), m.end(1), address)
    # and such a number right before a capitalised name found ("the Fakeiras, 21b Canal Side in ..."):
    # the name is the street's
    name = _labels(cfg)[0]
    letter_after = frozenset(str(w).lower() for w in as_list(_item(cfg).get("letter_after")))
    for m in re.finditer(r"(?<![\w/.:-])\d{1,3}[a-h][ \t]+(?=[A-Z])", text):
        found = [sp for sp in spans if sp[0] == m.end() and sp[2] in (name, address)]
        before = re.search(r"([A-Za-z]+)[ \t]+$", text[: m.start()])
        if found and not (before and before.group(1).lower() in letter_after):  # "class 3b Fakeley"
            _grow(spans, m.start(), found[0][1], address)


FORMS = (
    sayings_and_characters,
    named_conditions,
    common_words_alone,
    register_labels,
    initials_before_names,
    business_names,
    bare_house_numbers,
)
LATE = FORMS  # all read what every pass found
_BOTH = ("personal_details_dev31.yml", "personal_details_dev32.yml")
DERIVED_FROM = {
    "sayings_and_characters": _BOTH,
    "named_conditions": _BOTH,
    "common_words_alone": _BOTH,
    "register_labels": _BOTH,
    "initials_before_names": _BOTH,
    "business_names": _BOTH,
    "bare_house_numbers": _BOTH,
}
