"""Strengths read from an account (issue 19, bot/lang/account_strengths.py): every sentence that
states a protective factor, the whole set, never a negated, past, hedged or other child's one.
Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_strengths import read_strengths

TODAY = date(2026, 12, 5)


def strengths(text: str, plan) -> set[str]:
    got = read_account(text, plan, TODAY).answers().get("q_strengths")
    return set(got.split(",")) if got else set()


def test_every_kind_stated_is_in_the_set(plan):
    said = (
        "Nursery worker. Pip is 3 and often comes in hungry with a full nappy. Mum is gentle with him and "
        "asked us for help with the food bank. His gran pops in most days. Attendance is 98%."
    )
    assert strengths(said, plan) == {"supportive_adult", "parent_insight", "warm_relationship", "school_nursery"}


def test_a_negated_supporter_and_a_warm_home_are_no_strength(plan):
    said = (
        "HV. Baby is 4 months, weight dropping. Dad isn't around and there is no family nearby. "
        "The flat is warm and clean. Mum is very loving with her."
    )
    assert strengths(said, plan) == {"warm_relationship"}


def test_a_hedged_strength_leaves_the_question_to_ask(plan):
    said = (
        "Midwife. Mum is 20 weeks pregnant and has missed two appointments. Her aunt helps her out. "
        "She is bonding well as far as I can tell."
    )
    assert "q_strengths" not in read_account(said, plan, TODAY).answers()


def test_the_childs_own_asking_and_help_agreed_without_change_are_no_insight(plan):
    said = (
        "Youth worker. Zed is 14, comes to the club most nights and asks if we've got any food. "
        "Mum agrees to everything but nothing changes."
    )
    assert "parent_insight" not in strengths(said, plan)
    assert read_strengths(["the boy asked us for help with food"]) is None


def test_another_childs_school_and_the_past_are_no_strength(plan):
    said = (
        "Teacher. Boy, 8, late most days and hungry. His older sister is doing well at school. "
        "His nan used to help with the school run."
    )
    assert strengths(said, plan) == set()


def test_the_practitioners_own_asking_is_no_insight():
    assert read_strengths(["she went quiet when I asked about him and about help"], unborn=True) is None
    got = read_strengths(["She asked about a parenting course"], unborn=True)
    assert got is not None and got[0] == "parent_insight"
