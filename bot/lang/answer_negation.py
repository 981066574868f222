"""Negation in a typed answer beyond its plain scope (bot/lang/answers.py reads with these): a
negation that opens a phrase of its own negates nothing after it ("no real change despite months
of support"), nor a clause of its own after its verb ("it never lasts once we step back"); and,
at the questions answers.yml `negated_reads` names, a phrase said under a negation reads as the
other answer ("no real change" is a sign of disguised compliance; "not superficial" is none)."""

from __future__ import annotations

from functools import lru_cache

from bot.lang.answer_openings import _negators
from bot.lang.answer_words import Hit, _clean, lexicon
from bot.lang.nlp import as_list, get_nlp, on_reset


def _own_negations(doc, found: list[Hit], buttons: frozenset[str]) -> frozenset[int]:
    """The negation words that open a phrase of more than one word of their own, not a button's word."""
    neg = _negators()
    return frozenset(
        h.start
        for h in found
        if h.end - h.start > 1
        and doc[h.start].norm_ in neg
        and " ".join(t.norm_ for t in doc[h.start : h.end]) not in buttons
    )


def _button_words(question) -> frozenset[str]:
    """The base forms of the question's option words in knowledge/check.yml ("not seen" as "not see")."""
    return _button_norms(tuple(w for o in question.options for w in o.words))


@lru_cache(maxsize=64)
def _button_norms(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(t.norm_ for t in get_nlp()(w)) for w in words)


on_reset(_button_norms.cache_clear)


def _after_its_own_clause(doc, hit: Hit) -> bool:
    """A hit that opens with, or follows, a word that starts a clause of its own (answers.yml
    negation_stops: "once", "when", "until") after a negation that has its own words before that
    word ("never lasts once we step back"; not "not only when we visit")."""
    stops = _word_set("negation_stops")
    focus = _word_set("negation_focus")
    neg = _negators()
    for i in range(hit.start - 1, max(-1, hit.start - 8), -1):
        if doc[i].norm_ in neg or doc[i].lower_ in neg:
            k = next((j for j in range(i + 1, hit.start + 1) if doc[j].lower_ in stops), None)
            return k is not None and any(doc[j].lower_ not in focus for j in range(i + 1, k))
    return False


@lru_cache(maxsize=4)
def _word_set(key: str) -> frozenset[str]:
    return frozenset(_clean(str(w)) for w in as_list(lexicon().get(key)))


on_reset(_word_set.cache_clear)


def _negated_reads(base: str) -> dict[str, str]:
    """answers.yml negated_reads: at this question, the answer a negated phrase of each answer reads as."""
    return {str(k): str(v) for k, v in ((lexicon().get("negated_reads") or {}).get(base) or {}).items()}
