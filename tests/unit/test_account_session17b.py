"""Accounts, session 17 (S17-LC8, issue 19): the types said in everyday words. Every case detail is
invented.

A type's sign said the way a told case says it, not with a sign word (account.signs in
knowledge/language/account_words.yml): "lives on crisps", "nothing in the fridge but lager",
"bottles made up with too much water" (nutritional); "in a soaked nappy", "the flat was freezing"
(physical); "nobody asks how she is", "mum barely looked at him", "she's your problem now", "doesn't
go to mum for comfort" (emotional); "toothache for weeks", "never seen a dentist" (medical); "collected
late", "a scald from a cup of tea", "rolled off the sofa" (supervision). Each is read as the type
seen; the same words negated, or a type said not to be a worry, are not.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def seen(plan, said: str, type_id: str) -> str | None:
    return read_account(said, plan, TODAY).answers().get(f"q_seen__{type_id}")


@pytest.mark.parametrize(
    "said, type_id",
    [
        (
            "Family support worker. Boy of 4, mum on her own since the summer. He has crisps for breakfast "
            "most days and goes to bed when she does. She wants help and has agreed to early help.",
            "nutritional_neglect",
        ),
        (
            "Youth worker. Girl of 12 comes to the club every week. She says there's nothing in the "
            "fridge but lager and dad's out most evenings. Told my manager today.",
            "nutritional_neglect",
        ),
        (
            "HV. Baby of 3 months, weight on the 25th centile. The bottles are made up with too much "
            "water, mum says to make the tin last. My lead knows.",
            "nutritional_neglect",
        ),
        (
            "Nursery key worker. The baby, 11 months, arrives most mornings in a soaked nappy and the "
            "same vest. Mum says she's doing her best. DSL aware.",
            "physical_neglect",
        ),
        (
            "Portage worker. Boy of 2, visited at ten this morning, the flat was freezing and the "
            "heating was off. Dad says the meter ran out. My manager knows.",
            "physical_neglect",
        ),
        (
            "School nurse. Girl of 14, cutting her arms since the spring. She told me 'nobody asks "
            "how I am at home'. Mum cancelled the CAMHS appointment. DSL knows.",
            "emotional_neglect",
        ),
        (
            "HV at the 9 month review. Mum barely looked at him the whole visit and he lay quiet on "
            "the mat. She says she's fine. My supervisor knows.",
            "emotional_neglect",
        ),
        (
            "Police officer. A girl of 15 found at 2am in a car with older men. Mum said 'she's your "
            "problem now' and shut the door. Passed to our safeguarding team.",
            "emotional_neglect",
        ),
        (
            "Nursery manager. Girl of 2, flat and still, she doesn't go to mum for comfort at pick-up. "
            "Mum is polite with us. DSL knows.",
            "emotional_neglect",
        ),
        (
            "Teaching assistant. Boy of 8 has had toothache for weeks and holds his jaw in class. Mum "
            "says she'll ring the dentist. Passed to the DSL.",
            "medical_neglect",
        ),
        (
            "Speech therapist. Boy of 5, several black teeth, and he has never seen a dentist. Dad "
            "says he didn't know he needed to. Told my team lead.",
            "medical_neglect",
        ),
        (
            "Nursery manager. Boy of 3 has been collected late six times this term and once by a "
            "neighbour who wasn't on his list. Mum works shifts. DSL knows.",
            "supervision_neglect",
        ),
        (
            "ED nurse. Girl of 18 months with a scald to her arm from a cup of tea left on the floor; "
            "her second visit this year. Safeguarding team aware.",
            "supervision_neglect",
        ),
        (
            "HV. Baby of 5 months rolled off the sofa last week while mum was in the kitchen. She "
            "wasn't hurt. Mum asked about a playpen. My lead knows.",
            "supervision_neglect",
        ),
    ],
)
def test_a_type_said_in_everyday_words_is_seen(plan, said, type_id):
    assert seen(plan, said, type_id) == "yes"


@pytest.mark.parametrize(
    "said, type_id",
    [
        # the same words negated, or the type said not to be a worry, are never "seen"
        (
            "Family support worker. Boy of 4, mum on her own since the summer. No worries about food, "
            "he eats well at home. She has asked for help with bedtimes.",
            "nutritional_neglect",
        ),
        (
            "Nursery key worker. The baby, 11 months, is never in a soaked nappy, always clean and "
            "changed. Mum is tired but managing. DSL aware.",
            "physical_neglect",
        ),
        (
            "Teaching assistant. Boy of 8, no toothache, his teeth were checked by the dentist last "
            "month. He is often late to school. Passed to the DSL.",
            "medical_neglect",
        ),
        (
            "Nursery manager. Boy of 3 is never collected late, mum is always at the door at three. "
            "His attendance has dropped since the baby. DSL knows.",
            "supervision_neglect",
        ),
        (
            "HV at the 9 month review. Mum didn't miss a thing, she chatted to him the whole visit. "
            "No worries about his emotional care. Weight dropping. My supervisor knows.",
            "emotional_neglect",
        ),
    ],
)
def test_the_words_negated_or_said_no_worry_are_not_seen(plan, said, type_id):
    assert seen(plan, said, type_id) != "yes"


def test_harm_said_with_a_new_sign_is_never_no_clear_impact(plan):
    said = (
        "ED nurse. Boy of 2 with a scald to his chest from a kettle, his third attendance in four "
        "months. Mum left before the review. Safeguarding team aware."
    )
    answers = read_account(said, plan, TODAY).answers()
    assert answers.get("q_seen__supervision_neglect") == "yes"
    assert answers.get("q_impact__supervision_neglect") != "none_yet"
