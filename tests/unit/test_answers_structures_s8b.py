"""Structures found reading answers_dev9's misses (issue 19, S8-LK5): a yes or no said only with a
helping verb inside a description is that verb's helper, not the answer; a worry named and then
said to be fine is no worry at the parental factors question; passive cancelled visits; a good
relationship with an adult who is not a parent; universal services only; a first referral at the
question of the parents' response. Texts invented for these tests, none from an eval set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answers import read_answer

TODAY = date(2026, 12, 6)


def read(plan, qid, text):
    return read_answer(plan.by_id[qid], text, TODAY)


def status_value(plan, qid, text):
    r = read(plan, qid, text)
    return None if r is None else (r.status, r.value)


# -- a helping verb inside a description is no yes or no ----------------------------------------
def test_a_helping_verb_before_its_own_verb_is_no_no(plan):
    # "hasn't" goes on to "budged": the sign is agreement with no change, not a no
    r = read(plan, "q_dc_signs", "mum nods along to everything at core group and the attendance hasn't budged")
    assert r is not None and r.value == "yes"


def test_a_helping_verb_before_its_own_verb_is_no_yes(plan):
    # "they've" goes on to "kept"; what they kept to is genuine follow-through
    r = read(plan, "q_dc_signs", "no - they've kept to every part of the plan and followed through without chasing")
    assert r is not None and r.value == "no"


def test_a_helping_verb_before_been_still_says_no(plan):
    # before "been" the helper still says no, and what follows says of what
    assert status_value(plan, "q_dsl_knows", "she hasn't been told yet") != ("sure", "yes")


def test_a_plain_i_have_is_still_yes(plan):
    assert status_value(plan, "q_dsl_knows", "I have") == ("sure", "yes")


# -- a worry said to be fine ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "no drink or drugs, and her mental health is ok",
        "dv none, alcohol isn't an issue",
    ],
)
def test_a_parental_factor_said_to_be_fine_is_none(plan, text):
    r = read(plan, "q_parental_factors", text)
    assert r is not None and "mental_ill_health" not in r.value.split(",")
    assert "substance_misuse" not in r.value.split(",")


def test_a_parental_factor_said_with_a_worry_is_kept(plan):
    r = read(plan, "q_parental_factors", "his mental health is poor and he drinks heavily")
    assert r is not None and set(r.value.split(",")) >= {"mental_ill_health", "substance_misuse"}


# -- words of the documents and everyday phrasing ------------------------------------------------
@pytest.mark.parametrize(
    "qid,text,value",
    [
        ("q_parental_factors", "dad was under the influence when police attended", "substance_misuse"),
        ("q_parental_factors", "mum was a looked after child until 16", "own_childhood"),
        ("q_engagement", "it's a first referral so nothing to respond to", "no_help_yet"),
        ("q_previous", "just universal services - GP and nursery", "none"),
        ("q_material", "skint", "struggling"),
        ("q_dsl_knows", "aye", "yes"),
        ("q_dc_signs", "deffo", "yes"),
    ],
)
def test_document_and_everyday_words(plan, qid, text, value):
    r = read(plan, qid, text)
    assert r is not None and r.value == value and r.status in ("sure", "ask")


def test_passive_cancelled_appointments_are_a_sign(plan):
    r = read(plan, "q_dc_signs", "two core groups got postponed, a different crisis every time")
    assert r is not None and r.value == "yes"


def test_a_good_relationship_with_a_non_parent_is_a_supportive_adult_only(plan):
    r = read(plan, "q_strengths", "she has a close bond with her nan, who has her most weekends")
    assert r is not None and r.value.split(",") == ["supportive_adult"]


def test_a_good_relationship_with_a_parent_is_warmth(plan):
    r = read(plan, "q_strengths", "he has a good relationship with his mum")
    assert r is not None and "warm_relationship" in r.value.split(",")


def test_cannot_see_any_strengths_is_none(plan):
    r = read(plan, "q_strengths", "cannot think of any at the minute")
    assert r is not None and r.value == "none"
