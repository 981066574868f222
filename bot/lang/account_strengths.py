"""(S23-LC15, issue 19) The strengths an account tells in its prose, read by class.

The typed answer's words for q_strengths (answers.yml) are a button's words; in a whole account they
are said of many things, and S19's account.not_from_prose stopped them. Here each strength is a reading
of who does what, now (knowledge/language/account_strengths.yml):
  supportive_adult   another adult who helps with the children now ("nan has him after school")
  parent_insight     a parent who names the problem or asks for help ("mum admits she's struggling")
  warm_relationship  warmth seen between parent and child ("dad is gentle and patient with her")
  school_nursery     the child at school or nursery regularly ("attendance is 97%", "never misses")
A hit is not read where it is negated in its clause ("nan doesn't help"), where its clause tells another
time or mood (account_strengths.not_now: "used to", "would", "before she died"), or where its sentence
tells a parent's words as no more than words (not_in_sentence: "says all the right things"). "none" is
never read from prose. What is read is one answer (the values together, with the words of each); the
values account.not_from_prose still names are asked (bot/lang/account.py _not_from_account).
"""

from __future__ import annotations

from functools import lru_cache

from bot.lang.account_context import _clause_of, _negated
from bot.lang.account_signs import settings
from bot.lang.answer_words import Hit, _Phrases, lexicon
from bot.lang.nlp import as_list, build_matcher, load_yaml, on_reset


def _lexicon() -> dict:
    return load_yaml("account_strengths.yml") or {}


@lru_cache(maxsize=1)
def _matcher():
    lex = _lexicon()
    words = {str(k): [str(w) for w in as_list(v)] for k, v in (lex.get("words") or {}).items()}
    entries = [(str(value), str(p)) for value, pats in (lex.get("strengths") or {}).items() for p in as_list(pats)]
    return build_matcher(entries, words)


on_reset(_matcher.cache_clear)


@lru_cache(maxsize=1)
def _hints() -> _Phrases:
    """The typed answer's words of each strength read (answers.yml options q_strengths): in an account they
    only hint at it ("helps", "loves", "nursery"), and a hint of a strength not read leaves the answer short."""
    opts = (lexicon().get("options") or {}).get("q_strengths") or {}
    classes = [str(v) for v in (_lexicon().get("strengths") or {})]
    ignore = [("_ignore", str(w)) for w in as_list(opts.get("_ignore"))]  # ("support worker": no hint)
    return _Phrases([(v, str(w)) for v in classes for w in as_list(opts.get(v))] + ignore)


on_reset(_hints.cache_clear)


@lru_cache(maxsize=64)
def _words(key: str, value: str | None = None) -> frozenset[str]:
    """A word list of the lexicon; for a list kept by class, the class's words and those for all."""
    got = _lexicon().get(key)
    if isinstance(got, dict):
        got = as_list(got.get("all")) + as_list(got.get(value))
    return frozenset(str(w).lower() for w in as_list(got))


on_reset(_words.cache_clear)


def _sentence_text(doc, sents: list[int], i: int) -> str:
    s = sents[i]
    return " ".join(t.lower_ for t in doc if sents[t.i] == s).replace(" n't", "n't").replace(" '", "'")


def _counts(doc, sents: list[int], clauses: list[int], hit: Hit, by_clause: dict[int, list]) -> bool:
    """A hit that tells a strength now: not negated in its clause, no word of another time or mood in it
    (not_now), its sentence no parent's words only (not_in_sentence), nobody else's doing (not_after), no
    negation inside it (not_inside)."""
    in_clause = by_clause[clauses[hit.start]]
    words = {t.lower_ for t in in_clause} | {t.lemma_.lower() for t in in_clause}
    if words & _words("not_now", hit.key) or _negated(doc, hit, clauses):
        return False
    sentence = _sentence_text(doc, sents, hit.start)
    if any(w in sentence for w in _words("not_in_sentence", hit.key)):
        return False
    before = {t.lower_ for t in in_clause if t.i < hit.start}
    inside = {t.lower_ for t in doc[hit.start : hit.end]}
    return not (before & _words("not_after", hit.key) or inside & _words("not_inside", hit.key))


def strength_hits(doc, sents: list[int], clauses: list[int]) -> list[Hit]:
    """Each strength hit that counts (_counts)."""
    vocab = doc.vocab
    hits = [Hit(vocab.strings[k], s, e, doc[s:e].text) for k, s, e in _matcher()(doc)]
    by_clause: dict[int, list] = {}
    for t in doc:
        by_clause.setdefault(clauses[t.i], []).append(t)
    return [h for h in hits if _counts(doc, sents, clauses, h, by_clause)]


def hinted_short(doc, clauses: list[int], values: set[str]) -> bool:
    """The account hints, not negated, at a strength that was not read ("his nan" beside "mum is lovely with
    him"): the answer read may be short of it, and a multi answer short of a value is wrong. Asked."""
    plain = _words("hint_ignore")
    hits = [h for h in _hints().find(doc) if h.words.lower() not in plain]
    ignored = [h for h in hits if h.key == "_ignore"]
    return any(
        h.key not in values
        and h.key != "_ignore"
        and not any(k.start <= h.start and h.end <= k.end for k in ignored)
        and not _negated(doc, h, clauses)
        for h in hits
    )


def strengths_in(doc, sents: list[int], clauses: list[int]) -> tuple[str, str] | None:
    """The strengths an account's prose tells: (values joined by ",", the clauses read), or None where
    nothing is read or the account hints at a strength not read (hinted_short). Nothing is read while
    account.not_from_prose names every class (the answer would be asked whatever was read)."""
    gated = {str(v) for v in as_list((settings().get("not_from_prose") or {}).get("q_strengths"))}
    if {str(v) for v in (_lexicon().get("strengths") or {})} <= gated:
        return None
    hits = strength_hits(doc, sents, clauses)
    if not hits or hinted_short(doc, clauses, {h.key for h in hits}):
        return None
    order = [str(v) for v in (_lexicon().get("strengths") or {})]
    said: dict[str, list[str]] = {}
    for h in hits:
        said.setdefault(h.key, []).append(_clause_of(doc, h.start, clauses))
    values = [v for v in order if v in said]
    words = [w for v in values for w in dict.fromkeys(said[v])]
    return ",".join(values), ", ".join(dict.fromkeys(words))
