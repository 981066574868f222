"""Accounts, session 23 (S23-LC16, issue 19): classes of wrong pre-fills over the dev sets, each now
asked (or read as what it is). Every case detail below is invented; each class is tested both ways.

- A parent who cannot read has a literacy need, not a learning disability.
- The writer's own step not taken yet ("I haven't spoken to my team leader about it yet") is no child
  not spoken to (emotional neglect); a parent who hardly speaks to the child still is.
- How long a child has been in care, placed or back home, or a parent in treatment, is no length of
  the worry.
- An appointment that is a parent's own with another service (probation, the job centre, a benefit
  sanctioned for a missed appointment) is no child's health care missed; a child's jabs missed still are.
- A child who does not look for or turn to the parent is an emotional sign.
- A parent's own clothes at the door ("mum opened the door in her dressing gown") are no sign in the
  child's physical care; a child sent out in a dressing gown still is.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


def factors(plan, said: str) -> set[str]:
    return set(answers(plan, said).get("q_parental_factors", "").split(",")) - {""}


# -- cannot read is no learning disability -----------------------------------------------------------


def test_cannot_read_is_no_learning_disability(plan):
    said = (
        "The girl is 7 and has missed a third of this term. Mum can't read, so the letters from school go "
        "in a drawer, and she tells me school was never for her family. The girl is clean and fed."
    )
    assert "learning_disability" not in factors(plan, said)


def test_a_learning_disability_said_is_still_read(plan):
    said = (
        "The girl is 7 and has missed a third of this term. Mum has a learning disability and can't read the "
        "letters from school. The girl is clean and fed."
    )
    assert "learning_disability" in factors(plan, said)


# -- the writer's own step not taken yet --------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "PCSO here. Boy, 8, found wandering by the shops after dark twice this month, in a t-shirt in the "
        "cold. Mum says he slipped out. I've not spoken to my inspector about it yet.",
        "Boy, 8, found wandering by the shops after dark twice this month, in a t-shirt in the cold. Mum "
        "says he slipped out. Haven't spoken to anyone in our team yet.",
    ],
)
def test_the_writers_own_step_not_taken_is_no_emotional_sign(plan, said):
    assert answers(plan, said).get("q_seen__emotional_neglect") != "yes"


@pytest.mark.parametrize(
    "said",
    [
        "Boy, 8, found wandering by the shops after dark twice this month, in a t-shirt in the cold. Mum "
        "hardly speaks to him when she collects him. I've told my DSL.",
        "Boy, 8, found wandering by the shops after dark twice this month. Mum barely talks to him and "
        "nothing has changed yet. I've told my DSL.",
    ],
)
def test_a_parent_who_hardly_speaks_to_the_child_is_still_read(plan, said):
    assert answers(plan, said).get("q_seen__emotional_neglect") == "yes"


# -- the length of a placement or treatment -----------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Girl, 10, was in foster care for three years and went home to dad in the autumn. She now comes in "
        "hungry most days and her clothes are too small.",
        "Girl, 10, home with her mum for 7 months after a care order. She comes in hungry most days and her "
        "clothes are too small.",
        "Dad has been on a methadone script for six years. The girl, 10, comes in hungry most days and her "
        "clothes are too small.",
    ],
)
def test_a_placement_or_treatment_length_is_no_duration(plan, said):
    assert answers(plan, said).get("q_duration") not in ("over_12m", "3_to_12m")


def test_the_worrys_own_length_is_still_read(plan):
    said = (
        "Girl, 10, has come in hungry most days for about two years and her clothes are too small. Dad says "
        "money is tight."
    )
    assert answers(plan, said).get("q_duration") == "over_12m"


# -- a parent's own appointment with another service -------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "I supervise dad on licence. He has missed three probation appointments since March. His son, 6, "
        "is at school every day, clean and fed, and has had all his checks.",
        "Mum, 30, lost money when her benefits were sanctioned for missing a jobcentre appointment. The boy, "
        "6, comes to school hungry on Mondays.",
    ],
)
def test_a_parents_service_appointment_is_no_medical_sign(plan, said):
    assert answers(plan, said).get("q_seen__medical_neglect") != "yes"


def test_a_childs_missed_jabs_are_still_read_beside_it(plan):
    said = (
        "Mum, 30, lost money when her benefits were sanctioned for missing a jobcentre appointment. The baby, "
        "7 months, has missed her 8 and 12 week jabs and the HV can't get in."
    )
    assert answers(plan, said).get("q_seen__medical_neglect") == "yes"


# -- a child who does not seek the parent -------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Toddler, 2, at the drop-in. He fell and cut his lip and never turned to his mum, he just sat there; "
        "mum stayed on her phone.",
        "Baby, 9 months, at clinic today. When the nurse took her she didn't look for her mother at all.",
    ],
)
def test_a_child_who_does_not_seek_the_parent_is_read(plan, said):
    assert answers(plan, said).get("q_seen__emotional_neglect") == "yes"


def test_a_child_looking_for_the_parent_is_no_sign(plan):
    said = "Baby, 9 months, at clinic today. When the nurse took her she looked for her mum straight away and settled."
    assert answers(plan, said).get("q_seen__emotional_neglect") != "yes"


# -- a parent's own clothes at the door ---------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Girl, 8, off school again today. When I knocked, mum opened the door in her dressing gown at 2pm and "
        "said the girl was poorly.",
        "Girl, 8, off school again today. Dad was still in his pyjamas at noon; the girl said she had no " "breakfast.",
    ],
)
def test_a_parents_own_clothes_are_no_physical_sign(plan, said):
    assert answers(plan, said).get("q_seen__physical_neglect") != "yes"


def test_a_child_sent_out_in_a_dressing_gown_is_still_read(plan):
    said = "Boy, 6, arrived at school in his dressing gown and slippers with no coat in the snow."
    assert answers(plan, said).get("q_seen__physical_neglect") == "yes"
