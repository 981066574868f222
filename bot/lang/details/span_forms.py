"""Multi-word details read as whole spans (issue 20, session 14, S14-PL2): the shapes a detail of
several words takes that no one word shows. Run by bot/lang/details/later_passes.py after the
seventeenth pass; word lists in knowledge/language/personal_details.yml (pd_name `span_forms`).
Each form was written from one dev set's misses and is judged on the others (scripts/
pd_span_loso.py: each set is scored without the forms derived from it):

- named_homes (personal_details_dev20.yml): a home known by its name, a rural address ("Fakeley
  Cottage", "The Old Fakery Farm", "6 Fakefold Cottages"), and after any found address the
  comma-separated capitalised parts that follow it to the sentence's end ("..., Fen Drove, Fakeby
  Marsh.": lanes, hamlets and localities);
- everyday_surnames (personal_details_dev22.yml): a first name and a surname that is an everyday
  word ("Poppy Small (4)", "June White, 67", "Drs Long and Partners"), and such a family in the
  plural where a family stands ("the Greens next door", "the Whites' house");
- nicknames_and_initials (personal_details_dev19.yml): a first name and "boy" or "girl" as a
  nickname ("Jonny boy"), a first name and a surname's initial ("Destiny H,", "Shannon T's");
- trusts (personal_details_dev21.yml): "Trust" after a found school or academy's name ("Fakeley
  Vale Academy Trust").
"""

from __future__ import annotations

import re

from bot.lang.details import (
    span_forms17,
    span_forms18,
    span_forms19,
    span_forms20,
    span_forms21,
    span_forms22,
    span_forms23,
)
from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list

_CAP = r"[A-Z][a-z]+(?:['\u2019]s)?"
_END = r"(?=[ \t]*(?:[.;:!?)\n]|,|$))"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("span_forms") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_address", {}).get("label")


def _words(item: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(item.get(key)))


def _plain(word: str, item: dict) -> bool:
    """A capitalised word that may stand in a name or a place: no month, weekday, relation or
    practice word."""
    w = re.sub(r"['\u2019]s$", "", word).lower()
    return w not in _words(item, "not_in_span") and w not in _lexicon().keep


def named_homes(text: str, cfg: dict, spans: list, take) -> None:
    item, (_name, address) = _item(cfg), _labels(cfg)
    heads = _alt(as_list(item.get("home_heads")))
    if not (heads and address):
        return
    number = r"(?:\d{1,4}[a-z]?[ \t]+)?(?:The[ \t]+)?"
    rx = rf"(?<![\w'\u2019-]){number}((?:{_CAP}[ \t]+){{1,3}})(?:{heads})(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        if all(_plain(w, item) for w in m.group(1).split()):
            _grow(spans, m.start(), m.end(), address)
    # the parts after a found address, each a capitalised run to a comma, up to the sentence's end
    part = re.compile(rf",[ \t]+((?:{_CAP}[ \t]+){{0,2}}{_CAP}){_END}")
    for a, b, label in sorted(spans):
        if label != address:
            continue
        end = b
        while (m := part.match(text, end)) and all(_plain(w, item) for w in m.group(1).split()):
            end = m.end(1)
        if end > b:
            _grow(spans, a, end, address)


def everyday_surnames(text: str, cfg: dict, spans: list, take) -> None:
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    months = _words(item, "months_as_first_names")
    after = _alt(as_list(item.get("after_a_name")))
    ends = rf"(?=[ \t]*(?:[,.;:!?()]|\d|$|(?:{after})\b))"
    rx = rf"(?<![\w'\u2019-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+([A-Z][a-z]+){ends}"
    for m in re.finditer(rx, text):
        first, last = m.group(1).lower(), m.group(2).lower()
        if last not in lex.surnames or not _plain(m.group(2), item) and last not in _words(item, "kept_surnames"):
            continue
        if first in months or first in lex.first and _plain(m.group(1), item) or first in _words(item, "titles"):
            _grow(spans, m.start(1) if first not in _words(item, "titles") else m.start(2), m.end(2), name)
    fam = _alt(as_list(item.get("family_after")))
    for m in re.finditer(rf"(?<![\w'\u2019-])the[ \t]+([A-Z][a-z]+)s(?=['\u2019]|[ \t]+(?:{fam})\b)", text):
        w = m.group(1).lower()
        if w in lex.surnames and (_plain(m.group(1), item) or w in _words(item, "kept_surnames")):
            take(m.start(1), m.end(1) + 1, name)


