"""Accounts, session 22 (S22-LC14, issue 19): fewer wrong pre-fills on a new writer's accounts.
Every case detail below is invented. Each class is tested both ways: the unreliable reading is now
asked (or read as what it is), and the reading it was meant for still stands.

- A sign word inside a service's name with the possessive ("our young carers' group"), a thing
  ignored ("ignored three letters"), a club or activity stopped ("stopped going to Scouts"), a
  parent's own course missed ("Mum has missed her college days"), and "dressed" without a worry
  word ("dressed for the weather") are no sign of neglect.
- A topic word with a worry word and a calm word in its clause is read neither way (asked).
- A type whose sign was set aside as a question or hedged is not read as "no" from fine words
  elsewhere (asked).
- Care said done ("kept every midwife appointment") is not undone by a negation of what follows
  ("and doesn't smoke").
- The age: a time count ("been coming about 6 months", "two weeks later") is not the age where the
  child's age is said as a number ("Lad's 9"); two children each with an age ("a baby of 7 months
  and a boy of 3") is asked; "Mum's 19, 24 wks" is a pregnancy.
- A labelled line with the words of two answers of a one-answer question is asked.
- Typed-answer words read in another sense: "send" as a verb, "loads" and "doctor" by base form, a
  referral made now, a drink with a snack, a factor asked about, "not told anyone except ...".
- How long the child has come to the practitioner is not how long the worry has lasted.

dev35 and dev36 are held to what this session measured (floors: right may only rise, wrong only fall).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account
from bot.lang.account_time import _age
from bot.lang.answers import read_answer

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


def typed(plan, qid: str, said: str):
    r = read_answer(plan.by_id[qid], said, TODAY, account=True)
    return r.value if r is not None and r.status == "sure" else None


# -- sign words in another sense ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "qid"),
    [
        (
            "I'm her young carers' worker. The girl is 10 and comes to our young carers' group on Fridays. Her "
            "clothes are fine and she is fed.",
            "q_seen__emotional_neglect",
        ),
        (
            "I'm her young carers' worker. The girl is 10 and comes to our young carers' group on Fridays. Her "
            "clothes are fine and she is fed.",
            "q_seen__supervision_neglect",
        ),
        (
            "The boy is 6. He has four rotten teeth. Mum ignored three letters after the school check.",
            "q_seen__emotional_neglect",
        ),
        ("The girl is 9. She's stopped going to Scouts since dad left.", "q_seen__educational_neglect"),
        (
            "Baby of 3 months, mum is 18. Mum has missed her last three college days. The baby has nappy rash.",
            "q_seen__educational_neglect",
        ),
        ("The boy is 4. He is dressed for the weather, warm and eating his lunch.", "q_seen__physical_neglect"),
    ],
)
def test_a_sign_word_in_another_sense_is_no_sign(plan, said, qid):
    assert answers(plan, said).get(qid) != "yes"


@pytest.mark.parametrize(
    ("said", "qid"),
    [
        (
            "The girl is 10. She is a young carer for mum, who has MS, and does all the cooking.",
            "q_seen__emotional_neglect",
        ),
        ("The boy is 6. Mum ignores him when he cries and never plays with him.", "q_seen__emotional_neglect"),
        ("The girl is 9. She's stopped going to school since dad left.", "q_seen__educational_neglect"),
        ("The boy is 4. He is always poorly dressed for the weather.", "q_seen__physical_neglect"),
    ],
)
def test_the_sign_itself_is_still_read(plan, said, qid):
    assert answers(plan, said).get(qid) == "yes"


# -- a worry and a calm word in one clause; a sign doubted; care done ------------------------------


def test_a_topic_word_with_a_worry_and_a_calm_word_is_asked(plan):
    said = "the boy is 14 he comes to club every week he has lost weight this year and his grades are good"
    assert "q_seen__nutritional_neglect" not in answers(plan, said)
    assert answers(plan, "The boy is 14. His weight is fine.").get("q_seen__nutritional_neglect") == "no"


def test_a_type_with_a_sign_asked_about_is_not_no(plan):
    asked = "The boy is 2. Why was he in a nappy that had not been changed since the night? The flat was clean."
    assert "q_seen__physical_neglect" not in answers(plan, asked)
    assert answers(plan, "The boy is 2. The flat was clean.").get("q_seen__physical_neglect") == "no"


def test_care_done_is_not_undone_by_a_later_negation(plan):
    kept = "Mum is 26 weeks pregnant. She has kept every midwife appointment and doesn't smoke."
    assert answers(plan, kept).get("q_seen__medical_neglect") != "yes"
    missed = "Mum is 26 weeks pregnant. She has missed every midwife appointment."
    assert answers(plan, missed).get("q_seen__medical_neglect") == "yes"


# -- the age -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "band"),
    [
        ("Youth worker. Lad's 9, been coming about 6 months, every week, and he's always starving.", "primary"),
        ("The girl I look after is 6. I treat her nits, and two weeks later she's back with them.", "primary"),
        ("Virtual school. The lad is 14 and home after a year in foster care.", "adolescent"),
        ("FNP nurse. Mum's 19, 24 wks with her first, been to every appt.", "unborn"),
        ("He is 7 months old and mum is 19; I saw them two weeks ago.", "baby"),
    ],
)
def test_the_age_said_as_one_over_a_time_count(said, band):
    age = _age(said)
    assert age is not None and age.band == band


def test_two_children_each_with_an_age_is_asked():
    assert _age("i went out to a mum of 23 with a baby of 7 months and a boy of 3 the flat is damp") is None
    assert _age("i went out to a mum of 23 with a boy of 3 the flat is damp").band == "toddler"


# -- a labelled line that says two answers ------------------------------------------------------------


def test_a_labelled_line_with_two_answers_is_asked(plan):
    two = 'Notes - baby boy, 4 months:\n- Weight on the 50th centile.\n- Money: child benefit and UC, "we manage".'
    assert "q_material" not in answers(plan, two)
    one = "Notes - baby boy, 4 months:\n- Weight on the 50th centile.\n- Money: on UC, behind on the gas."
    assert answers(plan, one).get("q_material") == "struggling"


# -- typed-answer words in another sense ------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "said", "value"),
    [
        ("q_disability", "they send money home to his gran every month", None),
        ("q_disability", "he has SEND and an EHCP", "yes"),
        ("q_material", 'mum says she "eats loads"; I discussed her with the named doctor', None),
        ("q_material", "both parents are doctors and they own their house", "well_off"),
        ("q_previous", "a referral to children's social care is being made today", None),
        ("q_previous", "they were on a child in need plan last year", "social_care"),
        ("q_parental_factors", "he has a snack and a drink when he gets in from school", None),
        ("q_parental_factors", "the midwife asked about domestic abuse at booking and she said no", None),
        ("q_parental_factors", "dad drinks every night", "substance_misuse"),
        ("q_dsl_knows", "I haven't told anyone except our imam", None),
        ("q_dsl_knows", "I haven't told anyone yet", "no"),
    ],
)
def test_typed_words_in_another_sense(plan, qid, said, value):
    assert typed(plan, qid, said) == value


# -- how long ---------------------------------------------------------------------------------------


def test_the_childs_time_with_the_practitioner_is_not_how_long(plan):
    own = "He's 16. He's been coming to me for six weeks about exam stress. The house is a tip and dad drinks."
    assert "q_duration" not in answers(plan, own)
    worry = "He's 16. The house has been a tip for six weeks and dad drinks."
    assert answers(plan, worry).get("q_duration") == "under_3m"


# -- dev35 and dev36 held to what this session measured ------------------------------------------------


# split: (expected answers, at least right, at most pre-filled wrongly); this session's start (8c8a02c,
# eval_listening.py): dev35 70 right 14 wrong, dev36 58 right 19 wrong; after S22-LC14: see GATES
GATES = {"dev35": (102, 71, 6), "dev36": (97, 63, 6)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_dev35_and_dev36_hold_what_was_measured(account_floor, split):
    account_floor(split, *GATES[split])
