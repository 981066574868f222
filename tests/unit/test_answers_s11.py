"""Readings of session 11 (issue 19, S11-LK10), by class of miss on answers_dev13/dev14: two carers
whose parts of an answer read differently are offered back at the engagement question; a talk with
the safeguarding lead still to come is no; a pregnancy in the midwives' notation (28/40) is unborn;
year 7 alone is offered back (11 or 12); words with a negation before a colon are an answer, not a
form's label; "hang on" and "no, actually" take a turn back; "mum gets it" and a parent who asked
for help are the parent's insight; "I'd say not" is no. Texts invented for these tests, none from
an eval set; each class with its controls."""

from __future__ import annotations

from datetime import date

from bot.lang.answers import read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return None if r is None else (r.status, r.value)


# -- two carers, two responses ----------------------------------------------------------------
def test_two_carers_read_differently_are_offered_back(plan):
    assert status_value(plan, "q_engagement", "stepdad is working with us well, mum refuses every visit")[0] == "ask"
    assert status_value(plan, "q_engagement", "mum's polite enough, her partner swears at the HV")[0] == "ask"


def test_two_carers_read_alike_stay_stored(plan):
    assert status_value(plan, "q_engagement", "mum refuses, dad refuses too") == ("sure", "avoiding")
    assert status_value(plan, "q_engagement", "mum and dad both refuse") == ("sure", "avoiding")
    assert status_value(plan, "q_engagement", "mum is engaging well and things are improving") == ("sure", "changing")


# -- a talk still to come ---------------------------------------------------------------------
def test_a_talk_with_the_lead_still_to_come_is_no(plan):
    assert status_value(plan, "q_dsl_knows", "Not yet - I'll ring the DSL when I'm back at base.") == ("sure", "no")
    assert status_value(plan, "q_dsl_knows", "going to email my manager this afternoon") == ("sure", "no")


def test_a_talk_done_is_still_yes(plan):
    assert status_value(plan, "q_dsl_knows", "yes, spoke to my manager and will update her on Friday") == (
        "sure",
        "yes",
    )
    assert status_value(plan, "q_dsl_knows", "I talked to the safeguarding lead this morning") == ("sure", "yes")


# -- ages -------------------------------------------------------------------------------------
def test_weeks_of_forty_are_unborn(plan):
    assert status_value(plan, "q_age", "mum is 31/40") == ("sure", "unborn")
    assert status_value(plan, "q_age", "33+4/40") == ("sure", "unborn")


def test_a_score_out_of_forty_beside_an_age_is_the_age(plan):
    assert status_value(plan, "q_age", "got 15/40 on the reading test, he's 9") == ("sure", "primary")


def test_year_7_alone_is_offered_back(plan):
    r = read_answer(plan.by_id["q_age"], "he's in year 7", TODAY)
    assert (r.status, r.value) == ("ask", "adolescent") and "primary" in r.candidates


def test_year_7_with_an_age_or_its_phase_is_stored(plan):
    assert status_value(plan, "q_age", "11, in year 7") == ("sure", "primary")
    assert status_value(plan, "q_age", "yr 7, just gone up to secondary") == ("sure", "adolescent")
    assert status_value(plan, "q_age", "in year 9") == ("sure", "adolescent")


# -- an answer before a colon is no label -----------------------------------------------------
def test_a_negated_answer_before_a_colon_is_read_whole(plan):
    text = "No. We haven't offered anything yet: the referral only came in on Monday."
    assert status_value(plan, "q_engagement", text) == ("sure", "no_help_yet")


def test_a_label_before_a_colon_still_reads_its_value(plan):
    assert status_value(plan, "q_parental_factors", "Parent factors: drink") == ("sure", "substance_misuse")


# -- a turn taken back --------------------------------------------------------------------------
def test_hang_on_and_no_actually_take_a_turn_back(plan):
    assert status_value(plan, "q_dc_signs", "No - hang on, yes, what she tells us never matches the nursery") == (
        "sure",
        "yes",
    )
    assert status_value(plan, "q_previous", "early help - no, actually it was a CP plan") == ("sure", "social_care")


# -- words -------------------------------------------------------------------------------------
def test_a_parent_who_gets_it_or_asked_for_help_has_insight(plan):
    assert status_value(plan, "q_strengths", "dad gets it") == ("sure", "parent_insight")
    assert status_value(plan, "q_strengths", "she asked us for help with the mornings") == ("sure", "parent_insight")


def test_help_from_a_relative_is_still_a_supportive_adult(plan):
    assert status_value(plan, "q_strengths", "her auntie helps every weekend") == ("sure", "supportive_adult")


def test_id_say_not_is_no(plan):
    assert status_value(plan, "q_uses_support", "i'd say mostly not") == ("sure", "no")
    assert status_value(plan, "q_dc_signs", "I'd say not") == ("sure", "no")


def test_years_and_years_and_since_a_school_year_are_over_a_year(plan):
    assert status_value(plan, "q_duration", "years and years") == ("sure", "over_12m")
    assert status_value(plan, "q_duration", "since she was in year 1, she's in year 4 now")[1] == "over_12m"
