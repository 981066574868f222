"""General readings found reading answers_dev12's misses (issue 19, S10-LK8): an age said as the
birthday to come ("coming up to 4") and a number that beats a school phase word; two ages said of two
people; lengths typed short ("mnths", "fortnite") and a range with its unit said once; a no that
corrects who the question supposes ("no, I'm the lead"); help before named by its social worker or
the social care assessment; again and again ("keeps happening", "in a row"); figures that have not
moved; a fine answer that goes on "but" and a worry (offered back as the worry); collecting a child
from school is no attendance; a worry about someone no longer around. Texts invented for these
tests, none from an eval set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answers import read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return None if r is None else (r.status, r.value)


# -- age -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, band",
    [("coming up to 4", "toddler"), ("getting on for 2", "toddler"), ("rising 5", "toddler"), ("nearly 12", "primary")],
)
def test_the_birthday_to_come_is_the_band_before_it(plan, text, band):
    assert status_value(plan, "q_age", text) == ("sure", band)


def test_a_number_said_first_beats_the_school_phase_after_it(plan):
    assert status_value(plan, "q_age", "10, at secondary for maths only") == ("sure", "primary")
    assert status_value(plan, "q_age", "just moved up to secondary") == ("sure", "adolescent")  # control: no number
    assert status_value(plan, "q_age", "year 7, started secondary") == ("sure", "adolescent")  # control: a year


def test_two_ages_said_of_two_people_are_asked_again(plan):
    r = read_answer(plan.by_id["q_age"], "the toddler is 20 months and his sister is 9", TODAY)
    assert r is not None and r.status == "none"


def test_an_age_the_child_is_compared_with_is_no_second_child(plan):
    assert status_value(plan, "q_age", "she's 10 but plays like a 4 year old") == ("sure", "primary")


def test_a_grown_up_age_is_no_second_child(plan):
    assert status_value(plan, "q_age", "he is 8, mum is 26") == ("sure", "primary")


# -- duration ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value", [("7 mnths", "3_to_12m"), ("about a fortnite", "under_3m"), ("2 mnth", "under_3m")]
)
def test_lengths_typed_short_or_misspelt(plan, text, value):
    assert status_value(plan, "q_duration", text) == ("sure", value)


def test_a_range_with_its_unit_said_once_across_two_options_is_asked(plan):
    r = read_answer(plan.by_id["q_duration"], "between 1 and 6 months, records differ", TODAY)
    assert r is not None and r.status == "ask" and set(r.candidates[:2]) == {"under_3m", "3_to_12m"}


def test_a_range_inside_one_option_is_stored(plan):  # control
    assert status_value(plan, "q_duration", "between 5 and 9 months") == ("sure", "3_to_12m")


# -- the safeguarding lead -----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["no, I'm the DSL here", "nope i am the safeguarding lead"])
def test_a_no_then_i_am_the_lead_is_yes_offered_back(plan, text):
    assert status_value(plan, "q_dsl_knows", text) == ("ask", "yes")


@pytest.mark.parametrize("text", ["no, I haven't told my manager", "no additional needs", "no, not yet"])
def test_a_plain_no_stays_no(plan, text):
    qid = "q_disability" if "needs" in text else "q_dsl_knows"
    assert status_value(plan, qid, text) == ("sure", "no")


# -- previous help, pattern, engagement ---------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["past social work involvement in 2021", "prior SW involvement", "closed after a single assessment"]
)
def test_a_social_worker_before_is_social_care(plan, text):
    assert status_value(plan, "q_previous", text) == ("sure", "social_care")


def test_no_previous_social_worker_is_none(plan):  # control
    assert status_value(plan, "q_previous", "no previous social work involvement") == ("sure", "none")


@pytest.mark.parametrize("text", ["it keeps happening", "four missed visits in a row", "back to back absences"])
def test_again_and_again_is_persistent(plan, text):
    assert status_value(plan, "q_pattern__medical_neglect", text) == ("sure", "persistent")


def test_figures_that_have_not_moved_are_no_change(plan):
    assert status_value(plan, "q_engagement", "always polite but the weights haven't budged") == ("sure", "no_change")


# -- a fine answer, then "but" and a worry ------------------------------------------------------
def test_fine_for_money_but_a_worry_after_it_is_the_worry_offered_back(plan):
    text = "money is ok since mum got work, but the landlord is evicting them"
    assert status_value(plan, "q_material", text) == ("ask", "struggling")


def test_collecting_from_school_is_no_attendance(plan):
    assert status_value(plan, "q_strengths", "nan collects from nursery most days") == ("sure", "supportive_adult")


def test_a_worry_about_someone_no_longer_around_is_offered_back_as_no(plan):
    text = "It was her stepdad who shouted at her all the time, and he's not around now."
    assert status_value(plan, "q_seen__emotional_neglect", text) == ("ask", "no")


# -- dev6's wrong stores, read by general words --------------------------------------------------
def test_a_parent_who_did_not_know_where_a_teenager_was_is_harm_asked_as_serious(plan):
    text = "she's 15 and has been staying at an older man's place, dad didn't know where she was"
    assert status_value(plan, "q_impact__supervision_neglect", text) == ("ask", "serious")


def test_things_thrown_in_a_row_is_domestic_abuse(plan):
    text = "they argue a lot and the neighbours hear things being thrown"
    assert status_value(plan, "q_parental_factors", text) == ("sure", "domestic_abuse")


def test_budgeting_carefully_on_benefits_is_managing(plan):
    assert status_value(plan, "q_material", "on benefits but he budgets carefully") == ("sure", "managing")
