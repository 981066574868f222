"""`typed_as` words (knowledge/README.md) find an item but are never shown: they are what
practitioners type, not what a document says."""

import re

from bot.knowledge.answers import find_items, render
from bot.knowledge.loader import get_kb


def _items_with_typed_as():
    kb = get_kb()
    return kb, [item for item in kb.items.values() if item.typed_as]


def test_some_items_carry_typed_as_words():
    _, items = _items_with_typed_as()
    assert len(items) >= 10


def test_a_typed_as_word_finds_its_item():
    kb, items = _items_with_typed_as()
    missed = []
    for item in items:
        for word in item.typed_as:
            found = [i.id for i, *_ in find_items(f"what is {word}?", kb)]
            if item.id not in found:
                missed.append((item.id, word, found))
    assert not missed


def test_typed_as_words_never_appear_in_an_answer():
    kb, items = _items_with_typed_as()
    shown = []
    for item in items:
        text = render(item, kb)
        own = {item.name.lower(), *(a.lower() for a in item.aliases)}
        for word in item.typed_as:
            if word.lower() in own:
                continue
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
                shown.append((item.id, word))
    assert not shown


def test_typed_as_is_not_also_an_alias():
    _, items = _items_with_typed_as()
    both = [(i.id, w) for i in items for w in i.typed_as if w.lower() in {a.lower() for a in i.aliases}]
    assert not both
