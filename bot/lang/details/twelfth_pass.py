"""The twelfth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the eleventh): general forms for the kinds personal_details_dev14.yml showed missing. Word lists in
knowledge/language/personal_details.yml (pd_name `twelfth_pass`):

- names in capitals, the way forms and police or GP notes write them: an all-capitals word right
  after a found name ("Ayaan FAKEAH"), a word of the name lists inside a run of capitals and the
  capitals beside it ("CONCERN RE FAKEMA QUARNBY DOB"), one capitalised surname as a whole answer;
- a title and an initial right before a found name ("Dr A. Fakepong");
- a house number with a letter right before a found address ("5b fakeson walk"), and the words
  between a found address, a comma and a found postcode: the town ("..., fakeby hu5 4dg");
- a capitalised word before a found two-word address after a comma or bracket ("Fakeland Hill
  Estate"), and an estate word right after a found address;
- a hospital named by a place: capitalised words, none a practice word, one on no dictionary,
  before a hospital word ("at Cwm Fakeaf General");
- a capitalised word of the first-name lists, or rarer than `before_double_barrel_zipf`, right
  before a found double-barrelled name ("Jazz Fakeres-Morgan");
- a town found once, wherever else it stands capitalised, with an institution word after it;
- fixed phrases and brand names the other rules read as names ("King Charles spaniel", "Amazing
  Grace", "Sainsbury's") are kept, whatever was found inside them.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _words, _zipf
from bot.lang.details.tenth_pass import _alt, _councils, _dictionary_word, _grow, _listed, _stop
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("twelfth_pass") or {}


def _labels(cfg: dict) -> tuple[str, str, str, str]:
    return (
        cfg.get("pd_name", {}).get("label"),
        cfg.get("pd_place", {}).get("label"),
        cfg.get("pd_address", {}).get("label"),
        cfg.get("pd_postcode", {}).get("label"),
    )


def _plain(w: str, cfg: dict) -> bool:
    """A lower-case word that is no name: a practice word, acronym, title, stop word or one of
    `not_in_capitals` (record words such as "dob", "nhs")."""
    lex = _lexicon()
    return (
        w in lex.keep
        or _stop(w, lex)
        or w in _words("pd_name", "titles")
        or w in _words("pd_name", "relation_words")
        or w in _listed(_item(cfg), "not_in_capitals")
    )


def _listed_name(w: str) -> bool:
    lex = _lexicon()
    return w in lex.first or w in lex.surnames or w in lex.wide_first


def _name_in_capitals(w: str, cfg: dict, ceiling: float) -> bool:
    """A word typed in capitals that is a name: no practice or record word, on no dictionary,
    rarer than `ceiling`, and on a name list or with two vowels at least (not an acronym)."""
    if len(w) < 3 or _plain(w, cfg) or _dictionary_word(w) or _zipf(w) >= ceiling:
        return False
    return _listed_name(w) or len(re.findall(r"[aeiouy\u00e0-\u00ff]", w)) >= 2


_CAPS = r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'\u2019-]*[A-Z\u00c0-\u00de]"


def capitals_after_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    if not name:
        return
    for a, b, lab in sorted(spans):
        if lab != name:
            continue
        m = re.match(rf"[ \t]+({_CAPS})(?![\w'\u2019-])", text[b : b + 40])
        if not m:
            continue
        w = m.group(1).lower()
        if len(w) >= 3 and not _plain(w, cfg) and (_listed_name(w) or not _dictionary_word(w)):
            _grow(spans, a, b + m.end(), lab)


def names_in_runs_of_capitals(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    ceiling = float(_item(cfg).get("capitals_zipf", 0))
    if not name or not ceiling:
        return
    # a run of two words or more written in capitals
    for run in re.finditer(rf"(?<![\w'\u2019-]){_CAPS}(?:[ \t]+{_CAPS})+(?![\w'\u2019-])", text):
        words = [
            (m.start() + run.start(), m.end() + run.start(), m.group().lower())
            for m in re.finditer(r"\S+", run.group())
        ]
        for a, b, w in words:
            if _name_in_capitals(w, cfg, ceiling):
                take(a, b, name)


def one_surname_in_capitals(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    m = re.fullmatch(rf"[ \t]*({_CAPS})[ \t.!]*", text)
    ceiling = float(_item(cfg).get("capitals_zipf", 0))
    if name and m and _name_in_capitals(m.group(1).lower(), cfg, ceiling):
        take(m.start(1), m.end(1), name)


def titles_and_initials_before_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    titles = _alt(_words("pd_name", "titles"))
    if not name or not titles:
        return
    for a, b, lab in sorted(spans):
        if lab != name or not text[a : a + 1].isupper():
            continue
        before = text[max(0, a - 16) : a]
        # "Dr A. Fakepong": the initial alone is no name; the title and it are part of one
        m = re.search(rf"(?<![\w'\u2019-])(?i:{titles})\.?[ \t]+[A-Z]\.?[ \t]+$", before)
        if m:
            _grow(spans, max(0, a - 16) + m.start(), b, lab)


def numbers_and_towns_of_addresses(text: str, cfg: dict, spans: list, take) -> None:
    _name, place, address, postcode = _labels(cfg)
    if not place or not address:
        return
    lex = _lexicon()
    ordered = sorted(spans)
    for a, b, lab in ordered:
        if lab != address:
            continue
        m = re.search(r"(?<![\w/.,-])\d{1,4}[A-Za-z]?[ \t]+$", text[max(0, a - 8) : a])
        if m and re.match(r"[a-z]", text[a : a + 1]):  # "5b fakeson walk": the number of a lower-case street
            _grow(spans, max(0, a - 8) + m.start(), b, lab)
    for (_a1, b1, l1), (a2, _b2, l2) in zip(ordered, ordered[1:], strict=False):
        if l1 == address and l2 == postcode:
            m = re.fullmatch(
                r",[ \t]*((?:[A-Za-z][a-z'\u2019-]+[ \t]+){0,2}[A-Za-z][a-z'\u2019-]+)[ \t]*,?[ \t]*", text[b1:a2]
            )
            if not m:
                continue
            councils, profiles = _councils()  # a council's name there is the town ("..., Fakeby AB1 2CD")
            words = m.group(1).lower().split()
            if not any((w in lex.keep or _stop(w, lex)) and (w not in councils or w in profiles) for w in words):
                take(b1 + m.start(1), b1 + m.end(1), place)


def words_beside_addresses(text: str, cfg: dict, spans: list, take) -> None:
    _name, place, address, _postcode = _labels(cfg)
    item = _item(cfg)
    estates = _alt([str(w) for w in as_list(item.get("estate_words"))])  # capitalised only
    if not address:
        return
    lex = _lexicon()
    for a, b, lab in sorted(spans):
        if lab not in (address, place):
            continue
        if estates:
            m = re.match(rf"[ \t]+(?:{estates})(?![\w'\u2019-])", text[b : b + 16])
            if m:
                _grow(spans, a, b + m.end(), lab)
                b += m.end()
        if lab == address and re.fullmatch(r"[A-Z][a-z]+[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?", text[a:b]):
            m = re.search(r"(?:^|[,(][ \t]*)([A-Z][a-z]+)[ \t]+$", text[max(0, a - 24) : a])
            if m:
                w = m.group(1).lower()
                if w not in lex.not_place and w not in _words("pd_address", "not_street_name") and not _plain_person(w):
                    _grow(spans, max(0, a - 24) + m.start(1), b, lab)


def _plain_person(w: str) -> bool:
    return (
        w in _words("pd_name", "titles")
        or w in _words("pd_name", "relation_words")
        or w in _words("pd_name", "weekday_words") | _words("pd_name", "month_words")
    )


def hospitals_named_by_places(text: str, cfg: dict, spans: list, take) -> None:
    place = _labels(cfg)[1]
    heads = _alt([str(w) for w in as_list(_item(cfg).get("hospital_words"))])  # capitalised only
    if not place or not heads:
        return
    lex = _lexicon()
    cap = r"[A-Z][a-z\u00c0-\u024f'\u2019]+"
    for m in re.finditer(rf"(?<=[a-z,][ \t])((?:{cap}[ \t]+){{0,2}}{cap})[ \t]+(?:{heads})(?![\w'\u2019-])", text):
        words = m.group(1).lower().split()
        if any(w in lex.not_place or _plain_person(w) for w in words):
            continue
        # a place's name, not an office ("Attorney General"): a word on no dictionary, or a rare one
        if any(not _dictionary_word(w) or _zipf(w) < float(_item(cfg).get("hospital_place_zipf", 0)) for w in words):
            _grow(spans, m.start(1), m.end(), place)


def first_names_before_double_barrels(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    if not name:
        return
    lex = _lexicon()
    not_before = _listed(cfg.get("pd_name", {}), "not_before_surname")
    ceiling = float(_item(cfg).get("before_double_barrel_zipf", 0))
    for a, b, lab in sorted(spans):
        # "Jazz Fakeres-Morgan": a first-name list word, however common, before a double-barrelled name
        if lab != name or not re.fullmatch(r"[A-Z][a-z'\u2019]+-[A-Z][a-z'\u2019]+", text[a:b]):
            continue
        m = re.search(r"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+$", text[max(0, a - 20) : a])
        if m:
            w = m.group(1).lower()
            listed = w in lex.first or w in lex.wide_first
            if (listed or _zipf(w) < ceiling) and not _plain(w, cfg) and w not in not_before:
                _grow(spans, max(0, a - 20) + m.start(1), b, lab)


def places_found_again(text: str, cfg: dict, spans: list, take) -> None:
    """A town found once is a place wherever else it stands capitalised, with the institution word
    after it ("... Street, Fakeford. ... going to Fakeford College")."""
    place = _labels(cfg)[1]
    if not place:
        return
    lex = _lexicon()
    towns = {text[a:b] for a, b, lab in spans if lab == place and re.fullmatch(r"[A-Z][a-z]{3,}", text[a:b])}
    for town in towns:
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(town)}(?![\w'\u2019-])", text):
            nxt = re.match(r"[ \t]+([A-Z][a-z]+)(?![\w'\u2019-])", text[m.end() : m.end() + 20])
            head = nxt.group(1).lower() if nxt else ""
            institution = nxt and (head,) in lex.institutions.get(head, ())
            _grow(spans, m.start(), m.end() + nxt.end() if institution else m.end(), place)


def fixed_phrases_kept(text: str, cfg: dict, spans: list, take) -> None:
    phrases = _alt([str(w) for w in as_list(_item(cfg).get("kept_phrases"))])
    name, place, address, _postcode = _labels(cfg)
    if not phrases:
        return
    for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{phrases})(?![\w-])", text):
        for sp in list(spans):
            # only a span that lies inside the phrase, so that a name beside it stays found
            if sp[2] in (name, place, address) and m.start() <= sp[0] and sp[1] <= m.end():
                spans.remove(sp)


def names(text: str, cfg: dict, spans: list, take) -> None:
    one_surname_in_capitals(text, cfg, spans, take)
    names_in_runs_of_capitals(text, cfg, spans, take)
    capitals_after_names(text, cfg, spans, take)
    titles_and_initials_before_names(text, cfg, spans, take)
    first_names_before_double_barrels(text, cfg, spans, take)
    fixed_phrases_kept(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    numbers_and_towns_of_addresses(text, cfg, spans, take)
    words_beside_addresses(text, cfg, spans, take)
    hospitals_named_by_places(text, cfg, spans, take)
    places_found_again(text, cfg, spans, take)
    fixed_phrases_kept(text, cfg, spans, take)
