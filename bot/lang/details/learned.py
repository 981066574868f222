"""A learned second detector beside the personal-details rules (issue 20, S13-PL1).

The rules (bot/lang/scrub.py and the passes of this package) run first. Then every word they
left is scored by a linear model (logistic regression, scikit-learn, a fixed random_state) of
the word's own form (lower case, shape, capitalised not at a sentence start, how common it is
in English by wordfreq, whether the scrubber's name lists or practice words hold it, its
suffix and prefix), its neighbours' forms, and whether the rules removed the neighbouring
words. A word scored at or above the threshold is removed as well.

The model is fitted by `python scripts/pd_loso.py --write` on the tokens of the labelled
personal-details dev sets (never a held-out or blind set) and kept as its weights in
knowledge/language/pd_learned.json; the threshold was chosen there by leave-one-set-out (fit
on all dev sets but one, measure on the one left out). Words the check needs are never taken:
the scrubber's keep words (practice terms, relations such as mum and dad, council names), the
words of the knowledge base, and numbers (ages, durations), which the rules' own patterns read.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from bot.lang.nlp import language_dir, on_reset

WEIGHTS_FILE = "pd_learned.json"
OFF = False  # scripts/pd_loso.py turns the detector off to read the rules alone

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019-][A-Za-z0-9\u00c0-\u024f]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def _shape(word: str) -> str:
    out = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if len(out) < 2 or not (out[-1] == s and out[-2] == s):
            out.append(s)
    return "".join(out)


def _zipf_bin(z: float) -> str:
    return "0" if z <= 0 else str(min(int(z), 5))


def _word_facts(word: str, low: str) -> list[str]:
    """What the scrubber's word lists say of one word."""
    from bot.lang.details.lexicon import _lean, _lexicon, _zipf

    lex = _lexicon()
    z = _zipf(low)
    out = [f"z={_zipf_bin(z)}"]
    for name, words in (
        ("first", lex.first),
        ("surname", lex.surnames),
        ("wide", lex.wide_first),
        ("ordinary", lex.ordinary),
        ("keep", lex.keep),
        ("vocab", lex.vocab),
        ("street", lex.streets),
        ("before", lex.place_before),
    ):
        if low in words:
            out.append(name)
    if low in lex.institutions:
        out.append("inst")
    lean = _lean(low, lex)
    if lean > 0:
        out.append("lean>3" if lean > 3 else "lean>1" if lean > 1 else "lean>0")
    return out


def _initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u2018\u201c([*\u2022-")
    return not before or before[-1] in ".!?:;\n" or "\n" in text[len(before) : start]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word, a possessive "'s" left outside it."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        core = _POSSESSIVE.sub("", word) or word
        out.append((m.start(), m.start() + len(core), core))
    return out


def features(text: str, covered: list[bool]) -> list[list[str]]:
    """The features of each word of tokens(text); covered: whether the rules removed each."""
    toks = tokens(text)
    own = []
    for a, _b, word in toks:
        low = word.lower().replace("\u2019", "'")
        initial = _initial(text, a)
        cap = word[:1].isupper()
        upper = word.isupper() and len(word) > 1
        form = "upper" if upper else "cap_mid" if cap and not initial else "cap_init" if cap else "lower"
        facts = _word_facts(word, low)
        f = [f"w={low}", f"shape={_shape(word)}", form, f"suf3={low[-3:]}", f"suf2={low[-2:]}", f"pre3={low[:3]}"]
        f += facts
        f += [f"{form}&{facts[0]}"]
        if any(c.isdigit() for c in word):
            f.append("digit")
        if "-" in word:
            f.append("hyphen")
        if len(word) <= 2:
            f.append("short")
        own.append((low, form, facts, f))
    out = []
    for i, (_low, form, _facts, f) in enumerate(own):
        f = list(f)
        for side, j in (("p", i - 1), ("n", i + 1)):
            if 0 <= j < len(own):
                low2, form2, facts2, _ = own[j]
                f += [f"{side}={low2}", f"{side}form={form2}", f"{side}{facts2[0]}"]
                f += [f"{side}:{x}" for x in facts2[1:] if x in ("first", "surname", "keep", "street", "inst")]
                if covered[j]:
                    f += [f"{side}_rule", f"{side}_rule&{form}"]
            else:
                f.append(f"{side}_none")
        for side, j in (("p2", i - 2), ("n2", i + 2)):
            if 0 <= j < len(own) and covered[j]:
                f.append(f"{side}_rule")
        out.append(f)
    return out


def guarded(word: str) -> bool:
    """A word the detector never takes: numbers, the scrubber's keep words and practice words."""
    from bot.lang.details.lexicon import _lexicon, _typo_of_common, _words

    low = word.lower().replace("\u2019", "'")
    if re.search(r"\d", word) or low in _words("pd_name", "month_words") | _words("pd_name", "weekday_words"):
        return True  # numbers and dates: the rules' own patterns read them
    lex = _lexicon()
    if low in lex.keep or low in lex.vocab:
        return True
    # a word typed a letter wrong ("cancle", "summry"), as the rules read one, unless a listed name
    return low not in lex.first and low not in lex.surnames and _typo_of_common(low, 4.0)


@lru_cache(maxsize=1)
def _model() -> dict | None:
    path = language_dir() / WEIGHTS_FILE
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


on_reset(_model.cache_clear)


def scores(text: str, covered: list[bool], model: dict) -> list[float]:
    """The model's score (log-odds) of each word of tokens(text)."""
    w, bias = model["weights"], float(model["bias"])
    return [bias + sum(w.get(x, 0.0) for x in f) for f in features(text, covered)]


def extra(text: str, cfg: dict, spans: list, take) -> None:
    """Take each word the rules left whose score is at least the threshold (a name's label)."""
    model = None if OFF else _model()
    if not model or not text:
        return
    toks = tokens(text)
    covered = [any(a < e and s < b for s, e, _ in spans) for a, b, _w in toks]
    if all(covered):
        return
    threshold = float(model["threshold"])
    label = cfg.get("pd_name", {}).get("label", "name")
    for (a, b, word), done, score in zip(toks, covered, scores(text, covered, model), strict=False):
        if not done and score >= threshold and not guarded(word):
            take(a, b, label)
