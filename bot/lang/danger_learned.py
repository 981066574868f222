"""A learned second opinion beside the danger rules (issue 18, S8-DC1).

A small scikit-learn classifier (TF-IDF word 1-2 grams and character 3-5 grams, logistic
regression, a fixed random_state) fitted once, at first use, on the labelled dev sets' messages
and the data/nlu examples of the other intents (knowledge/language/danger_examples.yml, written
by `python scripts/danger_loso.py --write-examples`; never a held-out or blind set).
decide_danger (danger_policy.py) uses its probability with the `settings` of the same file: `high`:
the rules caught nothing and the probability is at least this: immediate; `ruled_out: true`: that
also where the rules heard a signal and ruled it out (an older child, the past, a safe adult);
`guard`: the kinds of exclusion that `ruled_out` never overturns (may_overturn, S14-DI13); `low`
(a veto: a rule catch with no acute word standing taken back at a probability this low) is off.
The learner, the combination and the thresholds were chosen by leave-one-set-out over the dev
sets (scripts/danger_loso.py --learners; since S18-DL20, --compare: S22-DL23 dev..dev38, C 32, high 0.95,
with `short_guard`; the tables are in docs/safety.md), not on any held-out text.
"""

from __future__ import annotations

import re
from functools import cache

from bot.lang.nlp import as_list, language_dir, on_reset

EXAMPLES_FILE = "danger_examples.yml"


LEARNERS = ("lr", "lr13", "svm")


def make_classifier(c: float = 4.0, seed: int = 0, kind: str = "lr"):
    """The unfitted pipeline: the same one scripts/danger_loso.py measures. kind: "lr" word 1-2
    grams and char 3-5 grams, logistic regression (liblinear: the same fit as lbfgs, about a
    third of the time); "lr13" word 1-3 grams; "svm" a linear SVM calibrated by sigmoid on 3 folds."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.svm import LinearSVC

    words = (1, 3) if kind == "lr13" else (1, 2)
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=words, min_df=1, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)),
        ]
    )
    if kind == "svm":
        svm = LinearSVC(C=c, class_weight="balanced", random_state=seed)
        return make_pipeline(features, CalibratedClassifierCV(svm, method="sigmoid", cv=3))
    lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=seed)
    return make_pipeline(features, lr)


def _data() -> dict:
    return _read()


@cache
def _read() -> dict:
    """The examples file, read with libyaml when it is there (about 0.1 s of CPU, not 2.5 s)."""
    import yaml

    try:
        with open(language_dir() / EXAMPLES_FILE, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except FileNotFoundError:
        return {}


def settings() -> dict:
    """high (None when the file or the value is missing: the learned reading is off), c, seed."""
    s = _data().get("settings") or {}

    def num(key):
        v = s.get(key)
        return float(v) if isinstance(v, (int, float)) else None

    kind = str(s.get("kind") or "lr")
    return {
        "high": num("high"),
        "c": num("c") or 4.0,
        "seed": int(s.get("seed") or 0),
        "kind": kind if kind in LEARNERS else "lr",
        "ruled_out": bool(s.get("ruled_out")),
        "low": num("low"),
        "guard": tuple(str(g) for g in (s.get("guard") or ())),
        "short_guard": tuple(str(g) for g in (s.get("short_guard") or ())),
        "short_words": int(s.get("short_words") or 0),
    }


def ruled_out_why(reason: str) -> str:
    """Why the rules ruled their signal out, from detect_danger's reason ("danger_alone mentioned
    but an older child ('...')" -> "an older child"; a near-miss's shape -> "a near-miss"); "" when
    the reason names none."""
    if ", but the message is a near-miss (" in reason:
        return "a near-miss"
    head, sep, rest = reason.partition(" mentioned but ")
    return rest.rsplit(" ('", 1)[0].strip() if sep else ""


def may_overturn(mentioned: bool, reason: str, limits: dict, text: str = "") -> bool:
    """May the learned opinion add a catch here? Where the rules heard no signal, yes; where they
    heard one and ruled it out, only when the settings say `ruled_out` and the exclusion is not one
    of the `guard` kinds: those state a fact of the child's safety now (an older child, an adult
    with the child or close by, a sober carer, the danger dealt with, a short time, a near-miss's
    shape), which no probability overturns; the others are readings of how the message is told
    (a question, a hypothetical, the past, a pattern, a negation) (S14-DI13). A message of at most
    `short_words` words (text) is also never overturned over a `short_guard` kind (S22-DL23: "talked
    about in general", an activity named as a topic, such as "leaving toddlers alone in the car";
    a long opening read so may still tell an emergency further on)."""
    if not mentioned:
        return True
    why = ruled_out_why(reason)
    if is_short(text, limits) and why in limits.get("short_guard", ()):
        return False
    return bool(limits.get("ruled_out")) and why not in limits.get("guard", ())


def is_short(text: str, limits: dict) -> bool:
    """A message of at most the settings' `short_words` words (split on white space); never when
    the settings name no length or there is no text."""
    n = int(limits.get("short_words") or 0)
    return bool(n) and bool((text or "").split()) and len(text.split()) <= n


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
    clf = make_classifier(s["c"], s["seed"], s["kind"])
    clf.fit(texts, labels)
    return clf


@on_reset
def reset() -> None:
    _model.cache_clear()
    _read.cache_clear()


def danger_probability(text: str) -> float | None:
    """The classifier's probability that the message tells a child in immediate danger now;
    None when there is no model (no examples file) or no text."""
    text = _not_read(text or "")
    if not text or not text.strip():
        return None
    clf = _model()
    if clf is None:
        return None
    return float(clf.predict_proba([text])[0][1])


@cache
def _not_read_patterns() -> tuple[re.Pattern, ...]:
    from bot.lang.nlp import load_yaml

    return tuple(re.compile(str(p), re.I) for p in as_list(load_yaml("danger.yml").get("learned_not_read")))


def _not_read(text: str) -> str:
    """The message without the words the learned opinion does not read (danger.yml learned_not_read:
    a gesture of the head, "shaking her head")."""
    for pattern in _not_read_patterns():
        text = pattern.sub(" ", text)
    return text
