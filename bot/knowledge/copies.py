"""The copy checks of knowledge/ against the five documents (issue 22): no run of 12 or more
words of any knowledge text, and none of 8 or more in item text, stands in a document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

# citation fields quote the document on purpose (a heading, a distinctive phrase)
CITATION_KEYS = ("source", "also", "indicator_sources", "based_on")


def norm_text(text: str) -> str:
    """Lower case, apostrophes dropped, words and numbers only, single spaces."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _grams(seeds: Path, n: int) -> set[str]:
    grams: set[str] = set()
    for f in sorted(seeds.glob("*.txt")):
        words = norm_text(f.read_text(encoding="utf-8", errors="replace")).split()
        grams.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def _runs(root: Path, paths: Iterable[Path], seeds: Path, n: int, citations: bool) -> list[str]:
    """The first shared run of each text, as 'file: run'."""
    grams = _grams(seeds, n)
    hits = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in _strings(data if citations else _without_citations(data)):
            words = norm_text(text).split()
            for i in range(len(words) - n + 1):
                run = " ".join(words[i : i + n])
                if run in grams:
                    hits.append(f"{path.relative_to(root)}: '{run}'")
                    break
    return hits


def copied_runs(root: Path, seeds: Path, n: int = 12) -> list[str]:
    """Every run of n or more words in knowledge/ text that also stands in a seed document."""
    return _runs(root, sorted(root.rglob("*.yml")), seeds, n, citations=True)


def copied_text_runs(root: Path, seeds: Path, n: int = 8, files: Iterable[str] | None = None) -> list[str]:
    """Runs of n or more words that item text (not a citation's heading or phrase, which quote
    the document on purpose) shares with a seed document."""
    paths = [root / f for f in files] if files else sorted(root.rglob("*.yml"))
    return _runs(root, paths, seeds, n, citations=False)


def _without_citations(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_citations(v) for k, v in node.items() if k not in CITATION_KEYS}
    if isinstance(node, list):
        return [_without_citations(v) for v in node]
    return node


def _strings(node: Any) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
