"""Names by what stands around them in short answers and in accounts (bot/lang/scrub.py), the
sixth pass of issue 20 (driven by personal_details_dev6.yml); word lists in
knowledge/language/personal_details.yml, pd_name:

- a name-list word, in any case, right before an age ("oldest is hunter, hes 11", "its sunny. 4
  months"): `age_after_name`;
- a name-list word first in a short answer before "i think" ("grace i think"), or last after
  "might be" ("might be gracie"): `answer_hedges`, `answer_alternatives`;
- a name-list word between a word that takes a person and where that person works or learns
  ("referral came from rose at the nursery", "this is for brook in reception"): `person_at`;
- a name-list word after a relation word with a possessive ("her friend autumn in"), and a
  name that is also a modal before a past tense ("her brother will got her ready");
- a name-list word before a comma and a relation ("lives with dusty, mums new partner");
- a word in quotes beside a found name ("Patricia 'Pat' Cordwell"), and after "or" following a
  nickname ("goes by 'Deeks' or D-Man");
- initials with full stops ("J.T.", "A.B-K."), and two consonants typed in lower case where a
  person stands ("jt and his brother rj");
- "baby"/"little" and a name-list word after a found name and "and" ("callum, skye and baby river");
- a capitalised name-list word right before a found name ("Thi Huong Nguyen");
- the second word after "his name is" when it is rare or a surname ("mason fairweather");
- a first name typed in lower case after a role and "is" at the end of a phrase ("dad is darren"),
  or in brackets after an age ("oldest is 12 (jordan)");
- a surname typed in capitals that English does not know ("FAKEWORTH, Kylie - mum"), or in
  capitals right before or after a found name and a comma.
Guarded by the detail-free messages and `keep` strings of the dev sets.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _alt, _lean, _lexicon, _words, _zipf
from bot.lang.details.person_slots import _not_a_person, widen


def _listed(w: str, lex) -> bool:
    return w in lex.first or w in lex.wide_first or w in lex.ordinary


def _free_person(w: str, lex) -> bool:
    """A name-list word that is no practice word, role or everyday function word."""
    return _listed(w, lex) and not _not_a_person(w, lex) and w not in _words("pd_name", "not_person_words")


def _name_label(cfg: dict):
    return cfg.get("pd_name", {}).get("label")


_DET = re.compile(
    r"(?:^|[\s(])(?:the|a|an|this|that|his|her|their|my|your|our|some|any|no|every|each|of|in|on)[ \t]+$", re.I
)


# after a subject pronoun the word is a verb ("they owe 2 months' rent"), not a name
_SUBJECT = re.compile(r"(?:^|[\s(])(?:they|we|i|you|he|she|who)[ \t]+$", re.I)


def before_an_age(text: str, cfg: dict, spans: list, take) -> None:
    """'oldest is hunter, hes 11', 'its sunny. 4 months', 'grace (6)': a name-list word with an
    age right after it."""
    label = _name_label(cfg)
    units = _alt(sorted(_words("pd_name", "age_units")))
    pron = _alt(sorted(_words("pd_name", "age_pronouns")))
    if not label or not units:
        return
    lex = _lexicon()
    rx = re.compile(
        rf"(?<![\w'\u2019-])([A-Za-z][a-z'\u2019-]+)[ \t]*[,.;:(-]?[ \t]*"
        rf"(?:(?:(?:{pron})[ \t]+\d{{1,2}}\b)|(?:\d{{1,2}}[ \t]*(?:{units})\b))",
        re.I,
    )
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if not _free_person(w, lex) or _DET.search(text[: m.start(1)]) or _SUBJECT.search(text[: m.start(1)]):
            continue
        if w in _words("pd_name", "month_words") or w in _words("pd_name", "age_not_before"):
            continue
        take(m.start(1), m.end(1), label)


def in_short_answers(text: str, cfg: dict, spans: list, take) -> None:
    """'grace i think, might be gracie': a name-list word first in an answer before a hedge, and
    a rarer name-list word last after "might be" or "or"."""
    label = _name_label(cfg)
    hedges = _alt(sorted(_words("pd_name", "answer_hedges")))
    alts = _alt(sorted(_words("pd_name", "answer_alternatives")))
    if not label:
        return
    lex = _lexicon()
    if hedges:
        m = re.match(rf"[ \t\"']*([A-Za-z][a-z'-]+)[ \t]*,?[ \t]+(?:{hedges})\b", text, re.I)
        if m and _free_person(m.group(1).lower(), lex):
            take(m.start(1), m.end(1), label)
    if alts:
        m = re.search(rf"(?<![\w'])(?:{alts})[ \t]+([A-Za-z][a-z'-]+)[ \t]*[.!?]*[ \t]*$", text, re.I)
        if m:
            w = m.group(1).lower()
            if _free_person(w, lex) and w not in lex.ordinary and _zipf(w) < 4.0:
                take(m.start(1), m.end(1), label)


def people_at_places(text: str, cfg: dict, spans: list, take) -> None:
    """'referral came from rose at the nursery', 'this is for brook in reception': a name-list
    word after a word that takes a person and before where that person works or learns."""
    label = _name_label(cfg)
    lead = _alt(sorted(_words("pd_name", "person_at_before")))
    tail = _alt(sorted(_words("pd_name", "person_at")))
    if not label or not lead or not tail:
        return
    lex = _lexicon()
    rx = rf"(?<![\w'])(?:{lead})[ \t]+([A-Za-z][a-z'-]+)[ \t]+(?:{tail})\b"
    for m in re.finditer(rx, text, re.I):
        if _free_person(m.group(1).lower(), lex):
            take(m.start(1), m.end(1), label)


def after_possessive_relations(text: str, cfg: dict, spans: list, take) -> None:
    """'her friend autumn in kestlebury', 'her brother will got her ready': a name-list word typed
    in lower case after a relation word with a possessive; a name that is also a modal ("will",
    "may") only before a past tense."""
    label = _name_label(cfg)
    rel = _alt(sorted(_words("pd_name", "relation_words")))
    own = _alt(sorted(_words("pd_name", "possessive_before_relation")))
    if not label or not rel or not own:
        return
    lex = _lexicon()
    kept = _words("pd_name", "kept_words_that_are_names")
    past = _alt(sorted(_words("pd_name", "past_tense_after_modal_name")))
    not_after = _words("pd_name", "not_after_relation")
    adj = r"(?:(?:new|ex|older|younger|little|big|best|eldest|oldest)[ \t]+)?"
    rx = rf"(?<![\w'])(?:{own})[ \t]+{adj}(?:{rel})[ \t]+([a-z][a-z'-]+)"
    for m in re.finditer(rx, text, re.I):
        w = m.group(1)
        if w in kept:
            if past and re.match(rf"[ \t]+(?:{past})\b", text[m.end(1) :], re.I):
                take(m.start(1), m.end(1), label)
            continue
        if w in not_after or not _free_person(w, lex) or _zipf(w) >= 5.5:
            continue
        take(m.start(1), m.end(1), label)


def before_a_relation(text: str, cfg: dict, spans: list, take) -> None:
    """'lives with dusty, mums new partner': a name-list word after "with", "and", "from" or "by"
    and before a comma and a relation word."""
    label = _name_label(cfg)
    rel = _alt(sorted(_words("pd_name", "relation_words")))
    own = _alt(sorted(_words("pd_name", "possessive_before_relation")))
    if not label or not rel:
        return
    lex = _lexicon()
    rx = (
        rf"(?<![\w'])(?:with|and|from|by|for|to)[ \t]+([A-Za-z][a-z'-]+)[ \t]*,[ \t]*"
        rf"(?:(?:{own})[ \t]+)?(?:(?:new|ex|old|current)[ \t]+)?(?:{rel})\b"
    )
    infinitive = _words("pd_name", "before_an_infinitive")
    for m in re.finditer(rx, text, re.I):
        before = re.search(r"([A-Za-z]+)[ \t]+to[ \t]+$", text[: m.start(1)], re.I)
        if before and before.group(1).lower() in infinitive:  # "too unwell to cook, dad works away"
            continue
        if _free_person(m.group(1).lower(), lex):
            take(m.start(1), m.end(1), label)


def quoted_and_alternative_names(text: str, cfg: dict, spans: list, take) -> None:
    """ "Patricia 'Pat' Cordwell": one word in quotes right after or before a found name; "goes
    by 'Deeks' or D-Man": a capitalised word after a found name and "or"."""
    label = _name_label(cfg)
    if not label:
        return
    lex = _lexicon()
    names = [(a, b) for a, b, lab in spans if lab == label]
    q = r"['\"\u2018\u2019\u201c\u201d]"
    for m in re.finditer(rf"(?<![\w]){q}([A-Za-z][\w-]*){q}(?![\w])", text):
        before = any(b < m.start() and re.fullmatch(r"[ \t]+", text[b : m.start()]) for _a, b in names)
        after = any(a > m.end() and re.fullmatch(r"[ \t]+", text[m.end() : a]) for a, _b in names)
        if (before or after) and m.group(1).lower() not in lex.keep:
            take(m.start(1), m.end(1), label)
    for _a, b in names:
        m = re.match(rf"{q}?[ \t]+or[ \t]+{q}?([A-Z][A-Za-z]*(?:-[A-Za-z]+)*)", text[b:])
        w = m.group(1).lower() if m else ""
        if m and w not in lex.keep and ("-" in w or _zipf(w) < 4.0):
            take(b + m.start(1), b + m.end(1), label)


