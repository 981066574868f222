"""One-word commands typed with a slip ("pasue", "mneu", "hlep"): the command word one edit away,
when the word is no word of English and no word the users type for something else
(knowledge/language/commands.yml typed_forms.mend.one_word). Split from bot/walks/commands.py,
whose `read()` tries it last."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.lang.nlp import load_yaml, on_reset
from bot.walks.commands import INTENTS, Command, _norm, _strip_polite, grammar


@dataclass(frozen=True)
class OneWord:
    words: dict[str, str]  # each one-word command phrase -> its command
    min_length: int
    long_from: int  # a word this long may be two edits from its command word
    max_zipf: float  # a word this common in English is a word, never a slip


@lru_cache(maxsize=1)
def one_word() -> OneWord:
    spec = ((load_yaml("commands.yml").get("typed_forms") or {}).get("mend") or {}).get("one_word") or {}
    words: dict[str, str] = {}
    for name, phrases in grammar().phrases.items():
        for p in phrases:
            if "{ref}" not in p and re.fullmatch(r"[a-z]+", p):
                words.setdefault(p, name)
    return OneWord(
        words, int(spec.get("min_length", 4)), int(spec.get("long_from", 8)), float(spec.get("max_zipf", 2.0))
    )


on_reset(one_word.cache_clear)


@lru_cache(maxsize=4096)
def _common(word: str, max_zipf: float) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= max_zipf


@lru_cache(maxsize=1)
def _users_words() -> frozenset:
    """The words (lower case) of the NLU training examples of the intents that are no command
    (data/nlu): a word the assistant's users type for something else ('pams', a practice term)."""
    from bot.lang.nlp import language_dir

    out: set[str] = set()
    for path in sorted((language_dir().parent.parent / "data" / "nlu").glob("*.yml")):
        for block in load_data(path).get("nlu") or []:
            if not isinstance(block, dict) or str(block.get("intent", "")).split("/")[0] in INTENTS:
                continue
            examples = block.get("examples")
            if isinstance(examples, str):
                out.update(w.lower() for w in re.findall(r"[A-Za-z]+", examples))
    return frozenset(out)


on_reset(_users_words.cache_clear)


def load_data(path) -> dict:
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def read_slip(message: str) -> Command | None:
    """A one-word command typed with a slip ("pasue", "mneu", "hlep", "stpo"), polite words
    aside: the one command word one edit away (Damerau-Levenshtein, rapidfuzz; two edits from
    `long_from` letters), when the word is at least `min_length` letters, is no word of English
    (wordfreq below `max_zipf`: "shop" is never "stop", "bake" never "back"), no word the users
    type for something else (the NLU examples of the other intents: 'pams') and is not as near
    to two commands ("pase": pass or pause) (commands.yml typed_forms.mend.one_word)."""
    if not message or message.startswith("/"):
        return None
    plain = _strip_polite(_norm(message))
    if not re.fullmatch(r"[a-z]+", plain) or re.search(rf"\b{plain.upper()}\b", message):
        return None  # not one word, or one typed in capitals: an acronym ('PAMS?', 'TAF')
    ow = one_word()
    if len(plain) < ow.min_length or plain in ow.words or _common(plain, ow.max_zipf) or plain in _users_words():
        return None
    from rapidfuzz.distance import DamerauLevenshtein

    limit = 1 if len(plain) < ow.long_from else 2
    near = {(w, DamerauLevenshtein.distance(plain, w, score_cutoff=limit)) for w in ow.words}
    near = {(w, d) for w, d in near if d <= limit}
    if not near:
        return None
    best = min(d for _, d in near)
    names = {ow.words[w] for w, d in near if d == best}
    return Command(names.pop()) if len(names) == 1 else None
