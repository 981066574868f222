"""Accounts, session 17 (S17-LC7, issue 19). Every case detail is invented.

1. An age of a time past ("a CP plan when she was 11", "social care were involved when she was 8",
   "in foster care from age 7", "Prev CP plan age 8") is never the child's age now
   (bot/lang/account_time.AGE_THEN); the child's age said as one ("Y5 boy, 9, ...", "Young person,
   15, ...") is read before any other number in the account ("EHA open 14 months", "broken 6 wks
   ago", "after 5 years sober").
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account
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