def nicknames_and_initials(text: str, cfg: dict, spans: list, take) -> None:
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    after = _alt(as_list(item.get("after_a_name")))
    not_before = _words(item, "not_before_nickname")
    nick = _alt(as_list(item.get("nickname_heads")))
    rx = rf"(?<![\w'\u2019-])([A-Za-z][a-z]+)[ \t]+(?i:{nick})(?=[ \t]*(?:[,.;:!?()]|$|(?:{after})\b))"
    for m in re.finditer(rx, text):
        before = re.search(r"([\w'\u2019]+)[ \t]+$", text[: m.start()])
        if before and (before.group(1).lower() in not_before or before.group(1).lower().endswith(("'s", "\u2019s"))):
            continue
        found = any(a == m.start(1) and lab == name for a, _b, lab in spans)
        w = m.group(1).lower()  # a found name, or a first name that is no everyday word ("little girl")
        listed = w in lex.first | lex.wide_first and w not in lex.ordinary and _zipf(w) < 4.0
        if (found or listed) and _plain(m.group(1), item):
            _grow(spans, m.start(1), m.end(), name)
    rx = rf"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+([A-HJ-Z])(?=['\u2019]s\b|[ \t]*(?:[,.;:!?)]|(?:{after})\b))"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first) and _plain(m.group(1), item):
            _grow(spans, m.start(1), m.end(2), name)


def trusts(text: str, cfg: dict, spans: list, take) -> None:
    place = cfg.get("pd_place", {}).get("label")
    heads = _alt(as_list(_item(cfg).get("trust_after")))
    if not (place and heads):
        return
    for a, b, label in list(spans):
        if label == place and re.search(rf"(?i:{heads})$", text[a:b]):
            m = re.match(r"[ \t]+(?i:trust)(?![\w'\u2019-])", text[b:])
            if m:
                _grow(spans, a, b + m.end(), place)


def names_beside_found(text: str, cfg: dict, spans: list, take) -> None:
    """'dad (Will Fakeworth)', 'Mr Will Fakeworth', 'DS Karen Fakeley': a capitalised word on a
    first-name list right before a found name is its first name, even an everyday word or a
    modal ("Will"); a police rank right before a found name is part of it (session 15)."""
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    kept = {str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("kept_words_that_are_names"))}
    ranks = _alt(as_list(item.get("ranks_before_a_name")))
    for a, b, label in sorted(spans):
        if label != name or not text[a : a + 1].isupper():
            continue
        m = re.search(r"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+$", text[max(0, a - 30) : a])
        if m:
            w, start = m.group(1).lower(), max(0, a - 30) + m.start(1)
            if (w in lex.first or w in lex.wide_first) and (_plain(m.group(1), item) or w in kept):
                _grow(spans, start, b, name)
                a = start
        r = re.search(rf"(?<![\w'\u2019-])(?:{ranks})\.?[ \t]+$", text[max(0, a - 14) : a]) if ranks else None
        if r:
            _grow(spans, max(0, a - 14) + r.start(), b, name)


