"""The shared spaCy pipeline and the small pattern notation of knowledge/language/*.yml.

The pipeline is `spacy.blank("en")` with the lookup lemmatizer of spacy-lookups-data and
one component of ours, which writes to `token.norm_` the base form of the lower-case word
after common typing shortcuts are mended ("hasnt" -> has not, "rn" -> now, "6yo" -> yo).
Patterns match on NORM, so "leave" in a pattern also matches "left" and "Leaving".

Nothing is built at import time: `get_nlp()` builds the pipeline once, on first use.
"""

from __future__ import annotations

import itertools
import re
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.lang import grammar

# Typing shortcuts, after spaCy's own tokenizer exceptions (which already split "hasnt"
# into "has" + "nt" with the norm "not"). Keys are lower-case tokens.
SPELLINGS = {
    "rn": "now",
    "atm": "now",
    "u": "you",
    "r": "be",
    "ur": "your",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "b/c": "because",
    "noone": "nobody",
    "ppl": "people",
    "m": "be",
    "s": "'s",
    "'s": "'s",
    "tmrw": "tomorrow",
    "tmrw.": "tomorrow",
    "tonite": "tonight",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "mommy": "mum",
    "daddy": "dad",
    "yrs": "year",
    "yr": "year",
    "mths": "month",
    "mth": "month",
    "wks": "week",
    "wk": "week",
}
AGE_TOKEN = re.compile(r"^\d{1,2}(yo|y/o|yrs?|yr-old|yrold|mo|mths?|months?|wks?)$")

_lock = threading.Lock()
_nlp = None
_table = None  # the lemma lookup table of spacy-lookups-data, once the pipeline is built


def _import_spacy():
    """Imports spaCy without letting thinc load TensorFlow when nothing else has.

    thinc 8.1 imports TensorFlow whenever it is installed (Rasa installs it), which costs
    several seconds and is never used by a rule-based pipeline. When TensorFlow is not
    already loaded, it is hidden for the length of the import only; a later
    `import tensorflow` (by Rasa) works as usual.
    """
    if "spacy" in sys.modules or "tensorflow" in sys.modules:
        import spacy

        return spacy
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("tensorflow", 0) is None:
            del sys.modules["tensorflow"]
    return spacy


def get_nlp():
    """The pipeline of this process, built once (thread-safe)."""
    global _nlp, _table
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            spacy = _import_spacy()
            from spacy.language import Language

            nlp = spacy.blank("en")
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
            _table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
            if not Language.has_factory("bot_lang_norm"):
                Language.component("bot_lang_norm", func=_norm_component)
            nlp.add_pipe("bot_lang_norm", last=True)
            _nlp = nlp
    return _nlp


def norm_word(word: str) -> str:
    """The base form used for matching: lower case, shortcut mended, lemma looked up."""
    w = word.lower().replace("\u2019", "'")
    if w in SPELLINGS:
        return SPELLINGS[w]
    if AGE_TOKEN.match(w):
        return "yo"
    if _table is None:
        get_nlp()
    return _table.get(w, w)


def _norm_component(doc):
    prev = ""
    for tok in doc:
        n = norm_word(tok.norm_)
        if n == "old" and (prev in grammar.words("age_unit_norms")):
            n = "yo"
        tok.norm_ = n
        if tok.text != "-":
            prev = n
    return doc


def nlp_doc(text: str):
    return get_nlp()(text)


# -- YAML ---------------------------------------------------------------------------------
def language_dir() -> Path:
    from bot.settings import get_settings

    return get_settings().knowledge_dir / "language"


@cache
def load_yaml(name: str) -> dict:
    path = language_dir() / name
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def reset_caches() -> None:
    """Forget loaded YAML and compiled matchers (after an edit of knowledge/language/)."""
    load_yaml.cache_clear()
    grammar.reset()
    for fn in _RESETTERS:
        fn()


_RESETTERS: list = []


def on_reset(fn):
    _RESETTERS.append(fn)
    return fn


# -- the pattern notation -------------------------------------------------------------------
class PatternError(ValueError):
    pass


