"""The thirteenth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the twelfth): general forms for the kinds personal_details_dev15.yml showed missing. Word lists in
knowledge/language/personal_details.yml (pd_name `thirteenth_pass`):

- a first name before the surname Ward and a bare age is a person, not a hospital ward ("Fakey
  Ward 6 and Fakon Ward 4": the number stays, it is the age);
- a capitalised name-list word that opens a sentence and is said to be a relation ("Fakedawn is
  mum, 19");
- a capitalised word written with the letters of Vietnamese (Latin Extended Additional: "Hồng",
  "Nguyễn"), no other language's; and a Vietnamese middle name (Thi, Van) between two capitalised
  words makes the three one name ("Fakedo Thi Fakethu");
- a form word in capitals ("EDD", "DOB") is never a name, whatever list holds it in lower case;
- a hospital after the place words of a visit ("seen in A&E at Fakeen's");
- a faith school's name: capitalised words before a denomination and a school word ("Holy
  Fakely Catholic Primary"); an institution's name after "nursery," with "at" inside it
  ("Little Fakestars at Fakewood").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _words
from bot.lang.details.tenth_pass import _alt, _dictionary_word, _grow, _listed, _stop
from bot.lang.nlp import as_list


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("thirteenth_pass") or {}


def _labels(cfg: dict) -> tuple[str, str]:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_place", {}).get("label")


def _on_name_lists(w: str) -> bool:
    lex = _lexicon()
    return w in lex.first or w in lex.wide_first


def _plain(w: str) -> bool:
    """A word that is no part of a name: a practice or stop word, a title, relation, month or day."""
    lex = _lexicon()
    return (
        w in lex.keep
        or _stop(w, lex)
        or w in _words("pd_name", "titles")
        or w in _words("pd_name", "relation_words")
        or w in _words("pd_name", "bare_relation_words")
    )


def _kin_or_calendar(w: str) -> bool:
    return w in _lexicon().keep or any(
        w in _words("pd_name", key)
        for key in ("titles", "relation_words", "bare_relation_words", "month_words", "weekday_words")
    )


_CAP = r"[A-Z\u00c0-\u00de\u1e00-\u1efe][a-z\u00df-\u024f\u1e01-\u1eff'\u2019]+"
_NEXT = r"(?![\w'\u2019-])"


def first_names_before_ward_and_age(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    if not name:
        return
    after_place = _listed(_item(cfg), "ward_place_words")  # "on Rainbow Ward 6": the hospital's
    for m in re.finditer(rf"(?<![\w'\u2019-])({_CAP})[ \t]+Ward(?=[ \t]+\d{{1,2}}(?![\w:./]))", text):
        w = m.group(1).lower()
        before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, m.start() - 12) : m.start()])
        if before and before.group(1).lower() in after_place:
            continue
        if _on_name_lists(w) and w not in _lexicon().keep:
            _grow(spans, m.start(), m.end(), name)


def relations_named_first(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    rel = _words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words")
    if not name or not rel:
        return
    start = r"(?:^|(?<=[.!?\n])[ \t]*)"
    rx = rf"{start}({_CAP})[ \t]+(?:is|was)[ \t]+(?:(?:the|her|his|their)[ \t]+)?(?i:{_alt(rel)}){_NEXT}"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        # a word of the knowledge base too ("Amber", "Faith"): what it is said to be shows a person
        if _on_name_lists(w) and not _kin_or_calendar(w):
            take(m.start(1), m.end(1), name)


def vietnamese_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _labels(cfg)[0]
    if not name:
        return
    for m in re.finditer(rf"(?<![\w'\u2019-]){_CAP}", text):
        if re.search(r"[\u1e00-\u1eff]", m.group()) and not _plain(m.group().lower()):
            _grow(spans, m.start(), m.end(), name)
    middles = _alt(as_list(_item(cfg).get("middle_names")))
    if middles:
        for m in re.finditer(rf"(?<![\w'\u2019-]){_CAP}[ \t]+(?:{middles})[ \t]+{_CAP}{_NEXT}", text):
            _grow(spans, m.start(), m.end(), name)


def form_words_are_not_names(text: str, cfg: dict, spans: list, take) -> None:
    """ "EDD 9 Feb", "edd is 2 june": a form word in capitals, or in lower case before the date it
    heads, is no name whatever list holds it; nor is a lower-case dictionary word right before a
    kept phrase ("a silver corsa")."""
    name = _labels(cfg)[0]
    forms = _listed(cfg.get("pd_name", {}).get("twelfth_pass") or {}, "not_in_capitals")
    dates = {a for a, _b, lab in spans if lab == cfg.get("pd_date_of_birth", {}).get("label")}
    kept = _alt(as_list((cfg.get("pd_name", {}).get("twelfth_pass") or {}).get("kept_phrases")))
    for sp in list(spans):
        word = text[sp[0] : sp[1]]
        if sp[2] != name or len(word) < 2 or not (word.isupper() or word.islower()):
            continue
        if word.lower() in forms:
            gap = re.match(r"[ \t]*(?:(?:is|was|[:=-])[ \t]*)?", text[sp[1] :])
            if word.isupper() or sp[1] + gap.end() in dates:
                spans.remove(sp)
        elif word.islower() and kept and _dictionary_word(word) and re.match(rf"[ \t]+(?i:{kept})", text[sp[1] :]):
            spans.remove(sp)


def hospitals_after_visit_places(text: str, cfg: dict, spans: list, take) -> None:
    place = _labels(cfg)[1]
    lead = _alt(as_list(_item(cfg).get("hospital_lead")))
    if not place or not lead:
        return
    rx = rf"(?<![\w'\u2019-])(?i:{lead})[ \t]+(?:at|in)[ \t]+((?:{_CAP}[ \t]+){{0,2}}{_CAP}){_NEXT}"
    for m in re.finditer(rx, text):
        words = re.sub(r"['\u2019]s?$", "", m.group(1)).lower().split()
        if not any(_plain(re.sub(r"['\u2019]s?$", "", w)) for w in words):
            _grow(spans, m.start(1), m.end(1), place)


def faith_school_names(text: str, cfg: dict, spans: list, take) -> None:
    place = _labels(cfg)[1]
    item = _item(cfg)
    faiths, heads = _alt(as_list(item.get("denominations"))), _alt(as_list(item.get("school_heads")))
    if not place or not faiths or not heads:
        return
    not_first = _listed(item, "not_first_in_school")
    rx = rf"(?<![\w'\u2019-])((?:{_CAP}[ \t]+){{1,3}})(?:{faiths})[ \t]+(?:{heads}){_NEXT}"
    for m in re.finditer(rx, text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and words[0].group().lower() in not_first:
            words.pop(0)
        if words:
            _grow(spans, m.start(1) + words[0].start(), m.end(), place)


def institutions_named_with_at(text: str, cfg: dict, spans: list, take) -> None:
    place = _labels(cfg)[1]
    heads = _listed(cfg.get("pd_name", {}).get("tenth_pass") or {}, "institutions_before_a_name")
    joins = _alt(as_list(_item(cfg).get("name_joins")))
    if not place or not heads or not joins:
        return
    run = rf"(?:{_CAP}[ \t]+){{0,2}}{_CAP}"
    rx = rf"(?<![\w-])(?i:{_alt(heads)}),[ \t]+({run}[ \t]+(?:{joins})[ \t]+{run})(?=[ \t]*(?:[,.;:)\n]|$))"
    for m in re.finditer(rx, text):
        words = [w for w in m.group(1).lower().split() if w not in _listed(_item(cfg), "name_joins")]
        if not any(w in _words("pd_name", "weekday_words") or w in _words("pd_name", "month_words") for w in words):
            _grow(spans, m.start(1), m.end(1), place)


def names(text: str, cfg: dict, spans: list, take) -> None:
    first_names_before_ward_and_age(text, cfg, spans, take)
    relations_named_first(text, cfg, spans, take)
    vietnamese_names(text, cfg, spans, take)
    form_words_are_not_names(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    hospitals_after_visit_places(text, cfg, spans, take)
    faith_school_names(text, cfg, spans, take)
    institutions_named_with_at(text, cfg, spans, take)
