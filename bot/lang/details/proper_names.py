"""Names and proper nouns from the word lists (bot/lang/scrub.py): whether a word on its own,
or by its neighbours ("the Brackwell family", "roxy is 10", "moved to oakhurst"), is a person's
or a place's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang import grammar
from bot.lang.details.lexicon import (
    _alt,
    _config,
    _english_words,
    _in_dictionary,
    _is_capital,
    _joined,
    _lean,
    _Lexicon,
    _lexicon,
    _mid,
    _titles,
    _Tok,
    _tokens,
    _typo_of_common,
    _words,
    _zipf,
)
from bot.lang.nlp import as_list, on_reset


def _name_word(tok: _Tok, lex: _Lexicon, item) -> bool:
    """Whether one word, on its own, is a person's name or a proper noun."""
    w, word = tok.base, tok.text
    if len(w) < 2 or w in lex.keep or not re.search(r"[a-z]", w) or tok.code:
        return False
    if "'" in w:  # "O'Brien" yes, "don't" no
        return bool(re.fullmatch(r"[A-Z]'[A-Z][a-z]+", word)) or w in lex.surnames
    if re.fullmatch(r"[A-Z]{2,}s", word):  # "DNAs", "GPs": acronyms
        return False
    if (
        "-" in w
        and any(
            (p in lex.first or p in lex.wide_first) and p not in lex.ordinary and len(p) >= 3 and p not in lex.vocab
            for p in w.split("-")
        )
        and not any(p in lex.keep for p in w.split("-"))
    ):
        return True  # "lacey-mae", "Ellie-May"
    if word.isupper():  # surnames are often typed in capitals; acronyms are not names
        return len(w) >= 3 and (w in lex.surnames or w in lex.first) and w not in lex.ordinary and w not in lex.vocab
    if w in lex.first and w not in lex.ordinary:
        if _is_capital(word):
            return True
        return len(w) >= int(item.get("min_lower_name", 3)) and w not in lex.vocab and _zipf(w) < 5.5
    if not _is_capital(word):
        return _proper_in_lower_case(w, lex, item)
    if tok.initial:
        return w not in lex.vocab and (
            _zipf(w) < float(item.get("initial_zipf", 2.5))
            or (_zipf(w) < float(item.get("initial_undictionary_zipf", 0.0)) and not _dictionary_word(w))
            or (
                w in lex.wide_first
                and w not in lex.ordinary
                and _lean(w, lex) >= float(item.get("wide_lean", 1.0))
                and _zipf(w) < float(item.get("wide_zipf", 4.5))
            )
        )
    if w in lex.first:  # an ordinary word that is also a name, capitalised inside a sentence
        return True
    if (
        w in lex.wide_first
        and w not in lex.vocab
        and w not in lex.ordinary
        and _lean(w, lex) >= float(item.get("wide_lean", 1.0))
        and _zipf(w) < float(item.get("wide_zipf", 4.5))
    ):
        return True
    if w in lex.vocab:
        return False
    if w in lex.surnames and _zipf(w) < float(item.get("surname_zipf", 5.5)):
        return True
    return _zipf(w) < float(item.get("proper_noun_zipf", 3.5)) or (
        _zipf(w) < float(item.get("proper_undictionary_zipf", 0.0)) and not _dictionary_word(w)
    )


def _dictionary_word(w: str) -> bool:
    """A word an English dictionary lists, or one of its plurals or verb forms
    (bot/lang/details/rare_words.py)."""
    return w in _english_words() or _in_dictionary(w)


def _proper_in_lower_case(w: str, lex: _Lexicon, item) -> bool:
    """A word typed in lower case that is a name all the same: a first name of the wider
    lists, or any word, that is rare in English and far more often written capitalised
    ("dexter", "kobe", "threlfall"), or a wider-list name that the English word counts
    hardly know ("jayla")."""
    if len(w) < int(item.get("min_lower_name", 3)) or w in lex.vocab or w in lex.ordinary or "'" in w:
        return False
    lean, zipf = _lean(w, lex), _zipf(w)
    if _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))):
        return False
    if w in lex.wide_first:
        return (lean >= float(item.get("wide_lean", 1.0)) and zipf < float(item.get("wide_zipf", 4.5))) or zipf < float(
            item.get("wide_unknown_zipf", 2.0)
        )
    return (lean >= float(item.get("lower_proper_lean", 2.0)) and zipf < float(item.get("lower_proper_zipf", 3.0))) or (
        lean >= float(item.get("rare_proper_lean", 0.5)) and zipf < float(item.get("rare_proper_zipf", 2.0))
    )


