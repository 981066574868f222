"""The scrubber's practice vocabulary (bot/lang/details/lexicon.py) is read from the knowledge base,
but never from the learned danger reading's training messages (knowledge/language/
danger_examples.yml): those are dev-set messages with invented names and places in them, and a
name there must not become a practice word that the scrubber keeps (issue 20). Found when the
file arrived and a tuned dev set lost 4 details in CI. Nor from the answer classifier's training
messages (answer_examples.yml, copied from the listening dev sets): the words the scrubber needs
from them are in their own list, knowledge/language/practice_words.yml (session 9)."""

from __future__ import annotations

import pytest
import yaml

from bot.lang.details.lexicon import _lexicon, _words_of
from bot.lang.nlp import language_dir


def _vocab_of(path) -> set:
    out: set = set()
    _words_of(yaml.safe_load(path.read_text(encoding="utf-8")), out, as_typed=True)
    return out


EXAMPLES = ("danger_examples.yml", "answer_examples.yml")


@pytest.mark.parametrize("name", EXAMPLES)
def test_words_found_only_in_the_training_examples_are_no_practice_vocabulary(name):
    lang = language_dir()
    only_there = _vocab_of(lang / name)
    for path in sorted(lang.parent.rglob("*.yml")):
        if path.name not in EXAMPLES + ("name_words.yml", "personal_details.yml"):
            only_there -= _vocab_of(path)
    assert len(only_there) > 25  # the file does hold words of its own (names, places, slang)
    assert not only_there & _lexicon().vocab, sorted(only_there & _lexicon().vocab)[:20]


def test_the_practice_word_list_is_vocabulary_and_holds_no_listed_name_but_ward():
    lex = _lexicon()
    words = {str(w).lower() for w in yaml.safe_load((language_dir() / "practice_words.yml").read_text())["words"]}
    assert len(words) > 300 and words <= lex.vocab
    on_name_lists = {w for w in words if w in lex.first or w in lex.wide_first or w in lex.surnames}
    assert on_name_lists == {"ward"}, sorted(on_name_lists)
