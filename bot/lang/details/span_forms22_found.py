"""Span forms of session 22 (S22-PL10, issue 20) that find what the passes missed in personal_details_dev37
and dev38 (the kept ones, and the list of the session's forms, are in span_forms22.py; the classes are
described there). Word lists and shapes in knowledge/language/personal_details.yml (pd_name
span_forms.session22)."""

from __future__ import annotations

import importlib
import re
from functools import cache

from bot.lang.details.lexicon import _lexicon, _nationalities
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list, load_yaml


def _item(cfg: dict) -> dict:
    return (cfg.get("pd_name", {}).get("span_forms") or {}).get("session22") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_place", {}).get("label")


def _words(cfg: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(_item(cfg).get(key)))


_EDGE_L = r"(?<![\w-])(?<!\w['\u2019])"
_EDGE_R = r"(?![\w-]|['\u2019]\w)"
_POSS = r"(?:['\u2019]s)?"


@cache
def _countries(locale: str, extra: tuple) -> frozenset:
    try:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
    except ImportError:
        return frozenset(extra)
    return frozenset({str(c).lower() for c in provider.countries if " " not in str(c)} | set(extra))


def _country_words(cfg: dict) -> frozenset:
    item = _item(cfg)
    return _countries(str(item.get("countries_locale") or "en"), tuple(_words(cfg, "countries")))


def newborns_by_surname(text: str, cfg: dict, spans: list, take) -> None:
    """'Baby Boy Fakeley, hospital number ...', 'Baby Girl Fakeson': a hospital's name for a newborn,
    "Baby Boy" or "Baby Girl" capitalised before a found capitalised surname, is one name."""
    name = _labels(cfg)[0]
    for m in re.finditer(r"(?<![\w])Baby[ \t]+(?:Boy|Girl)[ \t]+(?=[A-Z])", text):
        found = [sp for sp in spans if sp[2] == name and m.start() <= sp[0] <= m.end() < sp[1]]
        if found:
            _grow(spans, m.start(), max(sp[1] for sp in found), name)


def couples_by_title(text: str, cfg: dict, spans: list, take) -> None:
    """'in foster care with Mr and Mrs Fakeley', 'Mr & Mrs Fake': two titles joined by "and" before a
    found surname are one name with it (the first title too)."""
    name = _labels(cfg)[0]
    titles = _alt(as_list(_item(cfg).get("couple_titles")))
    if not titles:
        return
    for m in re.finditer(rf"(?<![\w])(?:{titles})\.?[ \t]+(?:and|&)[ \t]+(?:{titles})\.?[ \t]+(?=[A-Z])", text):
        found = [sp for sp in spans if m.start() <= sp[0] <= m.end() < sp[1]]
        if found:
            _grow(spans, m.start(), max(sp[1] for sp in found), name)


# -- found --------------------------------------------------------------------------------------


def _peoples_words(cfg: dict) -> frozenset:
    """Countries, languages and nationalities (name_words.yml `languages`, `nationalities_from_countries`)."""
    words = load_yaml("name_words.yml")
    return _peoples(
        tuple(str(w).lower() for w in as_list(words.get("languages"))),
        repr(words.get("nationalities_from_countries")),
    ) | _country_words(cfg)


@cache
def _peoples(languages: tuple, _source: str) -> frozenset:
    source = load_yaml("name_words.yml").get("nationalities_from_countries")
    return frozenset(languages) | frozenset(_nationalities(source))


