"""Aliases and `typed_as` (knowledge/README.md). An alias is a name the cited documents use, so
a second read can check it; `typed_as` holds what practitioners type that no document uses
(FGC, DV, "social services"): it finds an item but is never shown in an answer."""

import dataclasses
import re
from pathlib import Path

import yaml

from bot.knowledge.answers import find_items, render
from bot.knowledge.loader import get_kb

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def _fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("-", " ")
    return re.sub(r"\s+", " ", text).lower()


def _documents() -> dict[str, str]:
    sources = yaml.safe_load((ROOT / "knowledge" / "sources.yml").read_text())
    return {d["id"]: _fold((SEEDS / d["file"]).read_text(errors="ignore")) for d in sources["documents"]}


def _with_typed_as():
    kb = get_kb()
    return kb, [item for item in kb.items.values() if item.typed_as]


def test_some_items_carry_typed_as_words():
    _, items = _with_typed_as()
    assert len(items) >= 10


def test_a_typed_as_word_finds_its_item():
    kb, items = _with_typed_as()
    owners: dict[str, set[str]] = {}
    for item in kb.items.values():
        for word in (item.name, *item.aliases, *item.typed_as):
            owners.setdefault(word.lower(), set()).add(item.id)
    missed = []
    for item in items:
        for word in item.typed_as:
            if len(owners[word.lower()]) > 1:
                continue  # a word two items share finds one of them
            if item.id not in [i.id for i, *_ in find_items(f"what is {word}?", kb)]:
                missed.append((item.id, word))
    assert not missed


def test_the_answer_never_shows_typed_as_words():
    kb, items = _with_typed_as()
    for item in items:
        marked = dataclasses.replace(item, typed_as=("qzxtypedasmarker",))
        assert "qzxtypedasmarker" not in render(marked, kb).lower(), item.id


def test_typed_as_is_not_also_an_alias():
    _, items = _with_typed_as()
    assert not [(i.id, w) for i in items for w in i.typed_as if w.lower() in {a.lower() for a in i.aliases}]


def test_an_alias_of_a_local_item_is_a_word_its_documents_use():
    """Items citing only the five documents: each alias occurs in one of the documents the item
    cites (case, hyphens and white space folded). Items citing a national source name its terms."""
    docs = _documents()
    kb = get_kb()
    outside = []
    for item in kb.items.values():
        cites = (item.source, *item.also)
        if not item.aliases or any(c.doc not in docs for c in cites):
            continue
        for alias in item.aliases:
            pattern = rf"(?<!\w){re.escape(_fold(alias))}(?!\w)"
            if not any(re.search(pattern, docs[c.doc]) for c in cites):
                outside.append((item.id, alias))
    assert not outside
