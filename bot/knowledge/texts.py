"""The sentences the assistant says, read from knowledge/language/replies/<walk>.yml.

`say("check.paused", ref="ABC-12")` is the text under `paused` in replies/check.yml with its
`{ref}` filled in; a nested group adds a part to the key (`check.buttons.start_new`). The
catalogue is read and checked once (a mapping of keys to texts, every `{placeholder}` a plain
name, no key named id, source, also or related, which the knowledge loader reads everywhere); the
action server reads it at start (actions/common.py), so a broken file stops it there. An unknown key,
a placeholder not supplied or a value nobody asked for raises ReplyTextError naming the key and
the file. tests/unit/test_reply_texts.py checks that every key the code uses exists and gets
exactly its placeholders. Literal braces in a text are written `{{` and `}}`.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from bot.knowledge.schema_words import WordListsFile

FOLDER = ("language", "replies")
# keys the knowledge loader reads in every file of knowledge/ (an item's id, its sources, related
# items): never a reply's key
RESERVED = frozenset({"id", "source", "also", "related"})


class ReplyTextError(KeyError):
    """A reply text that is missing, malformed or asked for with the wrong values."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def folder() -> Path:
    from bot.settings import get_settings

    return get_settings().knowledge_dir.joinpath(*FOLDER)


def placeholders(template: str) -> set[str]:
    """The names a text needs, e.g. {'ref'} for "Paused under {ref}."."""
    names = set()
    for _, name, spec, conv in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conv:
            raise ReplyTextError(f"'{{{name}}}' is not a plain placeholder (write literal braces as '{{{{' and '}}}}')")
        names.add(name)
    return names


def _flatten(node: Any, key: str, where: str, out: dict[str, str], problems: list[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if not isinstance(k, str):  # YAML reads a bare on, off, yes or no as true or false
                problems.append(f"{where}: '{key}.{k}': a key must be a word (quote yes, no, on and off)")
                continue
            if k in RESERVED:
                problems.append(f"{where}: '{key}.{k}': '{k}' is a knowledge field, not a reply key")
                continue
            _flatten(v, f"{key}.{k}", where, out, problems)
    elif isinstance(node, str) and node.strip():
        try:
            placeholders(node)
        except (ReplyTextError, ValueError) as exc:
            problems.append(f"{where}: '{key}': {exc}")
            return
        out[key] = node
    else:
        problems.append(f"{where}: '{key}' must be a non-empty text or a group of texts")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    """Every reply text by key, read and checked once; raises ReplyTextError listing the problems."""
    root = folder()
    out: dict[str, str] = {}
    problems: list[str] = []
    paths = sorted(root.glob("*.yml"))
    if not paths:
        problems.append(f"{root}: no reply texts (*.yml) found")
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            problems.append(f"{path.name}: must be a mapping of keys to texts")
            continue
        _flatten(data, path.stem, path.name, out, problems)
    if problems:
        raise ReplyTextError("reply texts: " + "; ".join(problems))
    return out


def say(key: str, **values: Any) -> str:
    """The text under `key` with its placeholders filled in from `values`."""
    texts = catalogue()
    if key not in texts:
        walk = key.split(".", 1)[0]
        raise ReplyTextError(f"no reply text '{key}' in {'/'.join(FOLDER)}/{walk}.yml")
    template = texts[key]
    needed = placeholders(template)
    missing, extra = needed - set(values), set(values) - needed
    if missing or extra:
        raise ReplyTextError(
            f"reply text '{key}' needs {sorted(needed) or 'no values'}: "
            + (f"missing {sorted(missing)}" if missing else "")
            + ("; " if missing and extra else "")
            + (f"not used {sorted(extra)}" if extra else "")
        )
    return template.format(**values)


WORD_LISTS = "word_lists.yml"  # knowledge/language/word_lists.yml


@lru_cache(maxsize=1)
def words() -> WordListsFile:
    """The word lists of knowledge/language/word_lists.yml, read and checked once
    (bot/knowledge/schema_words.py); KnowledgeError names every problem."""
    from bot.knowledge import files
    from bot.knowledge.schema_words import WordListsFile

    rel = f"{FOLDER[0]}/{WORD_LISTS}"
    return files.check_or_raise(WordListsFile, files.read_or_raise(folder().parent / WORD_LISTS, rel), rel)


def has(key: str) -> bool:
    """Whether the catalogue has a text under `key` (for keys made from stored values)."""
    return key in catalogue()