def _after_name(tok: _Tok, lex: _Lexicon, item) -> bool:
    """Whether the word right after a name is part of it (a surname or a second name)."""
    w, word = tok.base, tok.text
    if tok.initial or len(w) < 2 or w in lex.keep or tok.code:
        return False
    if word.isupper():
        return len(w) >= 3 and w not in lex.vocab and (w in lex.surnames or _zipf(w) < 4.5)
    if _is_capital(word):
        return True
    if w in lex.vocab or w in _person_verbs():
        return False  # "riley wets the bed": what the person does, not a surname
    return (w in lex.surnames and w not in lex.ordinary and _zipf(w) < 4.5) or _zipf(w) < float(
        item.get("surname_after_name_zipf", 3.2)
    )


@lru_cache(maxsize=1)
def _person_verbs() -> frozenset:
    """The first word of each thing only a person does (pd_name person_after, subject_verbs,
    name_subject_verbs): "wets", "cries", "told"."""
    item = _config().get("pd_name", {})
    keys = ("person_after", "subject_verbs", "name_subject_verbs")
    return frozenset(str(p).split()[0].lower() for k in keys for p in as_list(item.get(k)) if str(p).split())


on_reset(lambda: _person_verbs.cache_clear())


def _proper_names(text: str, item) -> list[tuple[int, int]]:
    lex = _lexicon()
    toks = _tokens(text)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        start = None
        titled = i > 0 and toks[i - 1].base in _titles(item) and _joined(text, toks[i - 1], tok)
        if _name_word(tok, lex, item) and _a_thing_named(text, tok):
            pass  # "a victoria sponge", "a jack russell": a thing named after someone
        elif _name_word(tok, lex, item) or (titled and _after_name(_mid(tok), lex, item)):
            start = i
        elif (
            tok.initial
            and _is_capital(tok.text)
            and tok.base in lex.first
            and tok.base not in lex.keep
            and i + 1 < len(toks)
            and _joined(text, tok, toks[i + 1])
            and _is_capital(toks[i + 1].text)
            and _name_word(_mid(toks[i + 1]), lex, item)
        ):
            start = i  # "Will Testperson rang": an ordinary-word name at the start, a name after it
        if start is None and _named_by_context(text, toks, i, lex, item):
            start = i
        if start is None:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(toks)
            and j - i < 3
            and _joined(text, toks[j], toks[j + 1])
            and (_after_name(toks[j + 1], lex, item) or _aged_after(text, toks, j + 1, lex))
        ):
            j += 1
        a = i
        # a capitalised word inside a sentence right before a name is part of it ("Precious Testname")
        while (
            a > 0
            and i - a < 2
            and _joined(text, toks[a - 1], toks[a])
            and _is_capital(toks[a - 1].text)
            and not toks[a - 1].initial
            and toks[a - 1].base not in lex.keep
            and not toks[a - 1].code
            and toks[a - 1].base not in _titles(item)
            and (not found or found[-1][1] < toks[a - 1].start)
        ):
            a -= 1
        found.append((toks[a].start, toks[j].end))
        i = j + 1
    return found


def _a_thing_named(text: str, tok: _Tok) -> bool:
    """A first name typed in lower case between "a" and a lower-case noun names a thing ("what's
    in a victoria sponge", "a jack russell"), not a person."""
    return (
        tok.text.islower()
        and bool(re.search(r"(?<![\w'])an?[ \t]+$", text[: tok.start], re.I))
        and bool(re.match(r"[ \t]+[a-z]{3,}\b(?![ \t]+(?:is|was|has|had|said|told|and)\b)", text[tok.end :]))
    )


