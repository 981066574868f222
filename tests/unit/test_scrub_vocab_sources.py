"""The scrubber's practice vocabulary (bot/lang/details/lexicon.py) is read from the knowledge base,
but never from the learned danger reading's training messages (knowledge/language/
danger_examples.yml): those are dev-set messages with invented names and places in them, and a
name there must not become a practice word that the scrubber keeps (issue 20). Found when the
file arrived and a tuned dev set lost 4 details in CI."""

from __future__ import annotations

import yaml

from bot.lang.details.lexicon import _lexicon, _words_of
from bot.lang.nlp import language_dir


def _vocab_of(path) -> set:
    out: set = set()
    _words_of(yaml.safe_load(path.read_text(encoding="utf-8")), out, as_typed=True)
    return out


def test_words_found_only_in_the_danger_examples_are_no_practice_vocabulary():
    lang = language_dir()
    only_there = _vocab_of(lang / "danger_examples.yml")
    for path in sorted(lang.parent.rglob("*.yml")):
        if path.name not in ("danger_examples.yml", "name_words.yml", "personal_details.yml"):
            only_there -= _vocab_of(path)
    assert len(only_there) > 50  # the file does hold words of its own (names, places, slang)
    assert not only_there & _lexicon().vocab, sorted(only_there & _lexicon().vocab)[:20]
