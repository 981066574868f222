"""Readings of session 12 (issue 19, S12-LK11), by class of miss on answers_dev15, dev16 and the known
misreadings: an age written short ("2y 3m"); "every one of them" at a question about a list is the
list, not two children; agreeing a plan and then doing none of it is a sign of disguised compliance;
"unannounced" alone is the visit, not the sign (in an account); "forever" is over a year and the
worker's own time on the case is not how long; "I wouldn't know" opens as not sure; Welsh words for
grandparents, someone who has the children every weekend and a "good attender" are strengths; a
supervisor who asked the worker to take it to the lead is neither reading, "goes to" is no "going
to"; the lead "has been told" is yes. Texts invented for these tests, none from an eval set; each
class with its controls."""

from __future__ import annotations

from datetime import date

from bot.lang.answers import read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text, account=False):
    r = read_answer(plan.by_id[qid], text, TODAY, account=account)
    return None if r is None else (r.status, r.value)


# -- an age written short ---------------------------------------------------------------------
def test_an_age_in_years_and_months_written_short(plan):
    assert status_value(plan, "q_age", "1y 8m") == ("sure", "toddler")
    assert status_value(plan, "q_age", "3y2m, in the pre-school room") == ("sure", "toddler")


def test_months_alone_stay_months(plan):
    assert status_value(plan, "q_age", "9m") == ("sure", "baby")
    assert status_value(plan, "q_age", "9 months") == ("sure", "baby")


# -- the list, not two children -----------------------------------------------------------------
def test_every_one_of_them_at_the_list_question_is_yes(plan):
    assert status_value(plan, "q_dc_signs", "yes, every one of them") == ("sure", "yes")


def test_two_children_elsewhere_are_still_asked_again(plan):
    assert status_value(plan, "q_seen_alone", "one of them yes, the other one no")[0] == "none"


# -- agreed then did nothing ------------------------------------------------------------------
def test_a_plan_agreed_and_then_not_done_is_a_sign(plan):
    text = "they agreed every action at core group and then did none of it"
    assert status_value(plan, "q_dc_signs", text) == ("sure", "yes")


def test_a_plan_agreed_and_done_is_no_sign(plan):
    assert status_value(plan, "q_dc_signs", "no - they agreed the plan and have stuck to it for months") != (
        "sure",
        "yes",
    )


def test_unannounced_alone_is_no_sign_in_an_account(plan):
    text = "The flat has been clean at my last four visits, two of them unannounced."
    assert status_value(plan, "q_dc_signs", text, account=True) != ("sure", "yes")
    text = "The flat is tidy when I book but on an unannounced visit it was a different house."
    assert status_value(plan, "q_dc_signs", text, account=True) == ("sure", "yes")


# -- how long ---------------------------------------------------------------------------------
def test_forever_is_over_a_year(plan):
    assert status_value(plan, "q_duration", "forever, honestly") == ("sure", "over_12m")
    assert status_value(plan, "q_duration", "as long as anyone can remember") == ("sure", "over_12m")


def test_my_time_on_the_case_is_not_how_long(plan):
    assert status_value(plan, "q_duration", "I wouldn't know, I picked the case up last week") == ("sure", "unsure")
    assert status_value(plan, "q_duration", "not sure, only had the case a fortnight")[1] == "unsure"


def test_a_length_said_plainly_is_still_read(plan):
    assert status_value(plan, "q_duration", "since last week") == ("sure", "under_3m")


# -- strengths --------------------------------------------------------------------------------
def test_welsh_grandparents_and_regular_care_are_a_supportive_adult(plan):
    assert status_value(plan, "q_strengths", "Taid is brilliant with him") == ("sure", "supportive_adult")
    assert status_value(plan, "q_strengths", "her aunt has them every weekend") == ("sure", "supportive_adult")


def test_a_good_attender_is_school_or_nursery(plan):
    assert status_value(plan, "q_strengths", "good attender, never misses a day") == ("sure", "school_nursery")


def test_scratch_that_takes_a_strength_back(plan):
    text = "great attender. Actually scratch that, that was in reception - since the move, so nothing really."
    assert status_value(plan, "q_strengths", text) == ("sure", "none")


# -- the safeguarding lead ----------------------------------------------------------------------
def test_asked_to_take_it_to_the_lead_is_never_stored_as_yes(plan):
    text = "my team manager asked me to run it past the DSL tomorrow"
    assert status_value(plan, "q_dsl_knows", text) != ("sure", "yes")
    assert status_value(plan, "q_dsl_knows", "I've been advised to talk to the safeguarding lead") == ("sure", "no")


def test_goes_to_is_not_going_to(plan):
    text = "the manager agreed the referral goes to the front door today"
    assert status_value(plan, "q_dsl_knows", text) == ("sure", "yes")
    assert status_value(plan, "q_dsl_knows", "going to ring the DSL after this") == ("sure", "no")


def test_the_lead_has_been_told(plan):
    assert status_value(plan, "q_dsl_knows", "the DSL was informed on Tuesday") == ("sure", "yes")
    assert status_value(plan, "q_dsl_knows", "the DSL hasn't been told yet") == ("sure", "no")


# -- answers_dev16 classes --------------------------------------------------------------------
def test_a_condition_in_a_parents_word_is_not_sure(plan):
    assert status_value(plan, "q_disability", "dad reckons she's autistic, nothing formal") == ("sure", "unsure")
    assert status_value(plan, "q_disability", "diagnosed with ADHD in year 2") == ("sure", "yes")


def test_no_idea_how_long_is_not_sure(plan):
    assert status_value(plan, "q_duration", "no clue how long, honestly") == ("sure", "unsure")


def test_someone_who_stays_over_is_a_supportive_adult(plan):
    assert status_value(plan, "q_strengths", "her sister stays over most weekends") == ("sure", "supportive_adult")


def test_mostly_no_is_no(plan):
    assert status_value(plan, "q_uses_support", "mostly no") == ("sure", "no")
