"""The function words the readers of bot/lang share (knowledge/language/grammar.yml): word
lists become frozensets, tables dicts. Read once, on first use, and checked against
bot/knowledge/schema_words.py `GrammarFile`; bot/lang/nlp.py `reset_caches()` (so
`reload_rules()`) rereads them. This module imports nothing of bot/lang, so every reader,
nlp.py included, can import it."""

from __future__ import annotations

from functools import cache

import yaml


@cache
def _file() -> dict:
    from bot.knowledge.schema_words import GrammarFile
    from bot.settings import get_settings

    path = get_settings().knowledge_dir / "language" / "grammar.yml"
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    GrammarFile.parse_obj(raw)  # raises with every problem of the file
    return raw


@cache
def words(name: str) -> frozenset[str]:
    """A word list of grammar.yml `words` as a set."""
    return frozenset(str(w) for w in _file()["words"][name])


@cache
def ordered(name: str) -> tuple[str, ...]:
    """A word list of grammar.yml `words` in the file's order."""
    return tuple(str(w) for w in _file()["words"][name])


@cache
def table(name: str) -> dict[str, float]:
    """A table of grammar.yml `tables` (word -> number)."""
    return {str(k): v for k, v in _file()["tables"][name].items()}


def reset() -> None:
    """Forget the file (after an edit of knowledge/language/grammar.yml)."""
    for fn in (_file, words, ordered, table):
        fn.cache_clear()