_DOTTED = re.compile(r"(?<![\w.])([A-Z]\.(?:[ \t]?-?[A-Z]\.?)+)(?![\w])")


def initials_and_letters(text: str, cfg: dict, spans: list, take) -> None:
    """'J.T. is the eldest', "A.B-K. is the child's initials": capitals with full stops; 'jt and
    his brother rj': two consonants typed in lower case where a person stands."""
    label = _name_label(cfg)
    if not label:
        return
    lex = _lexicon()
    dotted_not = _words("pd_name", "dotted_not_initials")
    for m in _DOTTED.finditer(text):
        letters = re.sub(r"[^A-Za-z]", "", m.group(1)).lower()
        if letters in lex.keep or letters in dotted_not or m.group(1).lower().rstrip(".") in dotted_not:
            continue
        take(m.start(1), m.end(1), label)
    rel = _alt(sorted(_words("pd_name", "relation_words")))
    own = _alt(sorted(_words("pd_name", "possessive_before_relation")))
    pair = r"([b-df-hj-np-tv-z]{2})"

    pair_zipf = float(cfg.get("pd_name", {}).get("initials_pair_zipf", 3.5))

    def letters_ok(w: str) -> bool:
        # ("jj" is 3.6 on wordfreq's scale: two letters are read as initials only in a person's slot)
        return w not in lex.keep and w not in lex.vocab and w not in dotted_not and _zipf(w) < pair_zipf

    for m in re.finditer(rf"(?<![\w'])(?:{own})[ \t]+(?:{rel})[ \t]+{pair}(?![\w'])", text):
        if letters_ok(m.group(1)):
            take(m.start(1), m.end(1), label)
    start = r"(?:^|(?<=[.,;:!?\n]\s)|(?<=^\s))"
    for m in re.finditer(rf"{start}{pair}[ \t]+(?:and|&)[ \t]+(?:{own})[ \t]+(?:{rel})\b", text):
        if letters_ok(m.group(1)):
            take(m.start(1), m.end(1), label)
    roles = _alt(sorted(_words("pd_name", "apposition_roles")))
    if roles:  # "the eldest is tj", "the baby is rj."
        for m in re.finditer(rf"(?<![\w'])(?:{roles})[ \t]+(?:is|was)[ \t]+{pair}(?![\w'])", text, re.I):
            if letters_ok(m.group(1).lower()) and m.group(1).islower():
                take(m.start(1), m.end(1), label)


