"""Issue 20: lower-case given names typed in a person's place, from lists that only the wider
name lists cover once their letters are folded (Vietnamese, Turkish) or romanised (Cyrillic),
after a verb of being plus a state only a person is in, and as the object of what is done to a
person. Every name and sentence is invented."""

import pytest

from bot.lang.details.lexicon import _folded, _lexicon, _romanised
from bot.lang.scrub import scrub


def test_accents_fold_to_what_an_english_keyboard_types():
    assert _folded("Thảo") == "Thao"
    assert _folded("Đức") == "Duc"
    assert _folded("Łukasz") == "Lukasz"


def test_cyrillic_names_are_romanised_with_each_usual_spelling():
    table = {"д": "d", "м": "m", "и": ["i", "y"], "т": "t", "р": "r", "о": "o"}
    assert _romanised("Дмитро", table) == {"dmitro", "dmytro"}
    assert _romanised("Дмитрий", table) == set()  # a letter the table lacks: no spelling


@pytest.mark.parametrize("word", ["thao", "phuong", "oksana", "dmytro", "aleksei", "vitalii", "andriy"])
def test_eastern_european_and_vietnamese_given_names_are_listed(word):
    lex = _lexicon()
    assert word in lex.first or word in lex.wide_first


@pytest.mark.parametrize("word", ["america", "africa"])
def test_a_name_listed_only_with_its_accents_joins_the_stricter_list(word):
    assert word not in _lexicon().first


@pytest.mark.parametrize(
    "text, name",
    [
        ("dad said summer had not eaten since friday", "summer"),
        ("i think grace was crying again when i left", "grace"),
        ("the twins are fine but thao is always hungry", "thao"),
        ("mum took thao to the walk-in centre", "thao"),
        ("dad smacked kacper in front of me", "kacper"),
        ("i saw oksana today and she looked pale", "oksana"),
        ("picked up dmytro from breakfast club at 8", "dmytro"),
    ],
)
def test_lower_case_names_in_a_persons_place_are_removed(text, name):
    out = scrub(text).text
    assert name not in out.lower().split() and "[name]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "she left school at 16 and took everything with her",
        "i spoke to housing today about the damp",
        "summer was hard, the heating was off for weeks",
        "the dinner had not been eaten",
        "mum took paris to the zoo",
    ],
)
def test_ordinary_words_in_those_places_stay(text):
    assert "[name]" not in scrub(text).text
