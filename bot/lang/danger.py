"""detect_danger(): is a child in immediate danger now? Rules in knowledge/language/danger.yml.

A signal (a danger phrase) counts unless its context cancels it. The context is read in
the clause of the match (split at commas, "but", "because", dashes) and in its sentence:
  question      the clause opens with a question word ("what counts as ..."), or with an
                auxiliary ("is it ...", "do I ...") and the sentence ends in "?"
  hypothetical  "if", "what if", "suppose" ... before the match in its clause, or a
                framing word ("scenario") anywhere in the sentence
  negation      "no", "not", "never" ... just before the match in its clause, or "but not
                now", "no longer" after it in the sentence, or inside it ("not on his own")
  meta          talk about danger in general before the match ("concerns about", "signs of")
  historic      a past-time phrase anywhere in the sentence ("last year", "used to",
                "in 2022"), unless a now-word stands in the match's own clause
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.lang.nlp import (Seq, as_list, build_matcher, load_yaml, nlp_doc, norm_word, on_reset,
                          segments, span_bounds)

NEGATION_WINDOW = 4
NEGATION_STOP = {"and", "so", "then", "while"}


@dataclass(frozen=True)
class Danger:
    """immediate: a child is in immediate danger now. reason: the signal and its words, or
    why a signal found does not count. mentioned: a danger signal was found at all, even
    when its context cancelled it (a question, a hypothetical, a negation, talk in general,
    the past); False when the rules found nothing, so a caller can tell "the rules heard
    danger and ruled it out" from "the rules know nothing about this message"."""
    immediate: bool
    reason: str
    mentioned: bool = False


@dataclass(frozen=True)
class _Rules:
    matcher: object
    unblocked: object  # the same signals with negations allowed inside them ("not on his own")
    context: object
    names: dict
    not_followed: dict
    negations: frozenset
    question_words: frozenset
    question_aux: frozenset


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("danger.yml")
    words = {k: [str(w) for w in v] for k, v in (data.get("words") or {}).items()}
    ctx = data.get("context") or {}
    negations = [str(x) for x in as_list(ctx.get("negation")) if " " not in str(x)]
    entries, names, not_followed = [], {}, {}
    for sig in data.get("signals") or []:
        names[sig["id"]] = sig.get("name", sig["id"])
        not_followed[sig["id"]] = [Seq.parse(str(t), words) for t in as_list(sig.get("not_followed_by"))]
        entries.extend((sig["id"], str(p)) for p in as_list(sig.get("patterns")))
    matcher = build_matcher(entries, words, block=negations)
    unblocked = build_matcher(entries, words)
    ctx_entries = []
    for kind in ("now", "negation_after", "procedural", "hypothetical", "framing", "meta", "historic"):
        ctx_entries.extend((kind, str(p)) for p in as_list(ctx.get(kind)))
    context = build_matcher(ctx_entries, words)
    return _Rules(
        matcher, unblocked, context, names, not_followed,
        frozenset(norm_word(n) for n in negations),
        frozenset(norm_word(w) for w in as_list(ctx.get("question_words"))),
        frozenset(norm_word(w) for w in as_list(ctx.get("question_auxiliaries"))),
    )


on_reset(_rules.cache_clear)


def detect_danger(text: str) -> Danger:
    """Danger(True, reason) when the message says a child is in immediate danger now;
    Danger(False, why, mentioned=True) when a danger signal is there but cancelled."""
    if not text or not text.strip():
        return Danger(False, "")
    rules = _rules()
    doc = nlp_doc(text)
    sent_ids, clause_ids = segments(doc)
    ctx: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in rules.context(doc):
        ctx.setdefault(doc.vocab.strings[key], []).append((start, end))

    matches = sorted(rules.matcher(doc), key=lambda m: (m[1], -m[2]))
    first_reason = ""
    for key, start, end in matches:
        sig = doc.vocab.strings[key]
        if any(seq.matches_at(doc, end) for seq in rules.not_followed[sig]):
            continue
        why = _cancelled(doc, start, end, sent_ids, clause_ids, ctx, rules)
        quote = doc[start:end].text
        if not why:
            return Danger(True, f"{sig}: {rules.names[sig]} ('{quote}')", mentioned=True)
        if not first_reason:
            first_reason = f"{sig} mentioned but {why} ('{quote}')"
    if not first_reason:
        # a signal that matches only with a negation inside it ("he's not on his own") is a
        # danger signal, negated
        for key, start, end in sorted(rules.unblocked(doc), key=lambda m: (m[1], -m[2])):
            sig = doc.vocab.strings[key]
            if not any(seq.matches_at(doc, end) for seq in rules.not_followed[sig]):
                return Danger(False, f"{sig} mentioned but negated ('{doc[start:end].text}')", mentioned=True)
    return Danger(False, first_reason, mentioned=bool(first_reason))


def _cancelled(doc, start, end, sent_ids, clause_ids, ctx, rules) -> str:
    c0, c1 = span_bounds(clause_ids, start)
    s0, s1 = span_bounds(sent_ids, start)

    def found(kind, lo, hi, inside_ok=False):
        for a, b in ctx.get(kind, ()):
            if a >= lo and b <= hi and (inside_ok or b <= start or a >= end):
                return True
        return False

    # question: skip a procedural opening ("what do I do") and look at the first word
    q = c0
    for a, b in ctx.get("procedural", ()):
        if a == q:
            q = b
    while q < start and doc[q].is_punct:
        q += 1
    if q < start:
        first = doc[q].norm_
        ends_q = doc[s1 - 1].text.endswith("?")
        if first in rules.question_words or (first in rules.question_aux and ends_q):
            return "asked as a question"
        # "should I see the child on their own", "do I need to ...": a practitioner asking
        # about practice, unless something is happening now ("should I ring 999, she's alone now")
        second = doc[q + 1].norm_ if q + 1 < len(doc) else ""
        if first in rules.question_aux and second in ("i", "we") and not found("now", c0, c1, inside_ok=True):
            return "asked as a question"
    if found("hypothetical", c0, start) or found("framing", s0, s1, inside_ok=True):
        return "hypothetical"
    # negation just before the match, within its clause
    i = start - 1
    while i >= max(c0, start - NEGATION_WINDOW):
        n = doc[i].norm_
        if n in NEGATION_STOP:
            break
        if n in rules.negations:
            return "negated"
        i -= 1
    if found("negation_after", end, s1):
        return "negated"
    if found("meta", c0, start):
        return "talked about in general"
    if found("historic", s0, s1, inside_ok=True) and not found("now", c0, c1, inside_ok=True):
        return "in the past"
    return ""
