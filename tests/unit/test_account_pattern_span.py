"""How often, from how long (issue 19, bot/lang/account.py): a length in a sign's own clause, and a
sentence about the whole picture's length for the signs that say nothing of how often; never for a
sign counted in its own clause or an event of care missed. Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_time import _timeless

TODAY = date(2026, 12, 5)


def test_a_length_in_the_signs_own_clause(plan):
    said = "HV. Baby is 9 months. Home conditions have gone downhill over about six months, dog mess on the floor."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__physical_neglect") == "yes"
    assert got.get("q_pattern__physical_neglect") == "persistent"


def test_a_short_length_in_the_signs_clause_says_nothing_of_how_often(plan):
    said = "School nurse. Girl, 6, has had head lice for a few weeks and her shoes are falling apart."
    assert "q_pattern__physical_neglect" not in read_account(said, plan, TODAY).answers()


def test_the_whole_pictures_length_fills_the_signs_without_a_cue(plan):
    said = (
        "HV. Zia is 5 months old. The home is really messy with piles of washing and dog mess on the floor. "
        "It has been like this since she was born."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_pattern__physical_neglect") == "persistent"


def test_the_whole_pictures_length_is_no_pattern_of_a_counted_sign_or_missed_care(plan):
    said = (
        "Social worker. Boy, 3. No food in the fridge twice on my visits. He missed his 12 week jabs. "
        "It's been going on for over a year."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_pattern__nutritional_neglect") != "persistent"
    assert got.get("q_pattern__medical_neglect") != "persistent"


def test_the_whole_pictures_length_with_another_reading_is_left_to_ask(plan):
    said = (
        "Teacher. Girl, 8. Same uniform all week and she smells. Dad drinks on and off, "
        "and it's been going on for over a year."
    )
    assert read_account(said, plan, TODAY).answers().get("q_pattern__physical_neglect") != "persistent"


def test_a_time_words_possessive_is_no_time():
    assert "yesterday" not in _timeless("sometimes arrives in yesterday's clothes").lower()
    assert "yesterday" in _timeless("it happened yesterday").lower()