_AGE_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*\)|,?\s*(?:is\s+|was\s+|aged?\s+)?\d{1,2}\s*"
    r"(?:yo|y/o|yrs?|years?|months?)?\b(?!\s*(?:am|pm|%|times|hours|days|weeks|mins|minutes|[:./])))"
)


def _aged_after(text: str, toks: list, k: int, lex: _Lexicon) -> bool:
    """An uncommon lower-case word after a name with an age after it: a surname ("ava
    testname age 5")."""
    tok = toks[k]
    return (
        not tok.code
        and tok.base not in lex.keep
        and tok.base not in lex.vocab
        and _zipf(tok.base) < 4.0
        and bool(_AGE_AFTER.match(text[tok.end : tok.end + 24]))
    )


_EXPLICIT_AGE = re.compile(
    r"(?:\s*\(\s*\d{1,2}\s*(?:yo|y/o|yrs?|years?|months?|mths?)?\s*\)|"
    r",\s*(?:aged?\s+)?\d{1,2}(?:\s*(?:yo|y/o|yrs?|years?(?: old)?|months?))?(?=\s*(?:[,.;)]|$|and\b))|"
    r"\s+(?:is|aged?)\s+\d{1,2}\b(?![:./%]))"
)


@lru_cache(maxsize=1)
def _person_after():
    """What only a person does right after their name ("told", "disclosed", "is the eldest"):
    person_after in personal_details.yml, pd_name."""
    cfg = _config().get("pd_name", {})
    words = cfg.get("person_after") or []
    if not words:
        return re.compile(r"(?!)")
    # a verb of being or having, then a state only a person is in ("had not eaten", "was
    # crying again", "is always hungry"): person_state_verbs, person_state_adverbs, person_states
    states = as_list(cfg.get("person_states"))
    state = ""
    if states:
        verbs, adverbs = as_list(cfg.get("person_state_verbs")), as_list(cfg.get("person_state_adverbs"))
        state = (
            rf"|[ \t]+(?:{_alt(verbs)})(?:[ \t]+(?:{_alt(adverbs) or '(?!)'}))*"
            rf"(?:[ \t]+been)?[ \t]+(?:{_alt(states)})\b"
        )
    return re.compile(rf"(?:[ \t]*(?:{'|'.join(str(w) for w in words)})\b{state}|{_EXPLICIT_AGE.pattern})", re.I)


@lru_cache(maxsize=1)
def _whose() -> re.Pattern:
    """A possessive that only a person has ("amber's nursery", "jack's mum"): whose_words in
    personal_details.yml, pd_name."""
    words = _config().get("pd_name", {}).get("whose_words") or []
    return re.compile(rf"['\u2019]s[ \t]+(?:{_alt(words)})\b", re.I) if words else re.compile(r"(?!)")


on_reset(lambda: _whose.cache_clear())


on_reset(lambda: _person_after.cache_clear())


def _in_brackets_after_relation(text: str, tok: _Tok, item) -> bool:
    """A single word in brackets right after a relation word: "mum (shaz)", "dad (Daz)"."""
    if not re.match(r"\s*\)", text[tok.end : tok.end + 4]):
        return False
    rel = as_list(item.get("relation_words")) + list(grammar.ordered("relation_words"))
    return bool(re.search(rf"(?<![\w'])(?:{_alt(rel)})\s*\(\s*$", text[max(0, tok.start - 24) : tok.start], re.I))


