"""Names read from where they stand in the sentence (bot/lang/scrub.py): a word, even an everyday
word and in any case, is a person's name where the grammar wants a person, and a first name that
is also a word is a name only there. The slots (word lists in personal_details.yml, pd_name):

- the subject of what only a person does, at the start of a clause ("grace wont eat", "hunter
  said", "frank is mum's new bloke", "max is the middle one", "fox is 10"): `subject_verbs`;
- in apposition after a role ("the older one, hunter, is 11", "the dad, will mason, is"):
  `apposition_roles`;
- in a list of children with their ages ("kids: Sky 9, Summer 5, Frankie 3", "star (10), chase
  (7) and baby poppy (14 months)");
- a surname-list word after a found first name ("Dean white and", "jack young (dad)");
- a family named in the plural ("the bakers have 4 kids", "the smiths again"): `family_plural_after`;
- a nickname ("lil jay is 3", "big mike is mums ex"): `nickname_words`.
Guarded by the detail-free messages of the dev sets and the practice texts of tests/unit/test_language.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang import grammar
from bot.lang.details.lexicon import _alt, _config, _Lexicon, _lexicon, _tokens, _words, _zipf
from bot.lang.details.proper_names import _person_after
from bot.lang.nlp import as_list, on_reset

_AGE = r"(?:\(\s*\d{1,2}\s*(?:months?|mths?|yrs?|years?|yo)?\s*\)|\d{1,2}(?:\s*(?:months?|mths?|yrs?|yo|y/o))?)"
_LIST_ITEM = re.compile(rf"([A-Za-z][a-z'\u2019-]+)[ \t]+{_AGE}(?![\w:/%]|\.\d)")
_LIST_SEP = re.compile(r"[ \t]*(?:,|;|and|&|n|\+|,[ \t]*and)[ \t]*(?:(?:baby|little|lil)[ \t]+)?", re.I)


@lru_cache(maxsize=1)
def _subject_then() -> re.Pattern:
    words = sorted(_words("pd_name", "subject_verbs"), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words) or "(?!)"
    return re.compile(
        rf"[ \t]+(?:{alt})(?![\w])|[ \t]+is[ \t]+\d{{1,2}}\b(?![:./%]|[ \t]*(?:am|pm|%|mins?|minutes|hours))", re.I
    )


@lru_cache(maxsize=1)
def _name_subject_then() -> re.Pattern:
    words = sorted(_words("pd_name", "name_subject_verbs"), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words) or "(?!)"
    # "hope and faith, twins aged 3", "Amber, the middle child, has nits"
    roles = sorted(_words("pd_name", "comma_after_name"), key=len, reverse=True)
    listed = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in roles) or "(?!)"
    return re.compile(rf"(?:[ \t]+-)?[ \t]+(?:{alt})(?![\w])|[ \t]*,[ \t]*(?:{listed})\b", re.I)


on_reset(lambda: _subject_then.cache_clear())
on_reset(lambda: _name_subject_then.cache_clear())


def _not_a_person(w: str, lex: _Lexicon) -> bool:
    return (
        len(w) < 3
        or w in lex.keep
        or any(p in lex.keep and p not in lex.wide_first for p in w.split("-") if len(p) > 2)
        or w in _words("pd_name", "not_names")
        or w in _words("pd_name", "not_person_words")
        or w in _words("pd_name", "not_before_person")
    )


def _could_be_named(w: str, lex: _Lexicon, strong: bool) -> bool:
    """A word that may be a name in a person's slot: on a name list, or (in a strong slot) no
    word of the knowledge base and less common than `slot_word_zipf`."""
    if _not_a_person(w, lex) or "'" in w:
        return False
    if w in lex.first or w in lex.wide_first or w in lex.ordinary:
        return True
    if re.search(_config()["pd_name"].get("role_word_ending") or "(?!)", w):
        return False  # "dietitian says", "physio said": a role, not a name
    return strong and w not in lex.vocab and _zipf(w) < float(_config()["pd_name"].get("slot_word_zipf", 5.0))


def _clause_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u2018\u201c")
    if not before or before[-1] in ".!?:;,(\n-":
        return True
    return bool(
        re.search(
            r"(?:^|[\s,])(?:and|but|so|then|also|coz|cos|because|as|\d{1,2}|said|says|say|told me|reports?|"
            r"reported|thinks?|thought|that|if|when|whether|re)$",
            before,
            re.I,
        )
    )


def subjects_of_person_verbs(text: str, cfg: dict, spans: list, take) -> None:
    """A word at the start of a clause before what only a person does ("grace wont eat", "star
    has a rotten tooth", "will is drinking heavily", "fox is 10 sky is 4")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    then, after = _subject_then(), _person_after()
    kept_names = _words("pd_name", "kept_words_that_are_names")
    for tok in _tokens(text):
        w = tok.base
        if tok.code or tok.text.isupper() and len(w) > 1:
            continue
        if w in lex.keep and w not in kept_names:
            continue
        if not _clause_start(text, tok.start):
            continue
        listed = w in lex.first or w in lex.wide_first
        if not (then.match(text, tok.end) or after.match(text, tok.end)):
            if not (listed and _name_subject_then().match(text, tok.end)):
                continue
        if _could_be_named(w, lex, strong=True) or (w in kept_names and w not in _words("pd_name", "not_person_words")):
            take(tok.start, tok.end, label)


def objects_of_person_verbs(text: str, cfg: dict, spans: list, take) -> None:
    """A word on a first-name list, and no everyday word, after what is done only to a person
    and before where they went ("took thao to the gp", "mum smacked kacper", "dropped wei off at
    nursery"): object_verbs and object_then in personal_details.yml, pd_name (issue 20)."""
    name = cfg.get("pd_name", {})
    verbs, then = as_list(name.get("object_verbs")), as_list(name.get("object_then"))
    if not verbs or not then:
        return
    lex = _lexicon()
    rx = re.compile(
        rf"(?<![\w'])(?:{_alt(verbs)})[ \t]+([a-z][a-z\u00e0-\u024f'\u2019-]*)"
        rf"(?=[ \t]*(?:[,.;!?)]|$|(?:{_alt(then)})\b))",
        re.I,
    )
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if w in lex.ordinary or _not_a_person(w, lex) or w in lex.vocab:
            continue
        if (w in lex.first and _zipf(w) < 4.5) or (w in lex.wide_first and _zipf(w) < 3.5):
            take(m.start(1), m.end(1), name.get("label"))


def in_apposition(text: str, cfg: dict, spans: list, take) -> None:
    """One or two words between commas after a role ("the older one, hunter, is 11", "the dad,
    will mason, is the main carer")."""
    label = cfg.get("pd_name", {}).get("label")
    roles = _alt(sorted(_words("pd_name", "apposition_roles")))
    if not roles:
        return
    lex = _lexicon()
    rx = re.compile(rf"(?<![\w'])(?:{roles}),[ \t]+([a-z][\w'\u2019-]*)(?:[ \t]+([a-z][\w'\u2019-]*))?[ \t]*,", re.I)
    nick = _words("pd_name", "nickname_part_words")
    for m in rx.finditer(text):
        words = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
        kept = _words("pd_name", "kept_words_that_are_names")
        # a nickname word before the name goes with it ("dad, big paddy, is away")
        named = words[1:] if len(words) == 2 and words[0].lower() in nick else words
        if all(_could_be_named(x.lower(), lex, strong=True) or x.lower() in kept for x in named):
            widen(spans, m.start(1), m.end(len(words)), label)


def listed_children(text: str, cfg: dict, spans: list, take) -> None:
    """Two words or more each with an age, in a list ("Sky 9, Summer 5, Frankie 3", "star (10),
    chase (7) and baby poppy (14 months)"): each is a name when one of them is on a name list."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    groups: list[list] = []
    last_end = None
    for m in _LIST_ITEM.finditer(text):
        if groups and last_end is not None and _LIST_SEP.fullmatch(text[last_end : m.start(1)]):
            groups[-1].append(m)
        else:
            groups.append([m])
        last_end = m.end()
    for group in groups:
        if len(group) < 2:
            continue
        words = [g.group(1).lower() for g in group]
        if not any(w in lex.first or w in lex.wide_first for w in words):
            continue
        for g, w in zip(group, words, strict=True):
            if _could_be_named(w, lex, strong=True):
                take(g.start(1), g.end(1), label)


def surnames_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """A surname-list word typed in lower case right after a found name, before the end of the
    phrase ("Dean white and", "jack young (dad)", "chloe fisher 4")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    ends = [b for a, b, lab in spans if lab == label]
    rx = re.compile(r"[ \t]+([a-z][a-z'\u2019-]+)(?=[ \t]*(?:[,.;:)(]|$|\d|\b(?:and|is|was|said|has|&)\b))")
    for b in ends:
        m = rx.match(text, b)
        if not m:
            continue
        parts = m.group(1).split("-")
        if all(p in lex.surnames or p in lex.first for p in parts) and not any(
            p in _words("pd_name", "not_names") for p in parts
        ):
            take(m.start(1), m.end(1), label)


def families_in_the_plural(text: str, cfg: dict, spans: list, take) -> None:
    """'the bakers have 4 kids', 'the walkers and the taylors are related', 'its the smiths
    again': a surname-list word in the plural after 'the', before what a family does."""
    label = cfg.get("pd_name", {}).get("label")
    after = _alt(sorted(_words("pd_name", "family_plural_after")))
    if not after:
        return
    lex = _lexicon()
    weak = _alt(sorted(_words("pd_name", "family_plural_after_if_rare")))
    rare = float(cfg.get("pd_name", {}).get("family_plural_zipf", 3.0))
    rx = re.compile(
        rf"(?<![\w'])the[ \t]+([a-z]+)s(?:(?=[ \t]+(?:{after})\b)|(?=[ \t]+(?:{weak})\b|[ \t]*[.,;]|$))", re.I
    )
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if w not in lex.surnames or w in lex.keep or w in lex.vocab | grammar.words("time_words"):
            continue
        # before "at", "in", "on" or the end ("in the woods"), only a plural English hardly writes
        if re.match(rf"[ \t]+(?:{after})\b", text[m.end() :], re.I) or _zipf(w + "s") < rare:
            take(m.start(1), m.end(0), label)


def nicknames(text: str, cfg: dict, spans: list, take) -> None:
    """'lil jay is 3', 'big mike is mums ex': a nickname word and a name before what a person does."""
    label = cfg.get("pd_name", {}).get("label")
    nick = _alt(sorted(_words("pd_name", "nickname_words")))
    if not nick:
        return
    lex = _lexicon()
    then, after = _subject_then(), _person_after()
    for m in re.finditer(rf"(?<![\w'])(?:{nick})[ \t]+([a-z][a-z'-]+)", text, re.I):
        w = m.group(1).lower()
        if _not_a_person(w, lex) or w in lex.vocab and w not in lex.first:
            continue
        if (w in lex.first or w in lex.wide_first) and (then.match(text, m.end()) or after.match(text, m.end())):
            widen(spans, m.start(), m.end(1), label)


def widen(spans: list, a: int, b: int, label: str) -> None:
    """Take a..b as a name, swallowing the names already found inside it ("lil [jay]"); not
    when it crosses a detail of another kind."""
    inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
    crossing = [sp for sp in spans if sp[0] < b and a < sp[1] and sp not in inside]
    if crossing or any(sp[2] != label for sp in inside):
        return
    for sp in inside:
        spans.remove(sp)
    spans.append((a, b, label))


def after_bare_relations(text: str, cfg: dict, spans: list, take) -> None:
    """A name-list word right after a bare relation word: capitalised ("nanna Pearl", "uncle
    Frank"), or in lower case before what a person does or the end of a phrase ("nanna sue
    does the tea", "'uncle frank'")."""
    label = cfg.get("pd_name", {}).get("label")
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    if not rel:
        return
    lex = _lexicon()
    then, after = _subject_then(), _person_after()
    for m in re.finditer(rf"(?<![\w])(?:{_alt(rel)})[ \t]+([A-Za-z][a-z]+)(?![\w-])(?!['\u2019]\w)", text, re.I):
        word = m.group(1)
        w = word.lower()
        kept_name = word[0].isupper() and w in _words("pd_name", "kept_words_that_are_names")
        if (_not_a_person(w, lex) and not kept_name) or not (w in lex.first or w in lex.wide_first):
            continue
        if word[0].isupper() and not word.isupper():
            take(m.start(1), m.end(1), label)
        elif (
            then.match(text, m.end(1))
            or after.match(text, m.end(1))
            or re.match(r"['\u2019\")]|[ \t]*[,.;]|$|[ \t]+(?:and|&)[ \t]", text[m.end(1) :])
        ):
            take(m.start(1), m.end(1), label)


_INITIALS = re.compile(
    r"(?<![\w.])([A-Z]{2}|[A-Z]\.[ \t]?[A-Z]\.?)(?=[ \t]*\([ \t]*\d{1,2}[ \t]*\)|,[ \t]*\d{1,2}\b(?![:./%]))"
)


def initials(text: str, cfg: dict, spans: list, take) -> None:
    """Initials with an age after them ("JB (9)", "R.T., 4"), no practice acronym."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    for m in _INITIALS.finditer(text):
        if re.sub(r"[ .]", "", m.group(1)).lower() not in lex.keep:
            take(m.start(1), m.end(1), label)


def families_by_name(text: str, cfg: dict, spans: list, take) -> None:
    """'the hill family', 'the youngs at': a name-list word before 'family', or a surname in the
    plural that English hardly writes (`family_plural_zipf`), after 'the'."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    rare = float(cfg.get("pd_name", {}).get("family_plural_zipf", 3.0))
    for m in re.finditer(r"(?<![\w'])the[ \t]+([a-z]+)(?:[ \t]+(famil(?:y|ies))\b|(s)\b)", text, re.I):
        w = m.group(1).lower()
        if _not_a_person(w, lex) or w in lex.not_place:
            continue
        if m.group(2) and (w in lex.ordinary or (w in lex.surnames and w not in lex.vocab and _zipf(w) < 4.5)):
            take(m.start(1), m.end(1), label)
        elif m.group(3) and w in lex.surnames and _zipf(w + "s") < rare:
            take(m.start(1), m.end(3), label)


def whose_short_names(text: str, cfg: dict, spans: list, take) -> None:
    """A short word that is no English word before "'s" and what only a person has ("tj's
    speech") or a lower-case 'o'-surname ("o'neill")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    whose = _alt(sorted(_words("pd_name", "whose_words")))
    for m in re.finditer(rf"(?<![\w'])([a-z]{{2,3}})['\u2019]s[ \t]+(?:{whose})\b", text, re.I):
        w = m.group(1).lower()
        known = w in lex.keep or w in lex.vocab or _zipf(w) >= 4.0
        if not known and w not in _words("pd_name", "not_names") and w not in _words("pd_name", "not_person_words"):
            take(m.start(1), m.end(1), label)
    for m in re.finditer(r"(?<![\w'])(?:o['\u2019]([a-z]{3,})|[dD]['\u2019]([a-zA-Z]{4,}))\b", text):
        if m.group(1) not in ("clock",):
            take(m.start(), m.end(), label)


def next_to_names(text: str, cfg: dict, spans: list, take) -> None:
    """A name-list word (also an everyday word) joined by "and" to a name found, or in lower case
    right before one ("faith and river", "baby storm o'neill")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    kept = _words("pd_name", "kept_words_that_are_names")
    for _ in range(2):  # a list of three: "X, Y and Z"
        names = [(a, b) for a, b, lab in spans if lab == label]
        for tok in _tokens(text):
            w = tok.base
            if tok.code or _not_a_person(w, lex) and w not in kept or not (w in lex.first or w in lex.wide_first):
                continue
            if tok.text.isupper() and len(w) > 1:
                continue
            before = re.search(r"(?:[ \t]*,)?[ \t]+(?:and|&)[ \t]+$|[ \t]*,[ \t]*$", text[: tok.start])
            after = re.match(r"[ \t]+(?:and|&)[ \t]+", text[tok.end :])  # not ", and": a new clause
            listed = re.match(r"[ \t]*,[ \t]+", text[tok.end :])  # "Summer, Jack and Ivy"
            joined = (
                (before and any(b == before.start() for _a, b in names))
                or (after and any(a == tok.end + after.end() for a, _b in names))
                or (
                    listed
                    and any(
                        a == tok.end + listed.end() and re.match(r"[ \t]*(?:,|and\b|&)", text[b:]) for a, b in names
                    )
                )
            )
            right_before = tok.text.islower() and any(a == tok.end + 1 and text[tok.end] == " " for a, _b in names)
            if joined and not (before and before.group(0).strip() == "," and not (after or listed)):
                take(tok.start, tok.end, label)
            elif right_before and w not in lex.keep:
                take(tok.start, tok.end, label)


def places_by_their_words(text: str, cfg: dict, spans: list, take) -> None:
    """'at st josephs' (a saint's name in lower case), and capitalised words in brackets right
    after an institution word ("nursery (Tiny Steps, Pelford)")."""
    place = cfg.get("pd_place", {}).get("label")
    lex = _lexicon()
    for m in re.finditer(r"(?<![\w'])st\.?[ \t]+([a-z]+?)(?:['\u2019]?s)?\b", text):
        if m.group(1) in lex.first and m.group(1) not in lex.keep:
            take(m.start(), m.end(), place)
    heads = _alt(sorted({" ".join(p) for ps in lex.institutions.values() for p in ps}))
    rx = rf"(?<![\w'])(?:{heads})[ \t]*\([ \t]*((?:[A-Z][\w'\u2019&-]*[ \t]*){{1,3}})(?=[,)])"
    for m in re.finditer(rx, text, re.I):
        words = m.group(1).split()
        if not any(x.lower() in lex.keep for x in words):
            take(m.start(1), m.start(1) + len(m.group(1).rstrip()), place)


def whose_and_bracketed(text: str, cfg: dict, spans: list, take) -> None:
    """A name-list word in any case before "'s" and what only a person has ("Storm's weight"), or
    alone in brackets after a relation word ("dad (will)")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    kept = _words("pd_name", "kept_words_that_are_names")
    whose = _alt(sorted(_words("pd_name", "whose_words")))
    rel = _alt(sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words")))
    rx = rf"(?<![\w'])([A-Za-z][a-z]+)(?:['\u2019]s[ \t]+(?:{whose})\b|(?=[ \t]*\)))"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        if not (w in lex.first or w in lex.wide_first) or (_not_a_person(w, lex) and w not in kept):
            continue
        if m.group(0).endswith(m.group(1)) and not re.search(
            rf"(?<![\w'])(?:{rel})[ \t]*\([ \t]*$", text[max(0, m.start() - 24) : m.start()], re.I
        ):
            continue  # in brackets: only right after a relation word
        take(m.start(1), m.end(1), label)


def kept_names_after_roles(text: str, cfg: dict, spans: list, take) -> None:
    """A capitalised word kept elsewhere that is a name ("Will", "May") after a role and "is"
    at the end of a phrase ("the dad is Will", "her sister was May.")."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    kept = _alt(sorted(_words("pd_name", "kept_words_that_are_names")))
    roles = _alt(sorted(_words("pd_name", "role_words")))
    if not kept or not roles:
        return
    rx = rf"(?<![\w'])(?i:{roles})[ \t]+(?i:is|was|'s)[ \t]+((?i:{kept}))(?=[ \t]*(?:[,.;:)!?]|$|and\b|\())"
    for m in re.finditer(rx, text):
        if m.group(1)[0].isupper():
            take(m.start(1), m.end(1), label)
