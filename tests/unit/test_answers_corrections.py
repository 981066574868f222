"""A practitioner corrects themself mid-answer, or cuts a yes short (issue 19): the words after
the correction are the answer ("yes - sorry no, ..."), an aside about the taken-back words is
dropped, and "ye" or "def" is the yes it begins. Texts invented for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answer_openings import corrected, cut_short
from bot.lang.answers import read_answer

TODAY = date(2026, 12, 5)


def read(plan, qid, text):
    return read_answer(plan.by_id[qid], text, TODAY)


@pytest.mark.parametrize(
    "qid,text,value",
    [
        ("q_disability", "yes - sorry no, I had the cousin in mind. nothing diagnosed", "no"),
        ("q_dsl_knows", "no, sorry yes, she was told on monday", "yes"),
        ("q_seen__supervision_neglect", "yes. sorry no, wrong family, he is always with an adult", "no"),
        ("q_age", "she's 2 - sorry, 12", "adolescent"),
        ("q_age", "she's 3 - sorry no, she started reception in september", "primary"),
        ("q_duration", "about 2 weeks - sorry, 2 years, since the move", "over_12m"),
    ],
)
def test_the_words_after_a_correction_are_the_answer(plan, qid, text, value):
    r = read(plan, qid, text)
    assert r is not None and (r.status, r.value) == ("sure", value)


def test_an_aside_about_the_taken_back_words_is_dropped():
    rest, said = corrected("struggling - sorry, that was the last family. they manage fine on his wage")
    assert said is None and rest == "they manage fine on his wage"


def test_sorry_at_the_start_is_no_correction():
    assert corrected("sorry, not sure") is None
    assert corrected("no concerns at all") is None


@pytest.mark.parametrize("text,longer", [("ye", "yes"), ("def", "definitely"), ("nope", "nope"), ("ok", "ok")])
def test_a_yes_cut_short_is_written_out(text, longer):
    assert cut_short(text) == longer


def test_a_yes_cut_short_is_read_as_yes(plan):
    r = read(plan, "q_dc_signs", "def, they cancel every visit")
    assert r is not None and r.value == "yes"


@pytest.mark.parametrize("text", ["reception age", "she is in reception", "in reception class"])
def test_reception_is_primary(plan, text):
    r = read(plan, "q_age", text)
    assert r is not None and (r.status, r.value) == ("sure", "primary")


def test_a_negated_lack_is_no_negation(plan):
    r = read(plan, "q_strengths", "her aunt is brilliant and she has not once missed a day at school")
    assert r is not None and "school_nursery" in r.value.split(",")
    r = read(plan, "q_strengths", "she is not at school at the moment")
    assert r is None or r.status != "sure" or "school_nursery" not in r.value.split(",")


def test_a_correction_at_a_choice_question_with_yes_and_no(plan):
    r = read(plan, "q_seen_alone", "yes - sorry no, that was the last visit. mum stayed in the room")
    assert r is not None and (r.status, r.value) == ("sure", "no")


@pytest.mark.parametrize(
    "text,plain",
    [("honestly? no idea", "no idea"), ("tbh, not sure", "not sure"), ("well, some", "some"), ("well fed", "well fed")],
)
def test_a_polite_filler_is_read_past(text, plain):
    from bot.lang.answer_openings import without_filler

    assert without_filler(text) == plain


@pytest.mark.parametrize(
    "text,value",
    [
        ("him and his dad are really close", "warm_relationship"),
        ("he adores his grandad, who has him at weekends", "supportive_adult"),
        ("dad knows he needs support with the routines", "parent_insight"),
    ],
)
def test_who_a_strength_is_about(plan, text, value):
    r = read(plan, "q_strengths", text)
    assert r is not None and r.value == value
