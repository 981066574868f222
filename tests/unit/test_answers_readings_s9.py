"""General readings found reading answers_dev10's misses (issue 19, S9-LK6): "nearly N" is under N;
a reassuring word that is itself an indicator ("clean") reassures unless limited ("only clean");
seldom being at nursery is no strength; a word inside a longer phrase under a negation is negated
with it; a threat to a parent is domestic abuse at the parental factors question; a student's
practice educator is a supervisor who knows; two lengths given as alternatives are asked; a no
typed before "theyre" opens the answer. Texts invented for these tests, none from an eval set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answer_numbers import alternative_lengths
from bot.lang.answers import read_age, read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return None if r is None else (r.status, r.value)


# -- "nearly N" is under N ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,band",
    [("nearly 1", "baby"), ("almost one", "baby"), ("almost 1 year old", "baby"), ("nearly 5", "toddler")],
)
def test_nearly_an_age_is_the_band_before_it(text, band):
    assert read_age(text).value == band


@pytest.mark.parametrize("text,band", [("just turned 1", "toddler"), ("13 nearly 14", "adolescent"), ("2", "toddler")])
def test_other_ages_are_unchanged(text, band):
    assert read_age(text).value == band


# -- a reassuring indicator word ----------------------------------------------------------------
def test_a_plain_clean_reassures_at_physical_care(plan):
    assert status_value(plan, "q_seen__physical_neglect", "flat looked fine to me, toys away and clean") == (
        "sure",
        "no",
    )


@pytest.mark.parametrize(
    "text",
    ["the flat is only clean when we announce the visit", "the kids are barely clean", "the baby is not clean"],
)
def test_a_limited_or_negated_clean_is_no_reassurance(plan, text):
    assert status_value(plan, "q_seen__physical_neglect", text) != ("sure", "no")


def test_a_worry_beside_clean_is_still_a_worry(plan):
    assert status_value(plan, "q_seen__physical_neglect", "house is clean but the toddler smells of urine") == (
        "sure",
        "yes",
    )


# -- strengths --------------------------------------------------------------------------------
def test_seldom_at_nursery_is_no_strength(plan):
    r = status_value(
        plan, "q_strengths", "Honestly nothing stands out, dad is not around and she seldom goes to nursery."
    )
    assert r == ("sure", "none")


def test_good_attendance_is_still_a_strength(plan):
    assert status_value(plan, "q_strengths", "she is in nursery every day") == ("sure", "school_nursery")


def test_a_word_inside_a_negated_phrase_is_negated_with_it(plan):
    # "help" alone would be a supportive adult; inside "asked for help" under "can't" it is nothing
    r = status_value(plan, "q_strengths", "attends school well, and dad admitted he can't manage and asked for help")
    assert r is not None and "supportive_adult" not in r[1]


def test_a_helper_named_is_still_a_supportive_adult(plan):
    assert status_value(plan, "q_strengths", "her auntie helps out most days") == ("sure", "supportive_adult")


# -- parental factors -------------------------------------------------------------------------
def test_a_threat_to_a_parent_is_domestic_abuse(plan):
    r = status_value(
        plan, "q_parental_factors", "dad has depression and his ex-partner keeps coming round and threatening him"
    )
    assert r == ("sure", "domestic_abuse,mental_ill_health")


def test_a_threat_to_leave_is_no_domestic_abuse(plan):
    # (at most offered back: the fallback classifier may offer it, the threat words never store it)
    r = status_value(plan, "q_parental_factors", "mum keeps threatening to move away")
    assert r is None or r[0] != "sure" or "domestic_abuse" not in r[1]


# -- the safeguarding lead or supervisor ----------------------------------------------------------
def test_a_practice_educator_who_knows_is_a_yes(plan):
    assert status_value(plan, "q_dsl_knows", "my practice assessor knows about it") == ("sure", "yes")


def test_a_supervisor_who_does_not_know_yet_is_a_no(plan):
    assert status_value(plan, "q_dsl_knows", "my supervisor doesn't know yet") == ("sure", "no")


def test_one_who_knows_and_one_not_told_is_never_a_stored_no(plan):
    r = status_value(plan, "q_dsl_knows", "My practice educator knows; I haven't told the DSL.")
    assert r != ("sure", "no")


# -- lengths given as alternatives ---------------------------------------------------------------
def test_two_lengths_as_alternatives_are_asked(plan):
    r = read_answer(plan.by_id["q_duration"], "either 6 weeks or over a year, nobody is sure", TODAY)
    assert r.status == "ask" and set(r.candidates) == {"under_3m", "over_12m"}


@pytest.mark.parametrize(
    "text", ["about 5 months, getting worse", "6 months or so", "over a year, worse in the last 2 months"]
)
def test_one_length_is_not_an_alternative(text):
    assert alternative_lengths(text, TODAY) == ()


# -- "no theyre ..." ----------------------------------------------------------------------------
def test_a_no_before_an_unmarked_shortcut_opens_the_answer(plan):
    assert status_value(plan, "q_dc_signs", "no theyve genuinely engaged with the plan") == ("sure", "no")


def test_a_no_word_inside_a_description_still_is_not_the_answer(plan):
    assert status_value(plan, "q_dc_signs", "no real change despite months of support") != ("sure", "no")


# -- "Do any of these fit?": an answer in part is a yes by the question's words ------------------
@pytest.mark.parametrize("text", ["a few of them yes", "some of those, not all", "all 4 tbh"])
def test_some_of_a_list_is_a_yes_where_any_of_it_is_asked(plan, text):
    assert status_value(plan, "q_dc_signs", text) == ("sure", "yes")


@pytest.mark.parametrize("text", ["none of these apply", "none of them fit, they are open with us"])
def test_none_of_a_list_is_a_no(plan, text):
    assert status_value(plan, "q_dc_signs", text) == ("sure", "no")


@pytest.mark.parametrize("text", ["some of those maybe", "partly no", "partly", "none of them i think"])
def test_a_hedged_or_contrary_part_is_still_asked(plan, text):
    assert status_value(plan, "q_dc_signs", text)[0] == "ask"


def test_an_answer_in_part_elsewhere_is_still_offered_back(plan):
    # q_seen asks about one type, not "any of these": "some of them" stays a question
    assert status_value(plan, "q_seen__physical_neglect", "some of them yes") != ("sure", "yes")
    r = read_answer(plan.by_id["q_parental_factors"], "none of those, drink and drugs were asked about", TODAY)
    assert r.status == "ask"
