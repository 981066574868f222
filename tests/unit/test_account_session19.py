"""Accounts, session 19 (S19-LC10, issue 19): what accounts_dev29 and accounts_dev30 showed. Every case
detail below is invented.

- The lead told in a police officer's or a worker's own words: "My sergeant knows", "I've taken it to my
  team manager", "my manager copied", "I've shared it with our DSL"; "not raised it with my sergeant
  yet" is a no (account.said_plainly q_dsl_knows).
- A yes after a negation and a word of being able, in its clause ("I haven't had the chance to tell my
  manager", "haven't been able to see her on her own"): not done yet, never yes; asked unless other
  words say no (account_context.not_yet_able; account.plain_unable).
- "loads" alone is no money to spare ("eats loads"): not read as well off (account.not_from_account).
- An appointment or a clinic "not attended" or "stopped going to" is health care, not school: no
  educational neglect from it (account.sign_explained_by).

dev29 and dev30 are held to what this session measured (floors: right may only rise, wrong only fall).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)

OUT_LATE = (
    "PCSO on the Brambleford estate. Boy aged 12, out after midnight most weekends and mum doesn't know where he is. "
)
SAME_CLOTHES = "Family worker. Girl aged 6, same clothes all week, mum says the washer's broken. "


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


# -- the lead told in other words -----------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        OUT_LATE + "My sergeant knows.",
        OUT_LATE + "I've discussed it with my sergeant.",
        SAME_CLOTHES + "I've taken it to my team manager.",
        SAME_CLOTHES + "My manager copied.",
    ],
)
def test_the_lead_told_in_other_words_is_yes(plan, said):
    assert answers(plan, said).get("q_dsl_knows") == "yes"


@pytest.mark.parametrize(
    "said",
    [
        OUT_LATE + "Not raised it with my sergeant yet, doing that today.",
        OUT_LATE + "I've not spoken to my sergeant about it yet.",
        SAME_CLOTHES + "I haven't taken it to my manager.",
    ],
)
def test_the_lead_not_told_in_other_words_is_no(plan, said):
    assert answers(plan, said).get("q_dsl_knows") == "no"


# -- not done yet: asked ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        SAME_CLOTHES + "I haven't had the chance to tell my manager.",
        SAME_CLOTHES + "I haven't had the chance to take it to my manager.",
        SAME_CLOTHES + "I haven't been able to tell the DSL yet.",
    ],
)
def test_a_lead_not_yet_told_for_want_of_a_chance_is_never_yes(plan, said):
    # asked, or a no where other words say it ("haven't been able to tell the DSL": answers.yml's no)
    assert answers(plan, said).get("q_dsl_knows") != "yes"


@pytest.mark.parametrize(
    "said",
    [
        SAME_CLOTHES + "I haven't had the chance to tell my manager.",
        SAME_CLOTHES + "I haven't had the chance to take it to my manager.",
    ],
)
def test_a_lead_not_yet_told_for_want_of_a_chance_is_asked(plan, said):
    assert "q_dsl_knows" not in answers(plan, said)


def test_told_when_able_is_still_yes(plan):
    assert answers(plan, SAME_CLOTHES + "I told my manager as soon as I was able to.").get("q_dsl_knows") == "yes"


# -- "loads" is no money ----------------------------------------------------------------------------


def test_eating_loads_is_not_well_off(plan):
    said = "Youth worker. Lad of 14, comes to the club hungry most nights and eats loads. Not told my manager."
    assert answers(plan, said).get("q_material") != "well_off"


def test_well_off_said_plainly_is_still_read(plan):
    said = "Youth worker. Lad of 14, comes to the club hungry most nights. Dad's a barrister and they're well off."
    assert answers(plan, said).get("q_material") == "well_off"


# -- appointments are no school ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Health visitor. Baby is 4 months, gaining well. Mum has stopped going to the baby clinic. Not told my lead.",
        "Practice nurse. Girl aged 3, her jabs are overdue and two appointments not attended. Not told my lead.",
    ],
)
def test_an_appointment_not_attended_is_no_educational_neglect(plan, said):
    assert answers(plan, said).get("q_seen__educational_neglect") != "yes"


def test_school_not_attended_is_still_educational_neglect(plan):
    said = "Teacher. Boy aged 9, he's stopped going to school most days and his attendance is 60%. Not told my DSL."
    assert answers(plan, said).get("q_seen__educational_neglect") == "yes"


# -- dev29 and dev30 held to what this session measured -------------------------------------------


# split: (expected answers, at least right, at most pre-filled wrongly); first seen (0e069ac): dev29 91
# right, 15 wrong; dev30 (session 18's blind twin) 77 right, 14 wrong; at this session's start (e134fff)
# dev29 91, 15; dev30 79, 13
GATES = {"dev29": (139, 93, 15), "dev30": (134, 81, 10)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_dev29_and_dev30_hold_what_was_measured(account_floor, split):
    account_floor(split, *GATES[split])
