"""A second pass over the text once the word lists and patterns have run (bot/lang/scrub.py):
words that English does not know, wherever they stand, and the words that a found name shows
to be names too. Thresholds are in knowledge/language/personal_details.yml, pd_name
(`unknown_word_zipf`, `unknown_word_min_length`); they were measured on the dev sets only.

- A word wordfreq does not know (rarer than `unknown_word_zipf`) that is no word of the knowledge
  base, no practice term or council name, no acronym and no typo of a common word is a person's
  or a place's name, in any case and any position ("worried abt bellamy torkington", "his
  surname is gobbleditch").
- A first name typed in lower case right before a name is part of it ("my manager sue
  fakington").
- In a list of children with their ages in brackets, a word beside a found name is a name too
  ("summer (12), bo (8) and ocean (1)").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.lexicon import (
    _alt,
    _english_words,
    _in_dictionary,
    _lean,
    _Lexicon,
    _lexicon,
    _tokens,
    _typo_of_common,
    _words,
    _zipf,
)
from bot.lang.details.proper_names import _EXPLICIT_AGE, _person_after
from bot.lang.nlp import on_reset

on_reset(lambda: _near_a_word.cache_clear())
on_reset(lambda: _sorted_english.cache_clear())
on_reset(lambda: _training_words.cache_clear())


def _is_unknown(tok, lex: _Lexicon, item) -> bool:
    w = tok.base
    if tok.code or "'" in w or len(w) < int(item.get("unknown_word_min_length", 4)):
        return False
    if tok.text.isupper() or not re.fullmatch(r"[a-z\u00e0-\u024f-]+", w):
        return False  # acronyms ("ASYE") and words with digits are not names
    if w in lex.keep or w in lex.vocab or w in lex.not_place or w in lex.ordinary:
        return False
    if (w,) in lex.institutions.get(w, ()):
        return False  # a kind of place in lower case ("near the gurdwara")
    if any(p in lex.keep or p in lex.vocab for p in w.split("-") if len(p) > 2):
        return False  # "self-neglecting", "pre-birth"
    z = _zipf(w)
    if z >= float(item.get("unknown_word_zipf", 1.0)) and (
        z >= float(item.get("undictionary_zipf", 0.0)) or w in _english_words() or _in_dictionary(w)
    ):
        return False  # rare but English ("steriliser"), or not rare enough for a word no dictionary lists
    if _two_common_words(w, float(item.get("compound_word_zipf", 4.5)), float(item.get("compound_lead_zipf", 6.0))):
        return False  # "mycases", "nocontact": a function word and an everyday word typed as one
    typo = float(item.get("unknown_typo_zipf", 3.0))
    if z >= float(item.get("unknown_word_zipf", 1.0)):  # the dictionary rule
        if not re.search(r"[aeiou\u00e0-\u024f]", w):
            return False  # no vowel: typed short ("tmrw", "thnx", "ttyl"), not a name
        if w.endswith(tuple(str(e) for e in item.get("medicine_endings") or ())):
            return False  # a medicine by its stem ("olanzapine", "sertraline", "diazepam")
        if w in _training_words():
            return False  # a word of the assistant's own training examples ("goodnite", "deffo")
        if _cut_short(w, lex, float(item.get("cut_short_zipf", 3.0))):
            return False  # "accomm", "approx": a dictionary word cut short
        typo = float(item.get("undictionary_typo_zipf", typo))
    return not _near_a_word(w, typo) or _misspelt_first_name(w, lex, typo)


@lru_cache(maxsize=1)
def _training_words() -> frozenset:
    """The words (lower case) of the NLU training examples in data/nlu/ beside knowledge/, with
    the text of annotated entities left out: how the assistant's users type ("tmrw", "deffo")."""
    import yaml

    from bot.lang.nlp import language_dir

    folder = language_dir().parent.parent / "data" / "nlu"
    out: set = set()
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        for block in data.get("nlu") or []:
            examples = block.get("examples") if isinstance(block, dict) else None
            if isinstance(examples, str):
                plain = re.sub(r"\[[^\]]*\](?:\([^)]*\)|\{[^}]*\})", " ", examples)
                out.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", plain))
    return frozenset(out)


@lru_cache(maxsize=1)
def _sorted_english() -> tuple:
    return tuple(sorted(_english_words()))


def _cut_short(w: str, lex: _Lexicon, common: float) -> bool:
    """The start of a dictionary word at least this common that is no first name: an
    abbreviation ("accomm" for "accommodation")."""
    from bisect import bisect_left

    words = _sorted_english()
    i = bisect_left(words, w)
    while i < len(words) and words[i].startswith(w):
        v = words[i]
        if v != w and v not in lex.first and v not in lex.wide_first and _zipf(v) >= common:
            return True
        i += 1
    return False