def _alternatives(spec: str, words: dict[str, list[str]]) -> list[dict]:
    """Token dicts for one position: alternatives merged into at most one dict per attribute."""
    norms: list[str] = []
    lowers: list[str] = []
    dicts: list[dict] = []
    for alt in spec.split("|"):
        if not alt:
            raise PatternError(f"empty alternative in {spec!r}")
        if alt.startswith("@"):
            if alt[1:] not in words:
                raise PatternError(f"unknown word list {alt!r}")
            norms.extend(norm_word(w) for w in words[alt[1:]])
        elif alt.startswith("="):
            lowers.append(alt[1:].lower())
        elif alt.startswith("~"):
            dicts.append({"LOWER": {"REGEX": alt[1:]}})
        elif alt == "#num":
            dicts.append({"LIKE_NUM": True})
        else:
            norms.append(norm_word(alt))
    if "be" in norms or "have" in norms:
        norms.append("'s")  # "she's" is she is or she has
    if norms:
        dicts.append({"NORM": {"IN": sorted(set(norms))}})
    if lowers:
        dicts.append({"LOWER": {"IN": sorted(set(lowers))}})
    return dicts


def compile_pattern(text: str, words: dict[str, list[str]], block: Iterable[str] = ()) -> list[list[dict]]:
    """One pattern string -> one or more spaCy Matcher patterns (see danger.yml)."""
    block_norms = sorted({norm_word(b) for b in block} | grammar.words("block_words"))
    positions: list[list[dict]] = []
    for part in text.split():
        if re.fullmatch(r"\*\d{2,}", part):
            raise PatternError(f"wildcard {part}: at most *9 words may be skipped")
        m = re.fullmatch(r"\*(\d)", part)
        if m:
            for _ in range(int(m.group(1))):
                positions.append([{"IS_PUNCT": False, "NORM": {"NOT_IN": block_norms}, "OP": "?"}])
            continue
        optional = part.endswith("?") and len(part) > 1 and not part.startswith("~")
        if optional:
            part = part[:-1]
        alts = _alternatives(part, words)
        if optional:
            alts = [dict(d, OP="?") for d in alts]
        positions.append(alts)
    if not positions:
        raise PatternError("empty pattern")
    return [list(combo) for combo in itertools.product(*positions)]


def build_matcher(entries: Iterable[tuple[str, str]], words: dict[str, list[str]], block: Iterable[str] = ()):
    """A Matcher with each (key, pattern text) added under its key."""
    nlp = get_nlp()  # first: it imports spaCy the quick way
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    grouped: dict[str, list] = {}
    for key, text in entries:
        try:
            grouped.setdefault(key, []).extend(compile_pattern(text, words, block))
        except PatternError as exc:
            raise PatternError(f"{key}: {text!r}: {exc}") from None
    for key, pats in grouped.items():
        matcher.add(key, pats)
    return PrefilteredMatcher(matcher, grouped)


def _needs(pattern: list[dict]) -> tuple[tuple[str, frozenset], ...]:
    """The words a pattern cannot match without: for each required position (no OP) that is
    a list of words, ("NORM" or "LOWER", the words). Empty when every required position is a
    regular expression or a number, and then the pattern may match any doc."""
    needs = []
    for token in pattern:
        if "OP" in token or len(token) != 1:
            continue
        ((attr, value),) = token.items()
        if attr in ("NORM", "LOWER") and isinstance(value, dict) and set(value) == {"IN"}:
            needs.append((attr, frozenset(value["IN"])))
    return tuple(sorted(set(needs), key=lambda n: len(n[1])))


class PrefilteredMatcher:
    """A spaCy Matcher that runs, on each doc, only the patterns that find there every word
    they need (`_needs`) and the few that need no word (regular expressions). Most messages
    hold none of a matcher's words, and running a few hundred patterns with optional wildcards
    costs milliseconds a message (issue 23); the Matcher of a set of patterns is built once
    and kept (issue 19: reading an account). The matches, and their order, are the whole
    Matcher's: a pattern that cannot match adds no state the others see. Anything else is
    passed to the whole Matcher."""

    def __init__(self, matcher, grouped: dict[str, list[list[dict]]]) -> None:
        self.matcher = matcher
        strings = matcher.vocab.strings
        # every pattern in the whole Matcher's order: (key, pattern, what it needs as hashes)
        self.patterns: list[tuple[str, list[dict], tuple]] = []
        self.free: list[int] = []  # the patterns that need no word
        # each pattern under the words of its smallest list: only those a doc holds are checked
        self.by_word: dict[tuple[int, int], list[int]] = {}
        for key, pats in grouped.items():
            for p in pats:
                needs = tuple((_ATTR[a], frozenset(strings.add(w) for w in ws)) for a, ws in _needs(p))
                self.patterns.append((key, p, needs[1:]))
                if not needs:
                    self.free.append(len(self.patterns) - 1)
                    continue
                attr, words = needs[0]
                for w in words:
                    self.by_word.setdefault((attr, w), []).append(len(self.patterns) - 1)
        self._subs: dict[tuple[int, ...], Any] = {}

    def candidates(self, doclike) -> tuple[int, ...]:
        """The patterns that may match the doc (or span), in the whole Matcher's order."""
        arr = doclike.to_array(["NORM", "LOWER"])
        have = {0: set(arr[:, 0].tolist()), 1: set(arr[:, 1].tolist())} if len(arr) else {0: set(), 1: set()}
        found = set(self.free)
        for attr, words in have.items():
            for w in words:
                for i in self.by_word.get((attr, w), ()):
                    if i not in found and all(not ws.isdisjoint(have[a]) for a, ws in self.patterns[i][2]):
                        found.add(i)
        return tuple(sorted(found))

    def could_match(self, doc) -> bool:
        """Whether a pattern that needs words may match the doc."""
        return any(i not in self.free for i in self.candidates(doc))

    def _sub(self, ids: tuple[int, ...]):
        sub = self._subs.get(ids)
        if sub is None:
            from spacy.matcher import Matcher

            sub = Matcher(self.matcher.vocab)
            grouped: dict[str, list] = {}
            for i in ids:
                grouped.setdefault(self.patterns[i][0], []).append(self.patterns[i][1])
            for key, pats in grouped.items():
                sub.add(key, pats)
            if len(self._subs) >= 4096:
                self._subs.clear()
            self._subs[ids] = sub
        return sub

    def __call__(self, doc, *args, **kwargs):
        ids = self.candidates(doc)
        if not ids:
            return []
        return self._sub(ids)(doc, *args, **kwargs)

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key) -> bool:
        return key in self.matcher

    def __getattr__(self, name):
        return getattr(self.matcher, name)


