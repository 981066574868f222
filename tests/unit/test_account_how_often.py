"""How often, and help before, read from an account's own words (issue 19, bot/lang/account.py).
Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def test_how_often_from_a_sentence_about_that_sign_alone(plan):
    said = (
        "Youth worker. 15 year old lad:\n"
        "- out until 3am most nights, mum doesn't know where he is\n"
        "- stopped going to college in October\n"
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__supervision_neglect") == "yes"
    assert got.get("q_pattern__supervision_neglect") == "persistent"


def test_how_often_said_of_a_parent_is_no_pattern_of_the_sign(plan):
    # "most days" goes with the drinking, not with the child left alone (in a clause of its own)
    said = "Teacher. Girl, 9, Year 5. Mum drinks most days, and last week the girl was left alone overnight."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_pattern__supervision_neglect") != "persistent"


def test_help_agreed_now_is_no_help_before(plan):
    said = (
        "Teacher. Boy, 7, late most mornings and homework never done. Mum came in and agreed to talk to "
        "family support. Nothing like this before."
    )
    assert read_account(said, plan, TODAY).answers().get("q_previous") != "early_help"
    said = "Teacher. Boy, 7, late most mornings and homework never done. They had family support last year."
    assert read_account(said, plan, TODAY).answers().get("q_previous") == "early_help"