def _two_common_words(w: str, common: float, lead: float) -> bool:
    """A function word (at least `lead` common: "my", "no", "the") and an everyday word typed as
    one; not two content words ("fake"+"wood" may be an invented surname)."""
    return any(_zipf(w[:i]) >= lead and _zipf(w[i:]) >= common for i in range(2, len(w) - 1))


@lru_cache(maxsize=20000)
def _one_letter_away(w: str) -> frozenset:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = {w[:i] + w[i + 1 :] for i in range(len(w))}
    out |= {w[:i] + c + w[i:] for i in range(len(w) + 1) for c in letters}
    out |= {w[:i] + c + w[i + 1 :] for i in range(len(w)) for c in letters if c != w[i]}
    out |= {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1) if w[i] != w[i + 1]}
    return frozenset(out - {w})


def _misspelt_first_name(w: str, lex: _Lexicon, common: float) -> bool:
    """A typo of a first name, not of an everyday word: every word at least this common one
    typed letter away is a first name, and there is one ("mohammd" for "mohammed")."""
    near = _one_letter_away(w)
    if not any(n in lex.first for n in near):
        return False
    return not any(_zipf(n) >= common and n not in lex.first and n not in lex.wide_first for n in near)


@lru_cache(maxsize=20000)
def _near_a_word(w: str, common: float) -> bool:
    """One typed letter away (left out, one too many, changed, or two swapped) from a word at
    least this common: a typo ("summry", "cancle", "thresold", "safegaurding"), not a name."""
    if _typo_of_common(w, common):
        return True
    letters = "abcdefghijklmnopqrstuvwxyz"
    return any(c != w[i] and _zipf(w[:i] + c + w[i + 1 :]) >= common for i in range(len(w)) for c in letters)


def unknown_words(text: str, item) -> list[tuple[int, int]]:
    """(start, end) of each word that English does not know and that is no practice word, and
    of each hyphenated word made only of first names ("summer-rose", "kai-jay")."""
    lex = _lexicon()
    return [(t.start, t.end) for t in _tokens(text) if _is_unknown(t, lex, item) or _names_joined(t, lex)]


def _names_joined(tok, lex: _Lexicon) -> bool:
    parts = tok.base.split("-")
    return (
        len(parts) >= 2
        and not tok.code
        and all(len(p) >= 2 and (p in lex.first or p in lex.wide_first) and p not in lex.keep for p in parts)
    )


def first_name_before_names(text: str, cfg: dict, spans: list, take) -> None:
    """A first name typed in lower case right before a found name ("sue fakington")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    starts = {a for a, _b, lab in spans if lab == label}
    if not starts:
        return
    toks = _tokens(text)
    for k in range(len(toks) - 1):
        tok, nxt = toks[k], toks[k + 1]
        if nxt.start not in starts or not re.fullmatch(r"[ \t]+", text[tok.end : nxt.start]):
            continue
        w = tok.base
        if tok.code or len(w) < 3 or w in lex.keep or w in lex.vocab and w not in lex.first or not tok.text.islower():
            continue
        rare = float(cfg.get("pd_name", {}).get("before_name_zipf", 3.0))
        if (
            w in lex.first
            or w in lex.wide_first
            or (_zipf(w) < rare and not _typo_of_common(w, float(cfg["pd_name"].get("typo_of_zipf", 4.5))))
        ):
            take(tok.start, tok.end, label)  # "sue fakington", "kaydon fakesby"


_LISTED_AGE = re.compile(r"[ \t]*\([ \t]*\d{1,2}[ \t]*\)")
_LIST_GAP = re.compile(r"[ \t]*\([ \t]*\d{1,2}[ \t]*\)[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*")


def listed_with_ages(text: str, cfg: dict, spans: list, take) -> None:
    """Words followed by an age in brackets, in a list ("X (12), Y (8) and Z (1)") that holds a
    found name: each is a name."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    toks = [t for t in _tokens(text) if _LISTED_AGE.match(text, t.end)]
    groups: list[list] = []
    for t in toks:
        if groups and re.fullmatch(
            r"[ \t]*\([ \t]*\d{1,2}[ \t]*\)[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*", text[groups[-1][-1].end : t.start]
        ):
            groups[-1].append(t)
        else:
            groups.append([t])
    names = [(a, b) for a, b, lab in spans if lab == label]
    never = _words("pd_name", "not_names")
    for group in groups:
        if len(group) < 2 or not any(any(a <= t.start and t.end <= b for a, b in names) for t in group):
            continue
        for t in group:
            w = t.base
            if w in lex.keep or w in never or t.code or not t.text.islower():
                continue
            if w not in lex.vocab or w in lex.first or w in lex.wide_first:
                take(t.start, t.end, label)


