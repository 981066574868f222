"""Accounts, session 17 (S17-LC7, issue 19). Every case detail is invented.

1. An age of a time past ("a CP plan when she was 11", "social care were involved when she was 8",
   "in foster care from age 7", "Prev CP plan age 8") is never the child's age now
   (bot/lang/account_time.AGE_THEN); the child's age said as one ("Y5 boy, 9, ...", "Young person,
   15, ...") is read before any other number in the account ("EHA open 14 months", "broken 6 wks
   ago", "after 5 years sober").
2. A voice note told with no full stops (a long text with almost no sentence punctuation) is read as
   sentences, split where the talk turns: before "and"/"but"/"so"/"then" with a new subject, and
   before a time said with one (bot/lang/account_notes.py, account.note_breaks). A punctuated
   account is read as typed.
3. Help before said plainly as none with its own "no" ("No social care history", "They've had no
   social care involvement before", "No children's services history"): account.said_plainly
   q_previous none, whose phrases say their own negation (bot/lang/account_sentences.plainly no
   longer takes their "no" as negating them); help before named is still read.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account
from bot.lang.account_notes import unpunctuated, with_stops
from bot.lang.account_time import _age

TODAY = date(2026, 12, 5)


def age(plan, said: str) -> str | None:
    return read_account(said, plan, TODAY).answers().get("q_age")


@pytest.mark.parametrize(
    "said, band",
    [
        ("- PC, DA unit. Girl, 17, lives with mum (40).\n- Previous CP plan (neglect) when she was 11.", "adolescent"),
        ("Young person, 15, cutting her arms. Social care were involved when she was 8 (child in need).", "adolescent"),
        ("need to flag a 16yo girl - mum using again. CIN plan for her and her brother when she was 10.", "adolescent"),
        ("- Baby boy, 8 months, weight dropping.\n- Mum 20, care leaver (in foster care from age 6).", "baby"),
        ("GP. 14yo M, attended alone. Hx asthma. Prev CP plan age 7 (closed).", "adolescent"),
    ],
)
def test_an_age_of_a_time_past_is_not_the_childs_age_now(plan, said, band):
    assert age(plan, said) == band


@pytest.mark.parametrize(
    "said, band",
    [
        ("SENCO here. Y4 boy, 8, on SEN support. EHA open 15 months, same actions rolled over.", "primary"),
        ("SENCO. Y8 girl, 13, EHCP. Glasses broken 5 wks ago, not replaced.", "adolescent"),
        ("Child: girl, 3, placed with her aunt 2 years ago; the aunt relapsed after 6 years sober.", "toddler"),
    ],
)
def test_the_childs_age_said_as_one_comes_before_other_numbers(plan, said, band):
    assert age(plan, said) == band


def test_an_age_now_is_still_read_beside_a_time_past():
    # the child's age now, said after the time past, is still hers
    a = _age("There was a CIN plan when he was 4. He is 9 now and still coming in hungry.")
    assert a is not None and a.band == "primary"


def test_a_time_past_alone_gives_no_age():
    assert _age("Social care were involved when she was 8 and it closed after an assessment.") is None


NOTE = (
    "so this is the nine year old boy ive been seeing since the spring for anxiety and not sleeping and ive been "
    "going back and forth on it but im fairly sure now its neglect his mum is 39 and drinks most days and dad "
    "works away and when i see them together nobody talks to him he told me on his own nobody asks me anything "
    "and school say he wears the same shirt all week and its grubby and he has started missing school i have "
    "talked it through with our safeguarding lead"
)


def test_an_unpunctuated_note_is_split_where_the_talk_turns():
    assert unpunctuated(NOTE)
    split = with_stops(NOTE)
    assert "not sleeping. and ive been going back" in split
    assert "going back and forth on it. but im fairly sure" in split
    assert "drinks most days. and dad works away" in split
    # a conjunction with no new subject after it is not a turn ("and not sleeping", "and forth")
    assert "anxiety and not sleeping" in split


def test_the_childs_low_mood_in_a_note_is_no_parents_factor_once_split(plan):
    # the boy's anxiety is told in the note's first turn, with no parent in it (read whole, it was mum's)
    factors = read_account(NOTE, plan, TODAY).answers().get("q_parental_factors")
    assert factors == "substance_misuse"


@pytest.mark.parametrize(
    "said",
    [
        NOTE.replace(" and ive been", ". And ive been")
        .replace(" but im", ". But im")
        .replace(" and dad", ". Dad")
        .replace(" and when", ". When")
        .replace(" and school", ". School")
        .replace(" i have talked", ". I have talked"),
        "Mum is 30 and she drinks and dad works away.",  # short: as typed
    ],
)
def test_a_punctuated_or_short_account_is_read_as_typed(said):
    assert with_stops(said) == said


BASE = "Girl, 3. Head lice for months and her clothes are too small. "


@pytest.mark.parametrize(
    "said",
    [
        "No social care history.",
        "They've had no social care involvement before.",
        "History: No children's services history.",
        "There is no social care involvement that I know of.",
    ],
)
def test_no_help_before_said_plainly_is_none(plan, said):
    assert read_account(BASE + said, plan, TODAY).answers().get("q_previous") == "none"


@pytest.mark.parametrize(
    "said, value",
    [
        ("Early help last year. No social care history.", "early_help"),
        ("She has had a social worker before, when her brother was a baby.", "social_care"),
    ],
)
def test_help_before_named_is_still_read(plan, said, value):
    assert read_account(BASE + said, plan, TODAY).answers().get("q_previous") == value
