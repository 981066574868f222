"""Typed answers the rules of bot/lang/answers.py do not read: a typo of an option (fuzzy
matching on the option's label and words) and a new wording (a small classifier per question).
Both only ever offer an answer back to confirm, or the nearest options."""

from __future__ import annotations

import re
from functools import cache

from bot.lang.answer_words import Reading, _clean, base_id, lexicon
from bot.lang.nlp import as_list, load_yaml, on_reset

FUZZY_SURE, FUZZY_ASK = 92, 80
CLASSIFIER_ASK = 0.4  # the classifier offers an answer back above this probability


def _fuzzy(text: str, question) -> list[tuple[str, float]]:
    """Option values by similarity of the typed text to their label and words (typos)."""
    from rapidfuzz import fuzz

    t = _clean(text)
    scores: dict[str, float] = {}
    for o in question.options:
        best = 0.0
        for w in (o.label, o.value.replace("_", " "), *o.words):
            w = _clean(w)
            if not w or (len(w) < 4 and w != t):
                continue
            best = max(best, fuzz.ratio(t, w), fuzz.partial_ratio(t, w) if len(t) >= len(w) >= 5 else 0.0)
        scores[o.value] = best
    return sorted(scores.items(), key=lambda kv: -kv[1])


def examples(base: str) -> dict[str, list[str]]:
    """The dev sets' typed answers to this question, by option (knowledge/language/answer_examples.yml,
    written by scripts/eval_listening.py --write-examples from dev sets only)."""
    try:
        data = load_yaml("answer_examples.yml")
    except FileNotFoundError:
        return {}
    return {
        str(v): [str(t) for t in as_list(texts)] for v, texts in ((data.get("examples") or {}).get(base) or {}).items()
    }


@cache
def _classifier(base: str, options: tuple[tuple[str, str, tuple[str, ...]], ...]):
    """Where the rules don't reach: a small scikit-learn model per question (word and character
    n-grams, so that a new wording or a typo of a known answer is still near it), trained on the
    option labels and phrases above and on the dev sets' typed answers (answer_examples.yml).
    Seeded, so the same data gives the same model. It only ever offers an answer back, never
    stores one."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    extra = (lexicon().get("options") or {}).get(base) or {}
    seen = examples(base)
    texts: list[str] = []
    labels: list[str] = []
    for value, label, words in options:
        phrases = [label, *words, *(str(w) for w in as_list(extra.get(value)))]
        for ph in phrases:
            for alt in _expand(ph):
                texts.append(alt)
                labels.append(value)
        for said in seen.get(value, []):
            texts.append(said)
            labels.append(value)
    if len(set(labels)) < 2:
        return None
    model = make_pipeline(
        FeatureUnion(
            [
                ("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ]
        ),
        LogisticRegression(max_iter=1000, C=10.0, random_state=0),
    )
    model.fit(texts, labels)
    return model


def _expand(phrase: str) -> list[str]:
    """A phrase in the pattern notation as plain text: each position's first alternative."""
    words = []
    for part in str(phrase).split():
        if re.fullmatch(r"\*\d", part):
            continue
        part = part.lstrip("=~").rstrip("?")
        words.append(part.split("|")[0])
    return [" ".join(words)] if words else []


def _nothing(question, text: str) -> Reading:
    ranked = _fuzzy(text, question)
    if question.kind in ("choice", "yes_no", "multi") and len(_clean(text).split()) >= 2:
        model = _classifier(base_id(question), tuple((o.value, o.label, o.words) for o in question.options))
        if model is not None:
            probs = sorted(zip(model.classes_, model.predict_proba([text])[0], strict=False), key=lambda kv: -kv[1])
            if probs[0][1] >= CLASSIFIER_ASK and probs[0][0] != "none_yet":
                order = [str(v) for v, _ in probs]
                return Reading("ask", order[0], "", tuple(order[:4]))
    if ranked and len(_clean(text).split()) <= 4:
        value, sc = ranked[0]
        if sc >= FUZZY_SURE:
            return Reading("sure", value, "", tuple(v for v, _ in ranked))
        if sc >= FUZZY_ASK:
            return Reading("ask", value, "", tuple(v for v, _ in ranked)[:4])
    return Reading("none", "", "", tuple(v for v, _ in ranked)[:4])


on_reset(_classifier.cache_clear)
