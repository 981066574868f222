"""Wrong pre-fills an account's words invite (issue 19, bot/lang/account.py, session 7 S7-LA5):
a type the account both shows and names as no worry, and a sign's words read again as how the
parents respond or as a parent's own factor. Each is left to ask. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def test_a_type_shown_and_named_as_no_worry_is_left_to_ask(plan):
    said = (
        "Pastoral lead. Girl aged 12, Oct - late most days, she has to look after her little brother. "
        "Young carers referral made. Not a supervision worry, she's sensible."
    )
    got = read_account(said, plan, TODAY).answers()
    assert "q_seen__supervision_neglect" not in got
    # the same sign without the type named as no worry still reads as a sign
    said = (
        "Pastoral lead. Girl aged 12, late most days, she has to look after her little brother. "
        "Young carers referral made."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__supervision_neglect") == "yes"


def test_missed_appointments_as_a_sign_say_nothing_of_the_response_to_help(plan):
    said = (
        "Health visitor. 18 month old boy, his 1 year review was only done after three missed appointments. "
        "His front teeth are badly decayed and he still goes to bed with a bottle of juice."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__medical_neglect") == "yes"
    assert "q_engagement" not in got
    # a parent avoiding the worker is still read
    said = (
        "Health visitor. 18 month old boy, teeth badly decayed. Mum won't answer the door to me now and "
        "cancelled the last two visits."
    )
    assert read_account(said, plan, TODAY).answers().get("q_engagement") == "avoiding"


def test_a_time_said_as_a_possessive_is_no_time_of_the_sign(plan):
    said = (
        "Nursery key worker. Boy, 2 and a half. Sometimes arrives in yesterday's clothes with a full nappy. "
        "Otherwise clean and eats well, dad works nights."
    )
    assert read_account(said, plan, TODAY).answers().get("q_pattern__physical_neglect") != "one_off"
    # "one off" is no longer pre-filled from an account's prose at all (S19-LC10's gate,
    # account_words.yml not_from_prose): the sign is read and how often is asked
    said = "Nursery key worker. Boy, 2 and a half. Arrived yesterday with a full nappy, dad works nights."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__physical_neglect") == "yes" and "q_pattern__physical_neglect" not in got


def test_a_type_said_to_be_no_worry_says_nothing_of_who_knows(plan):
    said = (
        "Class teacher, for the safeguarding meeting. Boy, 7, late most mornings and homework never done. "
        "Always collected on time, so no supervision worry. He's fed and clean."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__supervision_neglect") == "no"
    assert "q_dsl_knows" not in got


def test_a_sign_said_unsure_or_unconfirmed_is_left_to_ask(plan):
    said = (
        "Housing officer. Family of three in a flat, 6 year old. Neighbour alleged the kids are left alone "
        "in the evenings, not substantiated. Rent arrears."
    )
    got = read_account(said, plan, TODAY).answers()
    assert "q_seen__supervision_neglect" not in got and got.get("q_material") == "struggling"
    said = "Housing officer. Family of three in a flat, 6 year old. The kids are left alone in the evenings."
    assert read_account(said, plan, TODAY).answers().get("q_seen__supervision_neglect") == "yes"
    said = "GP. 4 year old girl, I wonder if she might be hungry at times. Mum is on antidepressants."
    assert "q_seen__nutritional_neglect" not in read_account(said, plan, TODAY).answers()
