"""Accounts, session 18 (S18-LC9, issue 19): what accounts_dev27 and accounts_dev28 showed. Every case
detail below is invented.

- A yes negated straight after its words is no yes: "I haven't taken it to my manager yet" opens
  with "I have" (spaCy splits "haven't"), which was read as the lead knowing (account.negated_after).
- The child the check is for, named among others with their ages ("The check is for the baby, who's
  5 months", "I'm doing this for the 6 year old", "it's his little sister I'm ringing about; she's
  eight"): that child's age is the one read (account.focus_child).
- The lead told in other words: "raised it with my line manager / team leader", "discussed her with
  our safeguarding midwife" (account.said_plainly q_dsl_knows).
- Money said plainly to be all right ("Money seems ok", "Money seems fine") is managing
  (account.said_plainly q_material).

dev27 and dev28 are held to what this session measured (floors: right may only rise, wrong only fall).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


# -- a yes negated straight after it ------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Youth worker. Boy of 15 comes to the club most nights hungry, says there's nothing in at home. "
        "Dad works nights. I haven't gone to my manager with it yet.",
        "Childminder. Girl of 2, teeth going brown, still on a bottle all day, speech behind. I haven't "
        "had the chance to take it to my manager.",
        "SENCo. Girl of 9 has been tired, up late minding her baby brother most nights. I havent "
        "mentioned it to the DSL yet.",
    ],
)
def test_a_lead_not_yet_told_is_never_read_as_knowing(plan, said):
    assert answers(plan, said).get("q_dsl_knows") != "yes"


@pytest.mark.parametrize(
    "said",
    [
        "Nursery worker. Boy of 3, always hungry, the same clothes all week, mum drinks. I have told my manager.",
        "Teaching assistant. Girl of 6, comes in without a coat in the snow and says she's cold at home. "
        "I have spoken to the DSL about it this morning.",
    ],
)
def test_a_lead_told_is_still_read_as_knowing(plan, said):
    assert answers(plan, said).get("q_dsl_knows") == "yes"


# -- the child the check is for -----------------------------------------------------------------


@pytest.mark.parametrize(
    "said, band",
    [
        (
            "Family in one room of a hostel for six weeks: mum (41), a boy of 16 and a girl of 5. I'm doing "
            "this for the 5 year old because the manager says she's in the corridors late. She's clean and fed.",
            "primary",
        ),
        (
            "I review a 16 year old who's looked after and lives with her baby in a mother-and-baby placement. "
            "The check is for the baby, who's 4 months. Mum has missed two of her checks.",
            "baby",
        ),
        (
            "I'm a foster carer for a boy who's 14, but it's his little sister I'm ringing about; she's seven "
            "and still lives with their mum, who's 39. She comes to my door hungry most mornings.",
            "primary",
        ),
    ],
)
def test_the_age_of_the_child_the_check_is_for_is_read(plan, said, band):
    assert answers(plan, said).get("q_age") == band


def test_an_account_without_such_words_keeps_its_first_age(plan):
    said = (
        "Learning mentor. A boy of 13, in the same uniform every day, says there's no food in. His sister is 6 "
        "and lives with their nan. I've told the DSL."
    )
    assert answers(plan, said).get("q_age") == "adolescent"


# -- the lead told in other words; money said plainly all right ---------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Housing officer. Boy of 16 in a B&B after his mum told him to leave; he's lost weight and is out "
        "all night. I've raised it with my team leader and we're referring today.",
        "Community midwife. Unborn baby, 30 weeks, missed two scans, partner answers for her. I've "
        "discussed her with our safeguarding midwife.",
    ],
)
def test_the_lead_told_in_other_words_is_read(plan, said):
    assert answers(plan, said).get("q_dsl_knows") == "yes"


def test_a_lead_not_yet_raised_with_is_no(plan):
    said = "Nursery worker. Boy of 3, always hungry, the same clothes all week. I haven't raised it with my manager."
    assert answers(plan, said).get("q_dsl_knows") != "yes"


def test_money_said_to_be_all_right_is_managing(plan):
    said = (
        "Attendance officer. Girl of 8, 70% this term and late most days in yesterday's uniform. Money seems "
        "ok, mum works part time. My lead knows."
    )
    assert answers(plan, said).get("q_material") == "managing"


@pytest.mark.parametrize(
    "said",
    [
        "Attendance officer. Girl of 8, late most days in yesterday's uniform. Money is tight and they're "
        "behind on the rent. My lead knows.",
        "Attendance officer. Girl of 8, late most days in yesterday's uniform. Money seems ok I think, "
        "but I'm not sure. My lead knows.",
    ],
)
def test_money_tight_or_hedged_is_not_read_as_managing(plan, said):
    assert answers(plan, said).get("q_material") != "managing"


# -- dev27 and dev28 held to what this session measured -------------------------------------------


# split: (expected answers, at least right, at most pre-filled wrongly); first seen (90d2b28): dev27 85
# right, 8 wrong; dev28 (session 17's blind twin) 86 right, 16 wrong; at this session's start the same
# session 19: strengths and how often "one off" / "comes and goes" are no longer pre-filled from prose
# (S19-LC10's gate): dev28 88 right, 13 wrong
GATES = {"dev27": (147, 89, 7), "dev28": (138, 88, 13)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_dev27_and_dev28_hold_what_was_measured(account_floor, split):
    account_floor(split, *GATES[split])


@pytest.mark.parametrize(
    "text, seen",
    [
        # (the lead, session 18) teeth said plainly to be bad and health letters ignored are medical neglect
        ("school nurse: always hungry, teeth are bad and dentist letters ignored, mum low", True),
        ("his teeth are really bad and she ignores letters from the dentist", True),
        ("his teeth are not bad, he sees the dentist every year", False),
        ("the school letters are ignored but health is fine", False),
    ],
)
def test_teeth_and_health_letters_said_plainly(plan, text, seen):
    got = read_account(text, plan, TODAY).answers()
    assert (got.get("q_seen__medical_neglect") == "yes") is seen, got