def possessive_first_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Sunny's answers', 'Will's charm': a capitalised first name that is also an everyday word,
    with a possessive before a lower-case word, is a name (an adjective or a modal takes no
    "'s"); not after "the" or "St" ("St Royal's"), nor a month, weekday or practice word."""
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    kept = {str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("kept_words_that_are_names"))}
    not_after = _words(item, "not_before_possessive_name")
    not_names = _words(item, "not_possessive_names")
    for m in re.finditer(r"(?<![\w'\u2019.-])([A-Z][a-z]+)(?=['\u2019]s[ \t]+[a-z])", text):
        w = m.group(1).lower()
        if w not in lex.ordinary or not (w in lex.first or w in lex.wide_first) or w in not_names:
            continue
        if re.match(r"['\u2019]s[ \t]+(?:the|a|an)\b", text[m.end() :]):
            continue  # "'s" as "is" before an article: "Sky's the limit"
        before = re.search(r"([\w.]+)[ \t]+$", text[: m.start()])
        if before and before.group(1).lower() in not_after:
            continue
        if _plain(m.group(1), item) or w in kept:
            take(m.start(), m.end(), name)


def first_names_after_relations(text: str, cfg: dict, spans: list, take) -> None:
    """'his mate Rich at a car wash', 'since Will moved out': a capitalised first name that is also
    an everyday word right after a relation word with a possessive ("his mate", "her brother") is
    a name; so is a modal that is a name ("Will") capitalised inside a sentence, after a
    lower-case word or a comma (the modal is capitalised only at a sentence's start)."""
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    pd_name = cfg.get("pd_name", {})
    rel = _alt(as_list(pd_name.get("relation_words")) + as_list(item.get("more_relations")))
    own = _alt(as_list(pd_name.get("possessive_before_relation")))
    kept = {str(w).lower() for w in as_list(pd_name.get("kept_words_that_are_names"))}
    if rel and own:
        rx = rf"(?<![\w'\u2019])(?i:{own})[ \t]+(?i:{rel})[ \t]+([A-Z][a-z]+)(?![\w'\u2019-])"
        for m in re.finditer(rx, text):
            w = m.group(1).lower()
            if (w in lex.first or w in lex.wide_first) and (_plain(m.group(1), item) or w in kept):
                take(m.start(1), m.end(1), name)
    modals = _alt(sorted(kept - _words(item, "not_in_span") - _words(item, "months_as_first_names")))
    if modals:
        for m in re.finditer(
            rf"(?<=[a-z,])[ \t]+((?:{modals.title()}))(?![\w-])(?![ \t]+(?i:you|he|she|we|they|i|it|there)\b)", text
        ):
            take(m.start(1), m.end(1), name)


def workplaces(text: str, cfg: dict, spans: list, take) -> None:
    """'works at Fakeley Cold Store', 'works for Fakeman's Removals', 'works at Fakeley Cash and
    Carry': the capitalised run right after a verb of work is the employer's name, one place
    (a chain's shop is given back by the sixteenth pass); not when every word is a practice word."""
    place = cfg.get("pd_place", {}).get("label")
    verbs = _alt(as_list(_item(cfg).get("work_before")))
    if not (place and verbs):
        return
    lex = _lexicon()
    word = r"[A-Z][A-Za-z]*(?:['\u2019]s)?(?:-[A-Z][a-z]+)?"
    rx = rf"(?<![\w'\u2019-])(?i:{verbs})[ \t]+({word}(?:[ \t]+(?:(?:and|&)[ \t]+)?{word})*)(?![\w'\u2019-])"
    chains = [str(w).lower() for w in as_list(_item(cfg).get("national_employers"))]
    chains += [str(w).lower() for w in as_list((cfg.get("pd_name", {}).get("sixteenth_pass") or {}).get("chain_shops"))]
    for m in re.finditer(rx, text):
        if any(re.match(rf"{re.escape(c)}(?![\w-])", m.group(1).lower()) for c in chains):
            continue  # a national chain or employer identifies nobody ("works nights at Amazon")
        words = [re.sub(r"['\u2019]s$", "", w).lower() for w in re.findall(r"[A-Za-z'\u2019-]+", m.group(1))]
        if all(w in lex.keep or w in lex.vocab or w in ("and",) for w in words):
            continue
        a, b = m.start(1), m.end(1)
        inside = [sp for sp in spans if sp[0] < b and a < sp[1]]
        a, b = min([a] + [sp[0] for sp in inside]), max([b] + [sp[1] for sp in inside])
        for sp in inside:
            spans.remove(sp)
        spans.append((a, b, place))


_DOTTED = re.compile(r"(?<![\w.])([A-Z]\.(?:[ \t]?-?[A-Z]\.?)+)(?![\w])")
_TWO = r"(?<![\w.'\u2019&/@#-])([A-Z]{2})(?![\w'\u2019&/@-])"


def initials_as_people(text: str, cfg: dict, spans: list, take) -> None:
    """'his mum KB', "mum's boyfriend DT", 'Mum (SS)', 'RT (dad)', 'RM (yr 9)', 'AB 9, CB 6',
    'only TK, the eldest', 'RT was charming': two capitals that are no practice acronym or
    English word, where a person stands, are initials (session 16); so is every other time the
    same two capitals stand alone in that message ("JB has missed"). Dotted initials grow over a
    shorter name found inside them ("R.M." where only "R" was taken)."""
    item, (name, _address) = _item(cfg), _labels(cfg)
    form = item.get("initials_as_people") or {}
    if not (name and form):
        return
    lex = _lexicon()
    pd_name = cfg.get("pd_name", {})
    listed = _words(form, "not_initials") | {str(w).lower() for w in as_list(pd_name.get("dotted_not_initials"))}

    def plain(w: str) -> bool:
        return w.lower() not in lex.keep and w.lower() not in lex.vocab

    rel = _alt(as_list(pd_name.get("relation_words")) + as_list(form.get("more_relations")))
    found: set = set()
    # in a person's slot: after a relation word ("mum KB", "Mum (SS)"), even an abbreviation
    # that is listed (social services, senior manager) is a person's initials there
    for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{rel})[ \t]+\(?{_TWO}\)?", text):
        if plain(m.group(1)):
            found.add(m.group(1))
    # before what only a person has: an age, a school year, a relation in brackets, a verb of a person
    after = _alt(as_list(form.get("person_after")))
    rx = (
        rf"{_TWO}(?=[ \t]+\d{{1,2}}\b(?![:./%\d])|[ \t]*\([ \t]*(?i:yr|year|y|age|aged|{rel})\b"
        rf"|,[ \t]+the[ \t]+(?:eldest|oldest|youngest|middle|baby)\b|[ \t]+(?:{after})\b)"
    )
    for m in re.finditer(rx, text):
        if plain(m.group(1)) and m.group(1).lower() not in listed:
            found.add(m.group(1))
    for m in re.finditer(_TWO, text):
        if m.group(1) in found:
            take(m.start(1), m.end(1), name)
    for m in _DOTTED.finditer(text):
        inside = [sp for sp in spans if m.start(1) <= sp[0] and sp[1] <= m.end(1) and sp[2] == name]
        if inside and not any(sp == (m.start(1), m.end(1), name) for sp in inside):
            _grow(spans, m.start(1), m.end(1), name)