def _named_by_context(text: str, toks: list, i: int, lex: _Lexicon, item) -> bool:
    """An uncommon word that its neighbours show to be a name: "the Brackwell family", "the
    brackwells", "kaidan (2)", "roxy is 10", "Mark (dad)"."""
    tok = toks[i]
    w = tok.base
    if tok.code or len(w) < 3:
        return False
    after = text[tok.end : tok.end + 48]
    named = w in lex.first or w in lex.wide_first
    if (
        w in lex.ordinary
        and named
        and _is_capital(tok.text)
        and _person_after().match(after)
        and (w not in lex.keep or w in _words("pd_name", "kept_words_that_are_names"))
    ):
        return True  # "Will told his teacher", "Hope has not been brought to nursery"
    if (
        w in _words("pd_name", "kept_names_mid_sentence")
        and _is_capital(tok.text)
        and not tok.initial
        and re.search(
            rf"(?<![\w'])(?:{_alt(sorted(_words('pd_name', 'name_before_words')))})[ \t]+$",
            text[max(0, tok.start - 24) : tok.start],
            re.I,
        )
    ):
        return True  # "I'm worried about Will"
    if w in lex.keep:
        return False
    if w in lex.ordinary and named and tok.text.islower() and (_EXPLICIT_AGE.match(after) or _whose().match(after)):
        return True  # "worried about summer, 7", "jack (6)", "amber's nursery rang"
    if _in_brackets_after_relation(text, tok, item) and (named or (w not in lex.vocab and _zipf(w) < 4.0)):
        return True  # "mum (shaz)"
    if (
        _is_capital(tok.text)
        and (w in lex.first or w in lex.wide_first)
        and re.match(
            r"\s*\(\s*(?:%s)\b"  # noqa: UP031 (a regular expression: its braces stay literal)
            % _alt(as_list(item.get("relation_words")) + list(grammar.ordered("relation_words_before_brackets"))),
            after,
            re.I,
        )
    ):
        return True  # "Mark (dad)", even when the knowledge base uses the word ("a mark")
    if w in lex.vocab:
        return False
    rare = float(item.get("context_name_zipf", 3.5))
    before = text[max(0, tok.start - 4) : tok.start].lower()
    nxt = toks[i + 1].base if i + 1 < len(toks) and _joined(text, tok, toks[i + 1]) else ""
    family = _words("pd_name", "family_words")
    if before.endswith("the ") and nxt in family and _zipf(w) < rare:
        return True
    if (
        before.endswith("the ")
        and w.endswith("s")
        and nxt not in family
        and _zipf(w) < 2.5
        and w[:-1] not in lex.vocab
        and (_zipf(w[:-1]) < 1.5 or w[:-1] in lex.surnames or _lean(w[:-1], lex) >= 1.0)
        and not _typo_of_common(w[:-1], float(item.get("typo_of_zipf", 4.5)))
    ):
        return True  # "the brackwells", "the hadfields"
    if _AGE_AFTER.match(after):
        if (w in lex.first or _zipf(w) < rare) and (w not in lex.ordinary or _is_capital(tok.text)):
            return True  # "kaidan (2)", "roxy is 10", "Jenson, 9"
    prev = toks[i - 1].base if i > 0 and _joined(text, toks[i - 1], tok) else ""
    if (
        prev in _words("pd_name", "rare_place_before")
        and not _is_capital(tok.text)
        and _zipf(w) < float(item.get("rare_place_zipf", 1.5))
    ):
        return True  # "lives w mum in anytown"
    if (
        tok.text.islower()
        and _place_lead().search(text[max(0, tok.start - 24) : tok.start])
        and _place_like(w, lex, item)
    ):
        return True  # "moved to oakhurst", "lives in kingsmead"
    return False


@lru_cache(maxsize=1)
def _place_lead() -> re.Pattern:
    words = sorted(_words("pd_name", "place_name_after"))
    return re.compile(rf"(?<![\w'])(?:{_alt(words)})[ \t]+$", re.I) if words else re.compile(r"(?!)")


on_reset(lambda: _place_lead.cache_clear())


def _place_like(w: str, lex: _Lexicon, item) -> bool:
    """A word typed in lower case that reads as a place's name: more often written capitalised
    and not common, or unknown in lower case to the cased word table and rare in English."""
    if len(w) < 4 or w in lex.vocab or w in lex.keep or w in lex.not_place or w in lex.ordinary:
        return False
    zipf = _zipf(w)
    if _lean(w, lex) >= float(item.get("place_lean", 1.0)) and zipf < float(item.get("place_lean_zipf", 4.0)):
        return True
    return (
        w not in lex.lower_known
        and zipf < float(item.get("place_unknown_zipf", 2.5))
        and not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5)))
    )
