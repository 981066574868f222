"""Person names found after the words that announce them (bot/lang/scrub.py): titles,
"called" and "named", "his name is", relation words ("his brother Fakey"), "I'm", names
joined by "and"; and the word-list reading of every other word (details/proper_names.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.lexicon import (
    _ANY_WORD,
    _TOKEN,
    _alt,
    _config,
    _lean,
    _lexicon,
    _typo_of_common,
    _words,
    _zipf,
)
from bot.lang.details.proper_names import _proper_names
from bot.lang.nlp import as_list, on_reset

on_reset(lambda: _relation_and_i_am_cached.cache_clear())


def _name(text: str, item):
    stop = {str(w).lower() for w in as_list(item.get("not_names"))}

    def is_name(word: str, lower_ok: bool) -> bool:
        w = word.strip("'\u2019").lower()
        if not w or w in stop or w.endswith("'s") and w[:-2] in stop:
            return False
        if w == "i" or w.startswith(("i'", "i\u2019")):  # "a dad I'm working with"
            return False
        if word.isupper() and len(word) > 1:  # MASH, DSL: acronyms, not names
            return False
        return lower_ok or word[0].isupper()

    months = {str(w).lower() for w in as_list(item.get("months_that_are_names"))}

    lex = _lexicon()
    called_rare = float(item.get("called_lower_zipf", 3.0))

    def is_called(word: str, lower_ok: bool) -> bool:
        """After "called" or "named" a capitalised month is a name too ("a girl called May"); so
        is a first word typed in lower case that is a first name or rare in English ("a lad
        called tyreece"), not an everyday word ("is called back")."""
        if is_name(word, False) or (word[:1].isupper() and word.lower() in months):
            return True
        w = word.strip("'\u2019").lower()
        if not lower_ok or not word.islower() or len(w) < 3 or w in stop or w in lex.keep:
            return False
        return w in lex.first or w in lex.wide_first or _zipf(w) < called_rare

    named_rare = float(item.get("named_lower_zipf", called_rare))

    def is_nicknamed(word: str, lower_ok: bool) -> bool:
        """After "known as", "nicknamed" or "aka" a name is all that can stand: a word typed in
        lower case rarer than `named_lower_zipf` and no word of the knowledge base is one too
        ("known as rizzo")."""
        if is_called(word, lower_ok):
            return True
        w = word.strip("'\u2019").lower()
        if not lower_ok or not word.islower() or len(w) < 3 or w in stop or w in lex.keep or w in lex.vocab:
            return False
        return _zipf(w) < named_rare

    def is_role_name(word: str, lower_ok: bool) -> bool:
        """After "the mum is" a kept word that is no first name says what she is ("the mum is
        Brazilian", "dad is Romanian"), not who."""
        w = word.strip("'\u2019").lower()
        return is_name(word, lower_ok) and not (w in lex.keep and w not in lex.first)

    found: list[tuple[int, int]] = []
    titles = _alt(item.get("titles"))
    for m in re.finditer(rf"\b(?:{titles})\b\.?\s+", text, re.I):
        title = m.group(0).strip().rstrip(".").lower()
        lower_ok = title in {str(t).lower() for t in as_list(item.get("lower_case_titles"))}
        if not m.group(0)[0].isupper() and not lower_ok:
            continue
        words = _words_from(text, m.end(), is_name, lower_ok=lower_ok, limit=3)
        if words:
            found.append((m.start(), words[-1][1]))
    called_after = _alt(list(item.get("called_after") or []) + list(item.get("called_after_textese") or []))
    comma = ",?" if item.get("called_after_comma") else ""
    for m in re.finditer(
        rf"(?:\b|(?<=')|(?<=\u2019))(?:{called_after}){comma}\s+(?:{_alt(item.get('called_words'))})\s+", text, re.I
    ):
        words = _words_from(text, m.end(), is_called, lower_ok=True, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    # (the phrase ends a word: not the "s" of "the same surnames coming back")
    for m in re.finditer(rf"\b(?:{_alt(item.get('name_is'))})(?:(?<![A-Za-z])|(?![A-Za-z]))\s*", text, re.I):
        words = _words_from(text, m.end(), is_name, lower_ok=True, limit=3, allow_and=True)
        found.extend(words)
    for m in re.finditer(rf"\b(?:{_alt(item.get('named_words'))})\s+", text, re.I):
        words = _words_from(text, m.end(), is_nicknamed, lower_ok=True, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    roles = _alt(item.get("role_words"))
    if roles:
        for m in re.finditer(
            rf"\b(?:{_alt(item.get('role_before'))})\s+(?:{roles})\s+(?:{_alt(item.get('role_verbs'))})\s+", text, re.I
        ):
            words = _words_from(text, m.end(), is_role_name, lower_ok=False, limit=3, allow_and=True)
            found.extend(words)
    for rx in _relation_and_i_am(item):
        for m in rx.finditer(text):
            words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3)
            if words:
                found.append((words[0][0], words[-1][1]))
    found.extend(_after_a_bare_relation(text, item))
    found.extend(_proper_names(text, item))
    found.extend(_coordinated(text, found))
    yield from found


def _after_a_bare_relation(text: str, item) -> list[tuple[int, int]]:
    """A word typed in lower case right after a relation word is a name when it is a first
    name that is no everyday word, or a word English hardly knows ("mum tash has 3 kids",
    "dad jermaine"); with the next word when that is rare too ("mum natasha testwell")."""
    lex = _lexicon()
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    if not rel:
        return []
    rare = float(item.get("after_relation_zipf", 3.0))
    out = []

    def name_like(w: str) -> bool:
        if len(w) < 3 or w in lex.keep or w in lex.vocab or w in lex.ordinary or "'" in w:
            return False
        if w in lex.first:
            return _zipf(w) < 5.0
        if w in lex.surnames and _lean(w, lex) >= float(item.get("lower_proper_lean", 2.0)):
            return _zipf(w) < float(item.get("wide_zipf", 4.5))  # "mum zhang"
        if w in lex.wide_first and _lean(w, lex) >= float(item.get("wide_lean", 1.0)):
            return _zipf(w) < float(item.get("wide_zipf", 4.5))
        return _zipf(w) < rare and (len(w) < 5 or not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))))

    word = r"([a-z][a-z-]*)(?![\w'\u2019])"
    for m in re.finditer(rf"(?<![\w'])(?:{_alt(rel)})[ \t]+{word}(?:[ \t]+{word})?", text, re.I):
        if not m.group(1).islower() or not name_like(m.group(1)):
            continue
        if _OBJECT_AFTER.match(text, m.end(1)):  # "his stepdad chucked him out": a verb, not a name
            continue
        end = m.end(1)
        if m.group(2) and m.group(2).islower() and name_like(m.group(2)) and _zipf(m.group(2)) < rare:
            end = m.end(2)
        out.append((m.start(1), end))
    return out