def babies_in_lists(text: str, cfg: dict, spans: list, take) -> None:
    """'the kids are callum, skye and baby river': "baby" or "little" and a name-list word after
    a found name and "and" or a comma."""
    label = _name_label(cfg)
    if not label:
        return
    lex = _lexicon()
    ends = {b for _a, b, lab in spans if lab == label}
    for m in re.finditer(r"([ \t]*(?:,|and|&|,[ \t]*and)[ \t]+)(?:baby|little|lil|big)[ \t]+([a-z][a-z'-]+)\b", text):
        if m.start() in ends and _free_person(m.group(2), lex):
            take(m.start(2), m.end(2), label)


def first_names_before_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Thi Huong Nguyen brought': a capitalised first-name-list word, no everyday word, right
    before a found name, at the start of a sentence too."""
    label = _name_label(cfg)
    if not label:
        return
    lex = _lexicon()
    for a, b, lab in list(spans):
        if lab != label:
            continue
        m = re.search(r"(?<![\w'-])([A-Z][a-z]+)[ \t]+$", text[:a])
        if not m:
            continue
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first) and w not in lex.ordinary and not _not_a_person(w, lex):
            if _zipf(w) < 4.0 and w not in lex.vocab:
                widen(spans, m.start(1), b, label)


def surnames_after_name_is(text: str, cfg: dict, spans: list, take) -> None:
    """'his name is mason fairweather': the word typed in lower case after a name found after "name
    is", when it is a surname or rare in English, before the end of a phrase."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    said = _alt(item.get("name_is"))
    if not label or not said:
        return
    lex = _lexicon()
    rare = float(item.get("before_name_zipf", 3.0))
    end = r"(?=[ \t]*(?:[,.;:!?)]|$|and\b))"
    for m in re.finditer(rf"\b(?:{said})[ \t]*([a-z][a-z'-]+)[ \t]+([a-z][a-z'-]+){end}", text, re.I):
        if not any(a <= m.start(1) and m.end(1) <= b and lab == label for a, b, lab in spans):
            continue
        w = m.group(2).lower()
        if _not_a_person(w, lex) or w in lex.vocab:
            continue
        if w in lex.surnames or _zipf(w) < rare:
            take(m.start(2), m.end(2), label)


