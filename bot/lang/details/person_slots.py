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

from bot.lang.details.lexicon import _alt, _config, _Lexicon, _lexicon, _tokens, _words, _zipf
from bot.lang.details.proper_names import _person_after
from bot.lang.nlp import on_reset

_AGE = r"(?:\(\s*\d{1,2}\s*(?:months?|mths?|yrs?|years?|yo)?\s*\)|\d{1,2}(?:\s*(?:months?|mths?|yrs?|yo|y/o))?)"
_LIST_ITEM = re.compile(rf"([A-Za-z][a-z'\u2019-]+)[ \t]+{_AGE}(?![\w:/%]|\.\d)")
_LIST_SEP = re.compile(r"[ \t]*(?:,|;|and|&|,[ \t]*and)[ \t]*(?:(?:baby|little|lil)[ \t]+)?", re.I)


@lru_cache(maxsize=1)
def _subject_then() -> re.Pattern:
    words = sorted(_words("pd_name", "subject_verbs"), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words) or "(?!)"
    return re.compile(rf"[ \t]+(?:{alt})(?![\w])|[ \t]+is[ \t]+\d{{1,2}}\b(?![:./%]|[ \t]*(?:am|pm|%|mins?|minutes|hours))", re.I)


on_reset(lambda: _subject_then.cache_clear())


def _not_a_person(w: str, lex: _Lexicon) -> bool:
    return (
        len(w) < 3
        or w in lex.keep
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
    return strong and w not in lex.vocab and _zipf(w) < float(_config()["pd_name"].get("slot_word_zipf", 5.0))


def _clause_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u2018\u201c")
    if not before or before[-1] in ".!?:;,(\n-":
        return True
    return bool(re.search(r"(?:^|[\s,])(?:and|but|so|then|also|coz|cos|because|as|\d{1,2})$", before, re.I))


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
        if not (then.match(text, tok.end) or (after.match(text, tok.end) and not tok.text[:1].isupper())):
            continue
        if _could_be_named(w, lex, strong=True) or (w in kept_names and w not in _words("pd_name", "not_person_words")):
            take(tok.start, tok.end, label)


def in_apposition(text: str, cfg: dict, spans: list, take) -> None:
    """One or two words between commas after a role ("the older one, hunter, is 11", "the dad,
    will mason, is the main carer")."""
    label = cfg.get("pd_name", {}).get("label")
    roles = _alt(sorted(_words("pd_name", "apposition_roles")))
    if not roles:
        return
    lex = _lexicon()
    rx = re.compile(rf"(?<![\w'])(?:{roles}),[ \t]+([a-z][\w'\u2019-]*)(?:[ \t]+([a-z][\w'\u2019-]*))?[ \t]*,", re.I)
    for m in rx.finditer(text):
        words = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
        kept = _words("pd_name", "kept_words_that_are_names")
        if all(_could_be_named(x.lower(), lex, strong=True) or x.lower() in kept for x in words):
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
    rx = re.compile(rf"(?<![\w'])the[ \t]+([a-z]+)s(?=[ \t]+(?:{after})\b|[ \t]*[.,;]|$)", re.I)
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if w in lex.surnames and w not in lex.keep and w not in lex.vocab | {"day", "week", "year", "time"}:
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
