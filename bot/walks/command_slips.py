"""One-word commands typed with a slip ("pasue", "mneu", "hlep"): the command word one edit away,
when the word is no word of English and no word the users type for something else
(knowledge/language/commands.yml typed_forms.mend.one_word). Split from bot/walks/commands.py,
whose `read()` tries it last; it imports nothing of bot/walks (commands.py passes in its
phrases and its intents)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.lang.nlp import load_yaml, on_reset


@dataclass(frozen=True)
class OneWord:
    words: dict[str, str]  # each one-word command phrase -> its command
    min_length: int
    long_from: int  # a word this long may be two edits from its command word
    max_zipf: float  # a word this common in English is a word, never a slip
    real_word_slips: dict[str, str] = field(default_factory=dict)  # an English word typed alone -> its command word


def build_one_word(command_phrases: dict) -> OneWord:
    """The one-word phrases of each command (`command_phrases`: name -> phrases) and the limits."""
    spec = ((load_yaml("commands.yml").get("typed_forms") or {}).get("mend") or {}).get("one_word") or {}
    words: dict[str, str] = {}
    for name, phrases in command_phrases.items():
        for p in phrases:
            if "{ref}" not in p and re.fullmatch(r"[a-z]+", p):
                words.setdefault(p, name)
    slips = {str(k).lower(): str(v).lower() for k, v in (spec.get("real_word_slips") or {}).items()}
    for slip, word in slips.items():
        if word not in words:
            raise ValueError(f"commands.yml one_word.real_word_slips: {slip!r} -> {word!r} is no one-word command")
    return OneWord(
        words,
        int(spec.get("min_length", 4)),
        int(spec.get("long_from", 8)),
        float(spec.get("max_zipf", 2.0)),
        slips,
    )


@lru_cache(maxsize=4096)
def _common(word: str, max_zipf: float) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= max_zipf


@lru_cache(maxsize=4)
def _users_words(command_intents: frozenset) -> frozenset:
    """The words (lower case) of the NLU training examples of the intents that are no command
    (data/nlu): a word the assistant's users type for something else ('pams', a practice term)."""
    from bot.lang.nlp import language_dir

    out: set[str] = set()
    for path in sorted((language_dir().parent.parent / "data" / "nlu").glob("*.yml")):
        for block in load_data(path).get("nlu") or []:
            if not isinstance(block, dict) or str(block.get("intent", "")).split("/")[0] in command_intents:
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


def nearest_command(plain: str, message: str, ow: OneWord, command_intents: frozenset) -> str | None:
    """The command a one-word message (`plain`: lower case, polite words off) is a slip of: the
    one command word one edit away (Damerau-Levenshtein, rapidfuzz; two edits from `long_from`
    letters), when the word is at least `min_length` letters, is no word of English (wordfreq
    below `max_zipf`: "shop" is never "stop", "bake" never "back"), no word the users type for
    something else (the NLU examples of the other intents: 'pams') and is not as near to two
    commands ("pase": pass or pause) (commands.yml typed_forms.mend.one_word)."""
    if not re.fullmatch(r"[a-z]+", plain) or re.search(rf"\b{plain.upper()}\b", message):
        return None  # not one word, or one typed in capitals: an acronym ('PAMS?', 'TAF')
    if plain in ow.real_word_slips:
        return ow.words[ow.real_word_slips[plain]]  # an English word typed alone for a command ("paws")
    if (
        len(plain) < ow.min_length
        or plain in ow.words
        or _common(plain, ow.max_zipf)
        or plain in _users_words(command_intents)
    ):
        return None
    from rapidfuzz.distance import DamerauLevenshtein

    limit = 1 if len(plain) < ow.long_from else 2
    near = {(w, DamerauLevenshtein.distance(plain, w, score_cutoff=limit)) for w in ow.words}
    near = {(w, d) for w, d in near if d <= limit}
    if not near:
        return None
    best = min(d for _, d in near)
    names = {ow.words[w] for w, d in near if d == best}
    return names.pop() if len(names) == 1 else None