def kept_words_in_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Mali Fakeley, Ysgol ...', 'Mum, Shona Fakeley, has missed', 'Female, Fakea Moldovan, 26', 'The
    previous SW, Fakeb Munro, says': a capitalised word kept as a word (a country, a language, a
    nationality, a practice word) is a name's part right beside a found capitalised name: before it when
    it is a first name of the lists too, after a one-word found first name before a comma, a stop or a
    bracket."""
    name = _labels(cfg)[0]
    lex = _lexicon()
    not_before = _words(cfg, "kept_word_not_after")
    for sp in sorted(spans):
        if sp[2] != name or sp not in spans or not re.match(r"[A-Z][a-z]", text[sp[0] : sp[1]]):
            continue
        # before: "Mali Fakeley", "Shona Fakeley"
        m = re.search(r"(?<![\w'\u2019-])([A-Z][a-z]{2,})[ \t]+$", text[max(0, sp[0] - 30) : sp[0]])
        if m:
            word = m.group(1).lower()
            start = sp[0] - (len(text[max(0, sp[0] - 30) : sp[0]]) - m.start(1))
            prev = re.search(r"([A-Za-z]+)[ \t]*$", text[:start])
            named = word in lex.first or word in lex.wide_first or word in _country_words(cfg)
            if word in _peoples_words(cfg) and named and not (prev and prev.group(1).lower() in not_before):
                if not any(o[0] < sp[0] and start < o[1] for o in spans):
                    _grow(spans, start, sp[1], name)
                    continue
        # after: "Fakea Moldovan, 26", "Fakeb Munro, says"
        found = text[sp[0] : sp[1]]
        m = re.match(r"[ \t]+([A-Z][a-z]{2,})(?=[ \t]*[,.;)]|[ \t]*$)", text[sp[1] :])
        first = found.lower() in lex.first or found.lower() in lex.wide_first
        if re.fullmatch(r"[A-Z][a-z'\u2019-]+", found) and first and m:
            word = m.group(1).lower()
            if (word in lex.keep or word in lex.vocab) and word not in lex.first:
                end = sp[1] + m.end()
                if not any(o[0] < end and sp[1] < o[1] for o in spans if o != sp):
                    _grow(spans, sp[0], end, name)


def quoted_names_after_naming(text: str, cfg: dict, spans: list, take) -> None:
    """ "goes by 'Tiny' round the flats", "calling him 'Tiny' in my notes", "his cousin 'Fakenut'",
    "('call me Fake')": one or two capitalised words in quotes after a naming phrase or a relation, or
    a capitalised word after "call me", are a name; found again in the same quotes elsewhere."""
    name = _labels(cfg)[0]
    naming = _alt(as_list(_item(cfg).get("naming_before_quotes")))
    if not (name and naming):
        return
    q = "['\u2018\u201c\"]"
    qe = "['\u2019\u201d\"]"
    found: set = set()
    for m in re.finditer(rf"(?i:(?<![\w])(?:{naming}))[ \t]+{q}([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?){qe}(?![\w])", text):
        _grow(spans, m.start(1), m.end(1), name)
        found.add(m.group(1))
    for m in re.finditer(r"(?i:(?<![\w])call me)[ \t]+([A-Z][a-z]+)\b", text):
        _grow(spans, m.start(1), m.end(1), name)
    for word in found:
        for m in re.finditer(rf"{q}({re.escape(word)}){qe}", text):
            take(m.start(1), m.end(1), name)


def initials_in_quotes(text: str, cfg: dict, spans: list, take) -> None:
    """ "she signed for it as 'F. Fakeley'", '"J. Fakeley" on the form': a capital letter and a dot
    after an opening quote, right before a found capitalised name, is its initial."""
    name = _labels(cfg)[0]
    for sp in list(spans):
        if sp[2] != name or not text[sp[0]].isupper():
            continue
        m = re.search(r"(?:^|(?<=[\s(]))['\u2018\u201c\"]([A-Z])\.[ \t]?$", text[max(0, sp[0] - 6) : sp[0]])
        if m:
            start = sp[0] - (len(text[max(0, sp[0] - 6) : sp[0]]) - m.start(1))
            _grow(spans, start, sp[1], name)


def reference_shapes22(text: str, cfg: dict, spans: list, take) -> None:
    """ "Home Office ref is H1234567/8": a record's number by its shape (the list in personal_details.yml)."""
    label = cfg.get("pd_reference", {}).get("label")
    for shape in as_list(_item(cfg).get("reference_shapes")):
        for m in re.finditer(str(shape), text):
            _grow(spans, m.start(), m.end(), label)


def kids_in_lower_case(text: str, cfg: dict, spans: list, take) -> None:
    """'the kids fakea and fakeb, ...', 'fake fakeley, her fella ...': first names of the lists in lower
    case after a word for the children and joined by "and" (or commas), before a clause's end, are
    names; a lower-case first name right before a found lower-case name at the message's start is its
    first name."""
    name = _labels(cfg)[0]
    heads = _alt(as_list(_item(cfg).get("children_words")))
    lex = _lexicon()
    if not (name and heads):
        return
    w = r"[a-z][a-z'-]+"
    for m in re.finditer(
        rf"(?<![\w])(?:{heads})[ \t]+((?:{w},[ \t]*)*{w}[ \t]+(?:and|&|n)[ \t]+{w})(?=[ \t]*(?:[,.;:!?)]|$))", text
    ):
        names = re.findall(w, re.sub(r"[ \t](?:and|&|n)[ \t]", " ", m.group(1)))
        if all(n in lex.first and n not in lex.keep for n in names):
            for n in re.finditer(w, m.group(1)):
                if n.group() in names and n.group() not in ("and", "n"):
                    take(m.start(1) + n.start(), m.start(1) + n.end(), name)
    m = re.match(rf"[ \t]*({w})[ \t]+", text)
    adjectives = {str(a).lower() for a in as_list(cfg.get("pd_name", {}).get("relation_adjectives"))}
    first = m and (m.group(1) in lex.first or m.group(1) in lex.wide_first)
    if first and m.group(1) not in lex.keep and m.group(1) not in adjectives:
        if any(sp[2] == name and sp[0] == m.end() and text[sp[0] : sp[1]].islower() for sp in spans):
            _grow(spans, m.start(1), max(sp[1] for sp in spans if sp[0] == m.end()), name)


def dates_after_name_is(text: str, cfg: dict, spans: list, take) -> None:
    """'Fakea is 11/06/2014 and Fakeb 02-01-2016': a full date with its year after a found name and
    "is" or "was" is a date of birth."""
    name = _labels(cfg)[0]
    label = cfg.get("pd_date_of_birth", {}).get("label")
    if not (name and label):
        return
    for sp in list(spans):
        if sp[2] != name:
            continue
        m = re.match(r"[ \t]+(?:is|was)[ \t]+(\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d)(?![\w/.-]*\d)", text[sp[1] :])
        if m:
            take(sp[1] + m.start(1), sp[1] + m.end(1), label)