def after_roles_and_ages(text: str, cfg: dict, spans: list, take) -> None:
    """'dads partner is darren.': a first-name-list word (no everyday word) typed in lower case after
    a role and "is" at the end of a phrase; 'oldest is 12 (jordan)': a name-list word alone in
    brackets after an age."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    roles = _alt(sorted(_words("pd_name", "role_words")))
    if not label:
        return
    lex = _lexicon()
    if roles:
        end = r"(?=[ \t]*(?:[,.;:)!?]|$|and\b|\())"
        rx = rf"(?<![\w'])(?:{roles})[ \t]+(?:is|was|'s)[ \t]+([a-z][a-z'-]+){end}"
        for m in re.finditer(rx, text, re.I):
            w = m.group(1)
            if w not in lex.first and not (w in lex.wide_first and _lean(w, lex) >= 1.0):
                continue  # "the baby is fed": a word of the wider lists only when it leans capitalised
            if w not in lex.ordinary and _zipf(w) < 4.0 and _free_person(w, lex):
                take(m.start(1), m.end(1), label)
    for m in re.finditer(r"(?<![\w.])\d{1,2}[ \t]*\([ \t]*([A-Za-z][a-z'-]+)[ \t]*\)", text):
        if _free_person(m.group(1).lower(), lex):
            take(m.start(1), m.end(1), label)


def surnames_in_capitals(text: str, cfg: dict, spans: list, take) -> None:
    """'FAKEWORTH, Kylie - mum': a word in capitals of six letters or more that English does not
    know (below `unknown_word_zipf`), no practice acronym; or one of three letters or more, no
    acronym the project keeps, right before a found name and a comma."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    if not label:
        return
    lex = _lexicon()
    rare = float(item.get("unknown_word_zipf", 1.0))
    starts = {a for a, _b, lab in spans if lab == label}
    for m in re.finditer(r"(?<![\w'-])([A-Z]{3,}(?:-[A-Z]{2,})?)(?![\w'-])", text):
        w = m.group(1).lower()
        if w in lex.keep or w in lex.vocab or not re.search(r"[aeiouy]", w):
            continue
        comma = re.match(r"[ \t]*,[ \t]*", text[m.end() :])
        before_name = comma and m.end() + comma.end() in starts
        if (len(w) >= 6 and _zipf(w) < rare) or (before_name and _zipf(w) < 4.0):
            take(m.start(1), m.end(1), label)
