"""Places by name (bot/lang/scrub.py): schools, nurseries, surgeries and other institutions
("St Imaginary Primary", "nonesuch academy", "at Little Stars") and streets, estates and blocks
without a house number ("Fakename Street", "the Brookside estate").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.lexicon import (
    _NAME_WORD,
    _alt,
    _is_capital,
    _joined,
    _Lexicon,
    _lexicon,
    _Tok,
    _tokens,
    _words,
    _zipf,
)
from bot.lang.nlp import as_list, load_yaml, on_reset


def _places(text: str, item, streets: bool = False) -> list[tuple[int, int]]:
    """Named institutions ("St Imaginary Primary", "nonesuch academy") and streets, estates and
    blocks without a house number ("Fakename Street", "the Brookside estate")."""
    lex = _lexicon()
    toks = _tokens(text)
    out: list[tuple[int, int]] = []
    max_words = int(item.get("max_words", 3))
    want_street = streets
    hard_stop = _words("pd_place", "not_in_a_name")
    lowered = [t.base for t in toks]
    for k, tok in enumerate(toks):
        head_len = 0
        for parts in lex.institutions.get(tok.base, ()):
            if tuple(lowered[k : k + len(parts)]) == parts:
                head_len = len(parts)
                break
        if not head_len and not want_street and _mistyped_institution(tok.base):
            head_len = 1  # "st bogus primry"
        street = not head_len and tok.base in lex.streets
        if (want_street and not street) or (not want_street and not head_len):
            continue
        # the name words before the head word: capitalised words inside a sentence (not a
        # practice term), "of" between two of them ("C of E"), or uncommon lower-case words
        a = k
        while a > 0 and k - a < max_words and _joined(text, toks[a - 1], toks[a], possessive=True):
            prev = toks[a - 1]
            if (
                not want_street
                and a < k
                and _is_capital(prev.text)
                and _is_capital(toks[a].text)
                and toks[a].base in lex.streets
                and prev.base not in lex.keep
            ):
                a -= 1  # the street a school or surgery is named after: "New Road Medical Centre"
                continue
            if (
                not want_street
                and a == k
                and prev.text.islower()
                and prev.base in _road_words()
                and a >= 2
                and _joined(text, toks[a - 2], prev)
                and toks[a - 2].text.islower()
                and toks[a - 2].base not in _words("pd_address", "not_street_name")
                and toks[a - 2].base not in lex.keep
                and not toks[a - 2].code
            ):
                a -= 2  # in lower case too: "registered at church road surgery"
                break
            if (
                not want_street
                and a < k
                and prev.initial
                and _is_capital(prev.text)
                and _is_capital(toks[a].text)
                and prev.base not in lex.not_place
                and prev.base not in hard_stop
                and prev.base not in _practice_words()
            ):
                a -= 1  # a title-case name at the start of a sentence: "Happy Days Nursery said"
                continue
            if _is_capital(prev.text) and not prev.initial and len(prev.base) > 0:
                if prev.base in lex.keep or prev.base in hard_stop:
                    break
            elif (
                prev.base == "of"
                and a >= 2
                and _is_capital(toks[a - 2].text)
                and (_is_capital(toks[a].text) or toks[a].text.isupper())
                and _joined(text, toks[a - 2], prev)
            ):
                a -= 1
                continue
            elif (
                prev.base in lex.not_place
                or prev.base in lex.keep
                or not _place_word(prev, lex, street, toks[a] if a < k else None)
                or (tok.base in _capital_only_heads() and not street)
            ):
                break
            a -= 1
        if not want_street and all(t.text.islower() for t in toks[a:k]):
            a = _after_a_preposition(text, toks, a, lex, item)  # "at tiny toes nursery"
        if a == k:
            continue
        # "St" before a name: part of it ("St Imaginary Primary")
        if a > 0 and toks[a - 1].base in ("st", "saint") and _joined(text, toks[a - 1], toks[a]):
            a -= 1
        end = toks[k + max(head_len, 1) - 1].end
        out.append((toks[a].start, end))
    if not want_street:
        out.extend(_named_after_a_preposition(text, toks, lex))
        out.extend(_institution_is(text, lex))
    if not want_street:  # a saint's name with its possessive is a school or church ("St Fictitia's")
        for m in re.finditer(r"\b(?:S|s)(?:t\.?|aint)\s+[A-Za-z][a-z]+(?:['\u2019]s)\b", text):
            out.append((m.start(), m.end()))
    merged: list[list[int]] = []
    for a, b in sorted(out):  # "Mockridge Lane" and "Mockridge Lane Surgery": one place
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


@lru_cache(maxsize=1)
def _practice_words() -> frozenset:
    """name_words.yml `keep` (practice terms, roles) and the relation words: never a name word,
    unlike the feelings of not_names ("Happy Days Nursery")."""
    return frozenset(str(w).lower() for w in as_list(load_yaml("name_words.yml").get("keep"))) | _words(
        "pd_name", "relation_words"
    )


on_reset(lambda: _practice_words.cache_clear())


@lru_cache(maxsize=1)
def _road_words() -> frozenset:
    """Street words that name a school or surgery in lower case too ("church road surgery"):
    pd_address strong_street_words in personal_details.yml."""
    return _words("pd_address", "strong_street_words")


on_reset(lambda: _road_words.cache_clear())


@lru_cache(maxsize=1)
def _capital_only_heads() -> frozenset:
    """Institution words that make a place only of capitalised words before them ("the
    Wellbeing Centre", not "the leisure centre"): name_words.yml, capital_only_institution_words."""
    return frozenset(str(w).lower() for w in as_list(load_yaml("name_words.yml").get("capital_only_institution_words")))


on_reset(lambda: _capital_only_heads.cache_clear())


def _named_after_a_preposition(text: str, toks: list, lex: _Lexicon) -> list[tuple[int, int]]:
    """Two or three capitalised words inside a sentence after "at", "attends", "goes to"...,
    not all of them words of the knowledge base and none a practice term: a place ("at
    Little Stars", "goes to Busy Bees"), not "at Child Protection Conference"."""
    before = _words("pd_place", "lower_case_name_after")
    if not before:
        return []
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+(?:the[ \t]+)?$", re.I)
    stop = _words("pd_place", "not_in_a_name") | _words("pd_name", "not_names")
    out = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if not (_is_capital(tok.text) and not tok.initial and lead.search(text[max(0, tok.start - 40) : tok.start])):
            k += 1
            continue
        j = k
        while j + 1 < len(toks) and j - k < 2 and _joined(text, toks[j], toks[j + 1]) and _is_capital(toks[j + 1].text):
            j += 1
        run = toks[k : j + 1]
        if (
            len(run) >= 2
            and not any(t.base in lex.keep or t.base in stop or t.code for t in run)
            and not all(t.base in lex.vocab for t in run)
        ):
            out.append((run[0].start, run[-1].end))
        k = j + 1
    return out


def _institution_is(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Capitalised words after "nursery is", "his school is", "GP surgery:" are the place's
    name ("nursery is Busy Bees"); after "nursery at" too, capitalised only ("the nursery at Tiny
    Steps": its words may be common ones the knowledge base uses)."""
    subjects = _words("pd_place", "institution_is")
    if not subjects:
        return []
    stop = _words("pd_place", "not_in_a_name") | _words("pd_name", "not_names")
    out = []
    after = r"(?:\s+(?:is|was|are|(at))|\s*[:=-])\s+(?:the\s+)?"  # group 1: "at"
    for m in re.finditer(rf"\b(?:{_alt(sorted(subjects))}){after}", text, re.I):
        run = []
        pos = m.end()
        for _ in range(3):
            w = re.match(rf"({_NAME_WORD}(?:['\u2019]s)?)[ \t]*", text[pos:])
            if not w or not _is_capital(w.group(1)) or w.group(1).lower() in lex.keep or w.group(1).lower() in stop:
                break
            run.append((pos, pos + len(w.group(1))))
            pos += w.end()
        if run:
            out.append((run[0][0], run[-1][1]))
        elif not m.group(1):  # "nursery at home": a name in lower case only after "is" or a colon
            out.extend(_lower_case_name_is(text, m.end(), lex, stop))
    return out


def _lower_case_name_is(text: str, pos: int, lex: _Lexicon, stop) -> list[tuple[int, int]]:
    """'nursery is tiny tots on the high st': two or three words in lower case up to a place
    word, a comma or the end, one of them no word of the knowledge base and rare in English."""
    m = re.match(
        r"([a-z][a-z'\u2019]*(?:[ \t]+[a-z][a-z'\u2019]*){1,2})"
        r"(?=[ \t]*(?:[,.;!?)]|$|(?:on|in|at|near|by|off|opposite|behind)\b))",
        text[pos:],
    )
    if not m:
        return []
    words = m.group(1).split()
    if any(w in lex.keep or w in stop or w in _words("pd_place", "not_before_institution") for w in words):
        return []
    if not any(w not in lex.vocab and _zipf(w) < 3.5 for w in words) or any(_zipf(w) >= 6.0 for w in words):
        return []
    return [(pos, pos + m.end(1))]


def _after_a_preposition(text: str, toks: list, k: int, lex: _Lexicon, item) -> int:
    """Where a lower-case place name starts that stands between a word such as "at" or "to"
    (and "the") and an institution word ("is at tiny steps nursery", "at the oak tree
    surgery"): up to two words that are no
    determiner, kind of school or practice term. k itself when there is none."""
    before = _words("pd_place", "lower_case_name_after")
    if not before:
        return k
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+(?:the[ \t]+)?$", re.I)
    a = k
    while a > 0 and k - a < 2 and _joined(text, toks[a - 1], toks[a]):
        prev = toks[a - 1]
        if lead.search(text[max(0, prev.end - 40) : prev.end] + " ") or (prev.base == "the" and a < k):
            break  # "at tiny steps nursery", "at the oak tree surgery"
        if (
            prev.code
            or not prev.text.islower()
            or prev.base in lex.not_place
            or prev.base in lex.keep
            or prev.base in _words("pd_place", "not_in_a_name")
            or prev.base in _words("pd_place", "not_before_institution")
            or _zipf(prev.base) >= float(item.get("common_word_zipf", 5.5))
        ):
            return k
        a -= 1
    if a == k or not lead.search(text[max(0, toks[a].start - 40) : toks[a].start]):
        return k
    return a


def _place_word(tok: _Tok, lex: _Lexicon, street: bool, nxt: _Tok | None = None) -> bool:
    """A word that can be part of a place's name before its institution or street word; at the
    start of a sentence, a capitalised word before another capitalised name word ("Little
    Acorns Nursery rang")."""
    if tok.text.isupper() and len(tok.text) > 1:
        return tok.base not in lex.keep
    if _is_capital(tok.text):
        if tok.initial and nxt is not None and _is_capital(nxt.text):
            return True  # (nxt is a name word, not the institution or street word itself)
        return not tok.initial or tok.base not in lex.vocab or _zipf(tok.base) < 4.0
    # lower case: an unusual word ("nonesuch academy"), or any word before a street word
    # when it is not an everyday one ("brookside estate")
    return tok.base not in lex.vocab and _zipf(tok.base) < (4.0 if street else 4.5)


@lru_cache(maxsize=4096)
def _mistyped_institution(word: str) -> bool:
    """A one-word institution word typed with a letter left out, one too many or two swapped
    ("primry", "acadamy" is not: a letter changed), rare in English itself."""
    if len(word) < 5 or _zipf(word) >= 2.0:
        return False
    for head in _single_institutions():
        if abs(len(head) - len(word)) > 1 or head[0] != word[0]:
            continue
        if len(head) == len(word) + 1 and any(head[:i] + head[i + 1 :] == word for i in range(len(head))):
            return True
        if len(word) == len(head) + 1 and any(word[:i] + word[i + 1 :] == head for i in range(len(word))):
            return True
        if len(word) == len(head) and any(
            word[:i] + word[i + 1] + word[i] + word[i + 2 :] == head for i in range(len(word) - 1)
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _single_institutions() -> tuple:
    lex = _lexicon()
    return tuple(sorted({p[0] for ps in lex.institutions.values() for p in ps if len(p) == 1 and len(p[0]) >= 6}))


on_reset(lambda: _single_institutions.cache_clear())
on_reset(lambda: _mistyped_institution.cache_clear())
