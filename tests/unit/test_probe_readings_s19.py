"""What a Monday-morning probe of the running assistant found in the answer and account readers
(session 19, S19-UX1 and S19-LC10; fixed by class by S19-LC11, issue 19). Every text below is invented.

- A lead not yet told for want of a chance, typed at "Does your safeguarding lead / manager know?"
  ("I haven't had the chance to tell my manager"): no, not yes (answers.yml q_dsl_knows).
- "wee" is no "weed": spaCy gives "weed" the base form "wee", so a child "smelling of wee" was read as
  a parent's substance misuse. Weed is matched as written (answers.yml "=weed").
- A parent's low mood in everyday words ("mum's been really low", "struggling with her nerves") is
  parental mental ill health; a parent's "tired" is no harm to the child (account impact).
- An impact answer typed at "Have you seen signs?" ("some impact", "no clear impact") is offered
  back, never stored (answers.yml frames.said_of_another).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account
from bot.lang.answers import read_answer

TODAY = date(2026, 12, 7)


def typed(plan, qid: str, text: str) -> tuple[str, str]:
    r = read_answer(plan.by_id[qid], text, TODAY)
    return (r.status, r.value) if r is not None else ("none", "")


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


# -- 1. a lead not yet told for want of a chance -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I haven't had the chance to tell my manager",
        "haven't had a chance to speak to my DSL yet",
        "I've not had a chance to tell my manager",
        "not had the opportunity to raise it with my supervisor",
        "I haven't been able to tell my manager yet",
    ],
)
def test_a_lead_not_told_for_want_of_a_chance_is_no(plan, text):
    assert typed(plan, "q_dsl_knows", text) == ("sure", "no")


@pytest.mark.parametrize(
    "text",
    [
        "I told my manager this morning",
        "yes, had the chance to tell my manager straight after the visit",
        "spoke to my DSL at lunch",
    ],
)
def test_a_lead_told_is_still_yes(plan, text):
    assert typed(plan, "q_dsl_knows", text) == ("sure", "yes")


def test_in_an_account_a_lead_not_yet_told_for_want_of_a_chance_stays_asked(plan):
    # (S19-LC10's reading of an account is kept: not done yet is asked, neither yes nor no)
    said = "Family worker. Girl aged 6, same clothes all week. I haven't {} to tell my manager."
    assert "q_dsl_knows" not in answers(plan, said.format("had the chance"))
    assert "q_dsl_knows" not in answers(plan, said.format("had a chance"))
    assert answers(plan, said.replace("haven't {} to tell", "haven't told"))["q_dsl_knows"] == "no"


# -- 2. wee is no weed ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["he comes in smelling of wee", "smells of wee", "she's weeing herself at nursery"])
def test_wee_is_no_substance_misuse(plan, text):
    assert typed(plan, "q_parental_factors", text)[1] != "substance_misuse"


@pytest.mark.parametrize("text", ["dad smokes weed", "weed in the flat most days", "mum's boyfriend deals weed"])
def test_weed_is_still_substance_misuse(plan, text):
    assert typed(plan, "q_parental_factors", text)[1] == "substance_misuse"


def test_a_child_smelling_of_wee_in_an_account_is_hygiene_not_substances(plan):
    got = answers(plan, "School nurse. Boy aged 7, he comes in smelling of wee most days, same clothes all week.")
    assert got.get("q_seen__physical_neglect") == "yes"
    assert "substance_misuse" not in (got.get("q_parental_factors") or "")
    got = answers(plan, "School nurse. Boy aged 7, same clothes all week. Dad smokes weed in the flat.")
    assert "substance_misuse" in (got.get("q_parental_factors") or "")


# -- 3. a parent's low mood, and a parent's tiredness -------------------------------------------

BABY = "Health visitor. Baby boy, 9 months, in the same sleepsuit every visit. "


@pytest.mark.parametrize(
    "said",
    [
        BABY + "Mum's been really low since the birth.",
        BABY + "Mum has been low for weeks.",
        BABY + "Mum's been struggling with her nerves.",
    ],
)
def test_a_parents_low_mood_in_everyday_words_is_mental_ill_health(plan, said):
    assert "mental_ill_health" in (answers(plan, said).get("q_parental_factors") or "")


@pytest.mark.parametrize(
    "said",
    [
        BABY + "His weight has been low at the last two weighs.",
        BABY + "Mum's income has been low since she lost her job.",
        BABY + "Mum's mood is fine, she's coping well.",
    ],
)
def test_low_said_of_something_else_is_no_mental_ill_health(plan, said):
    assert "mental_ill_health" not in (answers(plan, said).get("q_parental_factors") or "")


def test_a_parents_tiredness_is_no_impact_on_the_child(plan):
    got = answers(plan, "Baby is 9 months. Mum is tired all the time and the baby is in dirty clothes.")
    assert got.get("q_seen__physical_neglect") == "yes"
    assert "q_impact__physical_neglect" not in got


def test_a_childs_tiredness_is_still_impact(plan):
    got = answers(plan, "Boy aged 8, in dirty clothes most days and he is tired in class, falling asleep.")
    assert got.get("q_seen__physical_neglect") == "yes"
    assert got.get("q_impact__physical_neglect") in ("some", "serious")


# -- 4. an impact answer at a "seen" question ------------------------------------------------------


@pytest.mark.parametrize("text", ["some impact", "a bit of impact", "no clear impact", "some effect on him"])
def test_an_impact_answer_at_a_seen_question_is_offered_back(plan, text):
    assert typed(plan, "q_seen__emotional_neglect", text)[0] == "ask"


@pytest.mark.parametrize(
    "text, value",
    [("some", "yes"), ("yes some impact", "yes"), ("no concerns", "no"), ("yes, withdrawn and tearful", "yes")],
)
def test_a_seen_answer_with_its_own_yes_or_no_is_still_stored(plan, text, value):
    assert typed(plan, "q_seen__emotional_neglect", text) == ("sure", value)


def test_an_impact_answer_at_the_impact_question_is_stored(plan):
    assert typed(plan, "q_impact__emotional_neglect", "some impact") == ("sure", "some")