_OBJECT_AFTER = re.compile(r"[ \t]+(?:him|her|them|me|us|it)\b", re.I)


def _coordinated(text: str, found: list) -> list[tuple[int, int]]:
    """A first name that is also an ordinary word, or a rare word, joined by "and" or "&" to a
    name found ("bill and Testname", "Testname & will", "yusra and Testname"), is a name too."""
    lex = _lexicon()
    item = _config().get("pd_name", {})
    rare = float(item.get("coordinated_zipf", 2.5))
    out = []
    for m in _TOKEN.finditer(text):
        core = re.sub(r"['\u2019]+s?$", "", m.group(0))  # "jordan'" at the end of a quote
        w = core.lower()
        if w in lex.keep or len(w) < 3:
            continue
        if not ((w in lex.first or w in lex.wide_first) and w in lex.ordinary) and not (
            (w in lex.first or w in lex.wide_first or _zipf(w) < rare) and w not in lex.vocab and w not in lex.ordinary
        ):
            continue  # (no typo test: the name beside it is context enough)
        after = re.match(r"[ \t]*(?:and|&)[ \t]+", text[m.end() :])
        before = re.search(r"[ \t]+(?:and|&)[ \t]*$", text[: m.start()])
        if (after and any(a == m.end() + after.end() for a, _b in found)) or (
            before and any(b == before.start() for _a, b in found)
        ):
            out.append((m.start(), m.start() + len(core)))
    return out


@lru_cache(maxsize=1)
def _relation_and_i_am_cached(relations: tuple, before: tuple, adjectives: tuple, i_am: tuple) -> tuple:
    out = []
    if relations:
        words = [w for w in before if re.fullmatch(r"\w+", w)]
        suffixes = [w for w in before if not re.fullmatch(r"\w+", w)]
        lead = []
        if words:
            lead.append(rf"(?<![\w'\u2019])(?i:{_alt(words)})")
        if suffixes:
            lead.append(rf"(?<=\w)(?i:{_alt(suffixes)})")
        adj = rf"(?:(?:{_alt(adjectives)})\s+)?" if adjectives else ""
        # the relation word as typed in lower case; the name after it must be capitalised
        out.append(re.compile(rf"(?:{'|'.join(lead)})\s+{adj}(?:{_alt(relations)})\s+"))
    if i_am:
        out.append(re.compile(rf"(?<!\w)(?i:{_alt(i_am)})\s+"))  # also after a quote: "'I'm Poppy"
    return tuple(out)


def _relation_and_i_am(item) -> tuple:
    """Patterns after which a capitalised word is a name: a relation word with a possessive or
    an article before it ("his brother Fakey"), and "I'm" ("I'm Poppy Notreal")."""

    def words(key):
        return tuple(str(w) for w in as_list(item.get(key)))

    return _relation_and_i_am_cached(
        words("relation_words"), words("relation_before"), words("relation_adjectives"), words("i_am")
    )


def _words_from(text, pos, is_name, lower_ok, limit, allow_and=False):
    """Consecutive name words from pos: capitalised ones (one lower-case word when
    lower_ok); with allow_and, "X and Y" gives two names. Returns (start, end) spans."""
    rx = re.compile(rf"[ \t]*({_ANY_WORD})")
    out: list[tuple[int, int]] = []
    run_start = None
    run_end = None
    count = 0
    while count < limit:
        m = rx.match(text, pos)
        ok = m is not None and is_name(m.group(1), lower_ok and run_start is None)
        if not ok:
            if allow_and and run_start is not None:
                j = re.match(r"[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?", text[pos:])
                nxt = rx.match(text, pos + j.end()) if j and j.end() else None
                if nxt and is_name(nxt.group(1), lower_ok):
                    out.append((run_start, run_end))
                    run_start, run_end = nxt.start(1), nxt.start(1) + len(nxt.group(1).rstrip("'\u2019"))
                    pos, count = nxt.end(), count + 1
                    continue
            break
        if run_start is None:
            run_start = m.start(1)
        pos = m.end()
        run_end = m.start(1) + len(m.group(1).rstrip("'\u2019"))  # a closing quote is not the name's
        count += 1
        if not m.group(1)[0].isupper():
            break
    if run_start is not None:
        out.append((run_start, run_end))
    return out