_ATTR = {"NORM": 0, "LOWER": 1}


@dataclass(frozen=True)
class Seq:
    """A fixed sequence of alternatives (no wildcards), for 'not_followed_by' checks."""

    steps: tuple[frozenset, ...]

    @classmethod
    def parse(cls, text: str, words: dict[str, list[str]]) -> Seq:
        steps = []
        for part in text.split():
            alts: set[str] = set()
            for alt in part.split("|"):
                if alt.startswith("@"):
                    alts.update(norm_word(w) for w in words[alt[1:]])
                else:
                    alts.add(norm_word(alt.lstrip("=")))
            steps.append(frozenset(alts))
        return cls(tuple(steps))

    def matches_at(self, doc, i: int) -> bool:
        if i + len(self.steps) > len(doc):
            return False
        return all(doc[i + k].norm_ in step for k, step in enumerate(self.steps))


# -- clauses and sentences ------------------------------------------------------------------
SENT_PUNCT = {".", "!", "?", ";", "\n"}
CLAUSE_PUNCT = {",", ":", "(", ")", "\u2013", "\u2014", "/"}


def _is_dash_break(doc, i: int) -> bool:
    tok = doc[i]
    if tok.text not in {"-", "--"}:
        return False
    before = i == 0 or bool(doc[i - 1].whitespace_)
    return before and bool(tok.whitespace_)


def segments(doc) -> tuple[list[int], list[int]]:
    """Sentence and clause numbers for each token (boundary tokens end their segment).

    Worked out once a Doc (kept in its user_data under its own key: the text and norms
    of a Doc never change after the pipeline); each call gets its own copies. A Span is worked out
    every time."""
    memo = getattr(doc, "user_data", None)
    if memo is None:
        return _segments(doc)
    got = memo.get(_SEGMENTS_KEY)
    if got is None:
        got = memo[_SEGMENTS_KEY] = _segments(doc)
    return list(got[0]), list(got[1])


_SEGMENTS_KEY = ("bot.lang.nlp", "segments")


def _segments(doc) -> tuple[list[int], list[int]]:
    sent_ids, clause_ids = [], []
    s = c = 0
    clause_words = grammar.words("clause_words")  # (once a doc, not once a word)
    for i, tok in enumerate(doc):
        sent_ids.append(s)
        clause_ids.append(c)
        t = tok.text
        if t in SENT_PUNCT or "\n" in t or (t and set(t) <= {".", "!", "?"}):
            s += 1
            c += 1
        elif t in CLAUSE_PUNCT or (t in ("-", "--") and _is_dash_break(doc, i)):
            c += 1
        elif tok.norm_ in clause_words and i > 0:
            # the clause word starts the next clause
            clause_ids[-1] = c + 1
            c += 1
    return sent_ids, clause_ids


def span_bounds(ids: list[int], i: int) -> tuple[int, int]:
    """First and one-past-last token of the segment holding token i."""
    start = i
    while start > 0 and ids[start - 1] == ids[i]:
        start -= 1
    end = i
    while end < len(ids) and ids[end] == ids[i]:
        end += 1
    return start, end


def as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
