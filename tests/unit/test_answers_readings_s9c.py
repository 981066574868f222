"""General readings found reading answers_dev11's misses (issue 19, S9-LK7): a child who loves
school has school on their side; a parent who knows what they need to do has insight; "going back
to when" is how long, not slipping back, and "nearly every" is most of the time; money running
out said in the past is one time, in the present comes round again; a record said to be unclear
makes any reading one to ask; a parent said to be honest shows no disguised compliance, and "can't
call it yet" is not sure; the same said of both children is one answer. Texts invented for these
tests, none from an eval set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answers import read_age, read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return None if r is None else (r.status, r.value)


# -- strengths -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["she really loves nursery", "enjoys school a lot", "he loved college"])
def test_a_child_who_loves_school_has_school_on_their_side(plan, text):
    assert status_value(plan, "q_strengths", text) == ("sure", "school_nursery")


def test_love_for_a_parent_is_still_warmth(plan):  # control
    assert status_value(plan, "q_strengths", "she loves her mum") == ("sure", "warm_relationship")


@pytest.mark.parametrize("text", ["mum knows she needs to get up for the school run", "dad knew he needed to cut down"])
def test_a_parent_who_knows_what_they_need_to_do_has_insight(plan, text):
    assert status_value(plan, "q_strengths", text) == ("sure", "parent_insight")


# -- pattern -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["almost every visit the fridge is empty", "it goes back to when she started in reception"]
)
def test_going_back_to_when_and_nearly_every_are_persistent(plan, text):
    assert status_value(plan, "q_pattern__nutritional_neglect", text) == ("sure", "persistent")


def test_going_back_to_how_it_was_still_comes_and_goes(plan):  # control
    assert status_value(plan, "q_pattern__nutritional_neglect", "better for a bit then goes back to how it was") == (
        "sure",
        "comes_and_goes",
    )


def test_money_running_out_in_the_past_is_one_time(plan):
    assert status_value(plan, "q_pattern__nutritional_neglect", "only the once, when the money ran out at Easter")[
        1
    ] == ("one_off")


def test_money_running_out_in_the_present_comes_and_goes(plan):  # control
    assert status_value(plan, "q_pattern__nutritional_neglect", "when the money runs out") == ("sure", "comes_and_goes")


def test_an_unclear_record_is_asked(plan):
    r = status_value(plan, "q_pattern__supervision_neglect", "twice maybe more, the chronology is unclear")
    assert r[0] == "ask"
    r = status_value(plan, "q_pattern__supervision_neglect", "one time, it is not clear from the notes")
    assert r == ("ask", "one_off")


def test_a_clear_one_off_is_stored(plan):  # control
    assert status_value(plan, "q_pattern__supervision_neglect", "just the once") == ("sure", "one_off")


# -- disguised compliance ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["no, he's honest about everything, even the drinking", "honest to a fault tbh"])
def test_a_parent_said_to_be_honest_shows_no_disguised_compliance(plan, text):
    assert status_value(plan, "q_dc_signs", text) == ("sure", "no")


@pytest.mark.parametrize("text", ["can't call it just yet", "too soon to say, the plan only started"])
def test_too_soon_to_call_is_not_sure(plan, text):
    assert status_value(plan, "q_dc_signs", text)[1] == "unsure"


def test_agreeing_but_not_following_through_is_still_a_sign(plan):  # control
    assert status_value(plan, "q_dc_signs", "agrees to everything but never follows through") == ("sure", "yes")


# -- both children -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["not seen anything, both children are registered with a dentist", "no, both boys are well cared for"]
)
def test_the_same_said_of_both_children_is_one_answer(plan, text):
    assert status_value(plan, "q_seen__medical_neglect", text) == ("sure", "no")


def test_both_children_set_against_each_other_is_asked_again(plan):  # control
    assert (
        status_value(plan, "q_seen__medical_neglect", "both kids are up to date but the older one missed the dentist")[
            0
        ]
        == "none"
    )


# -- lengths in a frame of their own -------------------------------------------------------------
def test_weeks_then_and_now_are_the_weeks_between(plan):
    assert status_value(plan, "q_duration", "since the scan at 14 weeks, now 34 weeks") == ("sure", "3_to_12m")
    assert status_value(plan, "q_duration", "from 20 weeks, now 28 weeks") == ("sure", "under_3m")


def test_a_range_across_two_options_is_asked(plan):
    r = read_answer(plan.by_id["q_duration"], "anywhere between 6 weeks and 8 months", TODAY)
    assert (r.status, set(r.candidates)) == ("ask", {"under_3m", "3_to_12m"})


def test_a_range_inside_one_option_is_stored(plan):  # control
    assert status_value(plan, "q_duration", "between 4 and 6 months") == ("sure", "3_to_12m")


# -- ages ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,band",
    [
        ("the lad I'm worried about is fourteen, he cares for his dad", "adolescent"),
        ("she is 6. lives with nan", "primary"),
        ("second birthday was on Saturday", "toddler"),
        ("his 13th birthday was last month", "adolescent"),
        ("her first birthday is next week", "baby"),
    ],
)
def test_an_age_said_of_the_child_or_by_a_birthday(text, band):
    assert read_age(text).value == band


@pytest.mark.parametrize("text", ["mum is 16.", "his sister is 9, and"])
def test_a_number_said_of_someone_else_is_not_the_childs_age(text):  # controls
    assert read_age(text) is None
