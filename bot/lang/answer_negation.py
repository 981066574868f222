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


def _cut_by_negation(doc, hit: Hit) -> bool:
    """A phrase ending on an auxiliary straight before a negation ("I have" in "I haven't gone to my
    manager"): the negation's, no hit (answers.yml auxiliary_then_negation)."""
    aux = _word_set("auxiliary_then_negation")
    return hit.end < len(doc) and doc[hit.end - 1].lower_ in aux and doc[hit.end].norm_ in _negators()


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


def _auxiliary(doc, hit: Hit) -> bool:
    """A yes or no said only with a helping verb ("I have", "hasn't") that goes straight on to a
    verb of its own is that verb's helper, not the answer ("the weight hasn't moved", "they've
    done it"): answers.yml `auxiliary_answers`, the words such a hit may be made of; before
    `auxiliary_kept_before` ("hasn't been offered any") the helper still says no."""
    words = _word_set("auxiliary_answers")
    return (
        hit.end < len(doc)
        and all(t.norm_ in words or t.lower_ in words for t in doc[hit.start : hit.end])
        and doc[hit.end].is_alpha
        and doc[hit.end].norm_ not in _word_set("auxiliary_kept_before")
    )


def _said_fine(doc, hit: Hit, clauses: list[int], base: str) -> bool:
    """At the questions answers.yml `said_fine.questions` names, a worry named and then said to be
    fine in its own clause is no worry ("mental health is fine", "drink isn't an issue")."""
    rule = lexicon().get("said_fine") or {}
    if base not in as_list(rule.get("questions")):
        return False
    rest = " " + _clean(" ".join(t.norm_ for t in doc[hit.end :] if clauses[t.i] == clauses[hit.start])) + " "
    return any(rest.startswith(f" {w} ") for w in _fine_norms())


@lru_cache(maxsize=1)
def _fine_norms() -> tuple[str, ...]:
    """answers.yml said_fine.words in base forms ("isn't an issue" as "be not a issue")."""
    words = as_list((lexicon().get("said_fine") or {}).get("words"))
    return tuple(_clean(" ".join(t.norm_ for t in get_nlp()(str(w)))) for w in words)


on_reset(_fine_norms.cache_clear)


def _unheard(doc, hit: Hit, clauses: list[int], kind: str, base: str) -> bool:
    """A phrase of a typed answer that is no answer: a helping verb inside a description at a
    question with yes and no, or a worry said to be fine."""
    helper = kind in ("yes_no", "choice") and len(doc) > 3 and _auxiliary(doc, hit)
    return helper or _cut_by_negation(doc, hit) or _said_fine(doc, hit, clauses, base)