def capital_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Kyle-James FOSTER (7)', "KAREN\nBLACKLEDGE, she's", 'Mum is DAWN FIRTH': in a message
    not typed in capitals, a word in capitals right after a found name (on the same line or the
    next) is its surname when it is on the surname list or no English word; two capitalised words
    in capitals, a first name and a surname from the lists, are a name (session 16)."""
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name or not _item(cfg).get("capital_names"):
        return
    letters = re.findall(r"[A-Za-z]", text)
    if not letters or sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return  # a message in capitals: the other passes read it
    lex = _lexicon()

    def surname(w: str) -> bool:
        w = w.lower()
        return w not in lex.keep and (w in lex.surnames or w not in lex.vocab and _zipf(w) < 3.5)

    caps = r"([A-Z]{2,}(?:['\u2019-][A-Z]{2,})?)(?![\w'\u2019-])"
    for a, b, label in sorted(spans):
        if label != name:
            continue
        m = re.match(rf"(?:[ \t]+|[ \t]*\n[ \t]*){caps}", text[b:])
        if m and surname(m.group(1)) and m.group(1).lower() not in _words(item, "not_in_span"):
            _grow(spans, a, b + m.end(), name)
    rx = rf"(?<![\w'\u2019-])([A-Z]{{2,}})[ \t]+{caps}"
    for m in re.finditer(rx, text):
        first = m.group(1).lower()
        if (
            (first in lex.first or first in lex.wide_first)
            and first not in lex.keep
            and _plain(m.group(1).title(), item)
            and surname(m.group(2))
        ):
            _grow(spans, m.start(), m.end(), name)


def dedications(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    place = cfg.get("pd_place", {}).get("label")
    heads = _alt(as_list(item.get("dedications")))
    if not (heads and place):
        return
    rx = rf"(?<![\w'\u2019-])(?i:{heads})(?:['\u2019]s)?(?:[ \t]+(?i:of|and))?[ \t]+"
    for m in re.finditer(rx, text):
        found = [sp for sp in spans if sp[2] == place and m.start() < sp[0] <= m.end()]
        if found:
            _grow(spans, m.start(), max(b for _a, b, _l in found), place)


FORMS = (
    (
        named_homes,
        everyday_surnames,
        nicknames_and_initials,
        trusts,
        names_beside_found,
        possessive_first_names,
        first_names_after_relations,
        workplaces,
        initials_as_people,
        capital_names,
        dedications,
    )
    + span_forms17.FORMS
    + span_forms18.FORMS
    + span_forms19.FORMS
    + span_forms20.FORMS
    + span_forms21.FORMS
    + span_forms22.FORMS
    + span_forms23.FORMS
)  # sessions 17 (S17-PL5), 18 (S18-PL6), 19 (S19-PL7), 20 (S20-PL8), 21 (S21-PL9) and 22 (S22-PL10)
# the dev set each form was written from (scripts/pd_span_loso.py scores that set without it)
DERIVED_FROM = {
    "named_homes": "personal_details_dev20.yml",
    "everyday_surnames": "personal_details_dev22.yml",
    "nicknames_and_initials": "personal_details_dev19.yml",
    "trusts": "personal_details_dev21.yml",
    "names_beside_found": "personal_details_dev24.yml",
    "possessive_first_names": "personal_details_dev24.yml",
    "first_names_after_relations": "personal_details_dev24.yml",
    "workplaces": ("personal_details_dev23.yml", "personal_details_dev24.yml"),
    # session 16 (S16-PL4)
    "initials_as_people": "personal_details_dev26.yml",
    "capital_names": "personal_details_dev26.yml",
    # session 16 (the lead)
    "dedications": "personal_details_dev27.yml",
    **span_forms17.DERIVED_FROM,  # session 17 (S17-PL5)
    **span_forms18.DERIVED_FROM,  # session 18 (S18-PL6)
    **span_forms19.DERIVED_FROM,  # session 19 (S19-PL7)
    **span_forms20.DERIVED_FROM,  # session 20 (S20-PL8)
    **span_forms21.DERIVED_FROM,  # session 21 (S21-PL9)
    **span_forms22.DERIVED_FROM,  # session 22 (S22-PL10)
    **span_forms23.DERIVED_FROM,  # session 23 (S23-PL11)
}

_LATE = (
    span_forms17.LATE
    + span_forms18.LATE
    + span_forms19.LATE
    + span_forms20.LATE
    + span_forms21.LATE
    + span_forms22.LATE
    + span_forms23.LATE
)


def forms(text: str, cfg: dict, spans: list, take) -> None:
    for form in FORMS:
        if form not in _LATE:
            form(text, cfg, spans, take)


def late_forms(text: str, cfg: dict, spans: list, take) -> None:
    """The forms that read what every pass found (span_forms17.LATE ... span_forms20.LATE), run by
    bot/lang/scrub.py last."""
    for form in FORMS:
        if form in _LATE:
            form(text, cfg, spans, take)
