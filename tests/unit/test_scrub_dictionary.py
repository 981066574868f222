"""Issue 20: the rule for words no English dictionary lists (bot/lang/details/rare_words.py,
pd_name `undictionary_zipf`, `proper_undictionary_zipf`, `initial_undictionary_zipf` in
knowledge/language/personal_details.yml). The surnames here are rare English place-surnames
that wordfreq knows a little but WordNet does not; the sentences are invented."""

from __future__ import annotations

import pytest

from bot.lang.api import scrub
from bot.lang.details.lexicon import _config


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("nursery said ashcombe smelt of smoke again", "nursery said [name] smelt of smoke again"),
        ("spoke with thistlewood on the phone", "spoke with [name] on the phone"),
        ("fothergill had no coat on", "[name] had no coat on"),
    ],
)
def test_a_rare_word_no_dictionary_lists_is_a_name(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("will ring the family tmrw", "tmrw"),  # no vowel: typed short
        ("no accomm sorted yet", "accomm"),  # a dictionary word cut short
        ("asked about olanzapine doses", "olanzapine"),  # a medicine stem
        ("mum is on sertraline", "sertraline"),
        ("Half-sibling lives with nan", "Half-sibling"),  # hyphenated dictionary words
        ("no steriliser for the bottles", "steriliser"),  # rare but English
        ("deffo worse than last time", "deffo"),  # a word of the NLU examples
    ],
)
def test_ordinary_rare_words_stay(text, kept):
    assert kept in scrub(text).text


def test_the_rule_is_switched_on_by_its_thresholds():
    item = _config()["pd_name"]
    assert 0 < float(item["unknown_word_zipf"]) < float(item["undictionary_zipf"]) <= 3.0
    assert float(item["proper_noun_zipf"]) < float(item["proper_undictionary_zipf"])
    assert item["dictionary_tables"]