def ordinary_names_after_relations(text: str, cfg: dict, spans: list, take) -> None:
    """A first name that is also an everyday word, typed in lower case right after a relation
    word, when what follows shows a person: a person's verb or an age, or "and" with another
    relation word ("nan pat and grandad ron", "mum joy, 32", "dad frank told me")."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    if not label or not rel:
        return
    lex = _lexicon()
    alt = "|".join(re.escape(w) for w in sorted(rel, key=len, reverse=True))
    then_relation = re.compile(rf"[ \t]+(?:and|&)[ \t]+(?:{alt})\b", re.I)
    for m in re.finditer(rf"(?<![\w'])(?:{alt})[ \t]+([a-z]+)(?![\w'\u2019-])", text, re.I):
        w = m.group(1)
        if not w.islower() or len(w) < 3 or w not in lex.ordinary or w in lex.keep:
            continue
        if not (w in lex.first or w in lex.wide_first):
            continue
        after = text[m.end(1) : m.end(1) + 48]
        if then_relation.match(after) or _EXPLICIT_AGE.match(after) or _person_after().match(after):
            take(m.start(1), m.end(1), label)


_RUN = re.compile(r"(?:[A-Z][\w'\u2019.-]*|of|and|&|the)(?:[ \t]+(?:[A-Z][\w'\u2019.-]*|of|and|&|the))*")


def whole_institution_names(text: str, cfg: dict, spans: list) -> None:
    """A run of capitalised words (with "of", "and", "the") that ends in an institution word
    and holds a name or place found is one place as a whole ("St Fakely's Church of England
    Primary School", "Our Lady of Notreal Catholic Primary")."""
    place = cfg.get("pd_place", {}).get("label")
    if not place:
        return
    lex = _lexicon()
    heads = {p[0] for ps in lex.institutions.values() for p in ps if len(p) == 1}
    for m in _RUN.finditer(text):
        words = list(re.finditer(r"\S+", m.group(0)))
        while words and words[-1].group(0).lower().strip(".,") not in heads:
            words.pop()
        while words and words[0].group(0) in ("of", "and", "&", "the"):
            words.pop(0)
        if len(words) < 2:
            continue
        a, b = m.start() + words[0].start(), m.start() + words[-1].end()
        inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
        crossing = [sp for sp in spans if sp[0] < b and a < sp[1] and sp not in inside]
        if not inside or crossing or (len(inside) == 1 and inside[0][:2] == (a, b)):
            continue
        for sp in inside:
            spans.remove(sp)
        spans.append((a, b, place))


def names_in_a_person_s_place(text: str, cfg: dict, spans: list, take) -> None:
    """First names, and capitalised words inside a sentence, where only a person stands: after
    "talk to", "worried about"..., or before "was telling", "never had"... (pd_name
    `person_object_before`, `person_predicate_after`)."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    before, after = _words("pd_name", "person_object_before"), _words("pd_name", "person_predicate_after")
    if not label or not (before or after):
        return
    lex = _lexicon()
    never, not_before = _words("pd_name", "not_names"), _words("pd_name", "not_before_person")
    kept = _words("pd_name", "kept_words_that_are_names")
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+$", re.I) if before else None
    then = re.compile(rf"[ \t]+(?:{_alt(sorted(after))})\b", re.I) if after else None
    rare = float(item.get("person_place_zipf", 5.0))
    toks = _tokens(text)
    for k, tok in enumerate(toks):
        w = tok.base
        if tok.code or len(w) < 3 or tok.text.isupper():
            continue
        if w in lex.keep and not (
            w in kept and re.match(r"[ \t]*(?:[,.;:)]|$|(?:at|in|on|about|and|with)\b)", text[tok.end :])
        ):
            continue  # "i saw will at home", not "we'll see will happen"
        named = w in lex.first or w in lex.wide_first
        capital = tok.text[:1].isupper() and not tok.initial and w not in lex.vocab and _zipf(w) < rare
        # in lower case: a word written capitalised far more often, or one English hardly knows
        # ("worried abt bellamy", "spoke to zaylen")
        lower = (
            tok.text.islower()
            and w not in lex.vocab
            and w not in lex.ordinary
            and (
                (
                    _lean(w, lex) >= float(item.get("lower_proper_lean", 2.0))
                    and _zipf(w) < float(item.get("context_name_zipf", 3.5))
                )
                or (
                    _zipf(w) < float(item.get("after_relation_zipf", 3.0))
                    and not _near_a_word(w, float(item.get("unknown_typo_zipf", 3.0)))
                )
            )
        )
        if not (named or capital or lower):
            continue
        if w in never and w not in kept:
            continue
        if k > 0 and toks[k - 1].base in not_before:
            continue
        if (lead and lead.search(text[max(0, tok.start - 30) : tok.start])) or (then and then.match(text, tok.end)):
            take(tok.start, tok.end, label)
