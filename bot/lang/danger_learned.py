"""A learned second opinion beside the danger rules (issue 18, S8-DC1).

A small scikit-learn classifier (TF-IDF word 1-2 grams and character 3-5 grams, logistic
regression, a fixed random_state) fitted once, at first use, on the labelled dev sets' messages
and the data/nlu examples of the other intents (knowledge/language/danger_examples.yml, written
by `python scripts/danger_loso.py --write-examples`; never a held-out or blind set).
decide_danger (danger_policy.py) uses its probability one way, with the threshold of the same
file's `settings`: `high`: the rules heard no danger signal at all and the probability is at
least this: immediate. It never takes back a rule catch (a veto cut 4 ordinary false alarms by
leave-one-set-out but lost a rule catch of a child not home on an invented phrasing), and a
signal the rules heard and ruled out (an older child, the past, a safe adult) stays ruled out.
The combination and the thresholds were chosen by leave-one-set-out over the dev sets
(scripts/danger_loso.py; the table is in docs/safety.md), not on any held-out text.
"""

from __future__ import annotations

from functools import cache

from bot.lang.nlp import as_list, load_yaml, on_reset

EXAMPLES_FILE = "danger_examples.yml"


def make_classifier(c: float = 4.0, seed: int = 0):
    """The unfitted pipeline: the same one scripts/danger_loso.py measures."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)),
        ]
    )
    return make_pipeline(features, LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=seed))


def _data() -> dict:
    try:
        return load_yaml(EXAMPLES_FILE)
    except FileNotFoundError:
        return {}


def settings() -> dict:
    """high (None when the file or the value is missing: the learned reading is off), c, seed."""
    s = _data().get("settings") or {}

    def num(key):
        v = s.get(key)
        return float(v) if isinstance(v, (int, float)) else None

    return {"high": num("high"), "c": num("c") or 4.0, "seed": int(s.get("seed") or 0)}


def examples() -> tuple[list[str], list[bool]]:
    """(texts, is danger) from the examples file."""
    ex = _data().get("examples") or {}
    danger = [str(t) for t in as_list(ex.get("danger")) if str(t).strip()]
    other = [str(t) for key in ("not_danger", "other_intents") for t in as_list(ex.get(key)) if str(t).strip()]
    return danger + other, [True] * len(danger) + [False] * len(other)


@cache
def _model():
    texts, labels = examples()
    if len(set(labels)) < 2:
        return None
    s = settings()
    clf = make_classifier(s["c"], s["seed"])
    clf.fit(texts, labels)
    return clf


@on_reset
def reset() -> None:
    _model.cache_clear()


def danger_probability(text: str) -> float | None:
    """The classifier's probability that the message tells a child in immediate danger now;
    None when there is no model (no examples file) or no text."""
    if not text or not text.strip():
        return None
    clf = _model()
    if clf is None:
        return None
    return float(clf.predict_proba([text])[0][1])
