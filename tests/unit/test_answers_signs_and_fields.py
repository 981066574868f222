"""Signs told in other words (issue 19, S7): a parent's low mood, clothes too small, visible tooth
decay, an early education place not taken up, older children left to feed and care for a baby
(knowledge/language/answers.yml, each with its basis); and answers given as a form's field
("Previous involvement: none known"), read by their value for the question they label."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answers import indicators_in, read_answer

TODAY = date(2026, 12, 5)


def read(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return r.status, r.value


@pytest.mark.parametrize(
    "text,kind",
    [
        ("wearing clothes that are too small for him", "physical_neglect"),
        ("she's grown out of all her clothes", "physical_neglect"),
        ("his clothing doesn't fit", "physical_neglect"),
        ("decayed teeth you can see when he smiles", "medical_neglect"),
        ("his front teeth are black", "medical_neglect"),
        ("the funded nursery place was never taken up", "educational_neglect"),
        ("mum hasn't taken up the 2 year old funding", "educational_neglect"),
        ("older siblings feed the baby", "supervision_neglect"),
        ("her 9 year old sister does the night feeds", "supervision_neglect"),
    ],
)
def test_a_sign_told_in_other_words_is_read_as_its_type(plan, text, kind):
    assert indicators_in(text).get(kind), text
    assert read(plan, f"q_seen__{kind}", text) == ("sure", "yes")


@pytest.mark.parametrize(
    "text",
    ["mum is very low in mood", "dad has been feeling really down", "her mood has been low since the birth"],
)
def test_a_parents_low_mood_is_mental_ill_health(plan, text):
    assert read(plan, "q_parental_factors", text)[1] == "mental_ill_health"


def test_mum_caring_for_her_baby_is_no_sign_of_older_children_caring(plan):
    assert not indicators_in("mum feeds the baby and changes him").get("supervision_neglect")
    assert not indicators_in("she has a funded nursery place and goes every day").get("educational_neglect")


def test_low_mood_in_an_account_is_the_parents(plan):
    from bot.lang.account import read_account

    acc = read_account("Worried about a 3 year old. Mum is very low in mood and the flat is cluttered.", plan, TODAY)
    assert acc.answers().get("q_parental_factors") == "mental_ill_health"


@pytest.mark.parametrize(
    "qid,text",
    [
        ("q_dc_signs", "what do you mean by disguised compliance exactly?"),
        ("q_material", "do you need to know about benefits as well?"),
        ("q_parental_factors", "what counts as mental health here - he is just stressed"),
    ],
)
def test_a_practice_question_typed_at_a_question_is_no_answer(plan, qid, text):
    assert read(plan, qid, text)[0] == "none"


@pytest.mark.parametrize(
    "qid,text,value",
    [
        (
            "q_pattern__nutritional_neglect",
            "weekdays fine, holidays he is starving - is that comes and goes?",
            "comes_and_goes",
        ),
        ("q_impact__emotional_neglect", "some? maybe serious? he's stopped talking at nursery", "some"),
    ],
)
def test_an_answer_that_asks_about_its_own_words_is_offered_back(plan, qid, text, value):
    assert read(plan, qid, text) == ("ask", value)


def test_a_filler_with_a_question_mark_is_no_question(plan):
    assert read(plan, "q_seen__emotional_neglect", "honestly? no") == ("sure", "no")
    age = read_answer(plan.by_id["q_age"], "how old? 4", TODAY)  # (None: the check's age parser reads it)
    assert age is None or age.status != "none"


@pytest.mark.parametrize(
    "text,band",
    [
        ("unborn, 30 weeks. first scan was at 20 weeks", "unborn"),  # a time said with "at" is no age
        ("twins aged 2 - same worries for both", "toddler"),  # twins are one age
        ("sixteen, at college doing a level 2 course", "adolescent"),  # a number alone before a break
        ("1 next week, so 11 and a bit months", "baby"),
        ("yr 7, just started secondary", "adolescent"),  # secondary school is the adolescent band
        ("year 6", "primary"),
        ("she is 11, year 6, moving up to secondary in september", "primary"),
    ],
)
def test_ages_said_loosely(plan, text, band):
    assert read(plan, "q_age", text) == ("sure", band)


def test_two_different_ages_or_two_children_in_words_are_asked_again(plan):
    assert read(plan, "q_age", "there are two, 3 and 5")[0] == "none"
    assert read(plan, "q_age", "two kids, 3 and 8")[0] == "none"


@pytest.mark.parametrize(
    "text,values",
    [
        ("mum was on a CP plan herself as a child and has anxiety", {"own_childhood", "mental_ill_health"}),
        ("LD and an abusive ex who still turns up", {"learning_disability", "domestic_abuse"}),
        ("coke at weekends, dad admits it", {"substance_misuse"}),
        ("da + alc", {"domestic_abuse", "substance_misuse"}),
        ("no drugs no drink, no DV. but she self harms", {"mental_ill_health"}),
    ],
)
def test_parental_factors_in_short_forms(plan, text, values):
    status, value = read(plan, "q_parental_factors", text)
    assert set(value.split(",")) == values, (status, value)


def test_doubt_said_as_not_confirmed_offers_not_sure(plan):
    assert read(plan, "q_seen__medical_neglect", "i think so but not confirmed, the GP is checking") == (
        "ask",
        "unsure",
    )
    assert read(plan, "q_duration", "since she started in reception, and she's in year 3 now") == ("sure", "over_12m")


@pytest.mark.parametrize(
    "qid,text,want",
    [
        ("q_previous", "Previous involvement: none known", ("sure", "none")),
        ("q_seen__nutritional_neglect", "Concerns: none", ("sure", "no")),
        ("q_dsl_knows", "DSL informed: yes", ("sure", "yes")),
        ("q_seen_alone", "Seen alone: no, mum present", ("sure", "no")),  # (the label's words are no answer)
        ("q_previous", "Previous involvement: none known. Concerns: weight", ("sure", "none")),
        ("q_material", "Concerns: hungry; Housing: temporary accommodation, rent arrears", ("sure", "struggling")),
    ],
)
def test_a_form_field_is_read_by_its_value_for_the_question_it_labels(plan, qid, text, want):
    assert read(plan, qid, text) == want


def test_words_before_a_colon_that_are_an_answer_are_no_label(plan):
    status, value = read(plan, "q_parental_factors", "all of it tbh: drink, DV, and mum's PTSD")
    assert set(value.split(",")) == {"domestic_abuse", "substance_misuse", "mental_ill_health"}
    from bot.lang.answer_openings import form_field

    assert form_field(plan.by_id["q_seen__medical_neglect"], "at 10:30 she still had no meds") is None


def test_a_plain_no_that_concedes_nothing_else_stands(plan):
    text = "no. she missed the first couple of sessions but she's been going to the parenting group since"
    assert read(plan, "q_dc_signs", text) == ("sure", "no")
    # a "but" that tells of something else is still asked
    assert read(plan, "q_disability", "not that i know of but school querying ADHD")[0] == "ask"
