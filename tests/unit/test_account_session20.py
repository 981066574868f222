"""Accounts, session 20 (S20-LC12, issue 19): which types an account says are and are not a worry.
Every case detail below is invented.

- (a) Types said NOT to be a worry as a whole: a list of topics said fine ("Food, clothes and health are
  all fine"; "no other worries at all about food, school or home"), or the rest said fine beside one
  worry ("Everything else is fine: ...", "My one worry is his learning"): the other types are "no", the
  one worry's type is "yes" (account.rest_fine, bot/lang/account_rest.py). A type described as a worry
  never becomes "no"; a hedged sentence or a question says nothing.
- (b) Types described by what is seen, with no type word (account.signs): a home that is "a state",
  piles of washing, nappies left on, bottles not sterilised (physical); "never anything in", always
  asking for more (nutritional); out till 3 with nobody ringing round, a parent who doesn't know where
  the child is, a baby left with someone mum hardly knows (supervision); in school two days a week, a
  tablet all day (educational); a parent who hardly speaks to the child, "doesn't care" (emotional); a
  baby not taken for a check (medical).
- A sign is not dropped as the parent's own parent's care when "her own mum" stands far from it in one
  long unpunctuated clause (account.parents_own_parent_within).

dev31 and dev32 are held to what this session measured (floors: right may only rise, wrong only fall).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)
TYPES = ("physical", "nutritional", "emotional", "medical", "educational", "supervision")


def seen(plan, said: str) -> dict[str, str]:
    got = read_account(said, plan, TODAY).answers()
    return {t: got[f"q_seen__{t}_neglect"] for t in TYPES if f"q_seen__{t}_neglect" in got}


# -- (a) a list said fine, the rest said fine beside one worry ------------------------------------


def test_a_list_said_fine_is_no_for_each_topic(plan):
    said = (
        "Family support worker. Boy of 11, dad shouts at him every night and calls him useless, and mum "
        "barely looks at him. Food, clothes and health are all fine; they both work."
    )
    got = seen(plan, said)
    assert got.get("emotional") == "yes"
    assert (got.get("nutritional"), got.get("physical"), got.get("medical")) == ("no", "no", "no")
    assert "educational" not in got and "supervision" not in got  # not listed: not said


def test_no_other_worries_about_a_list_is_no_for_each_topic(plan):
    said = (
        "School nurse. Girl aged 8 left alone in the flat overnight twice this month while mum was out. "
        "No other worries at all about food, school, health or home."
    )
    got = seen(plan, said)
    assert got.get("supervision") == "yes"
    for t in ("nutritional", "educational", "medical", "physical"):
        assert got.get(t) == "no", t


def test_the_rest_said_fine_beside_one_worry(plan):
    said = (
        "SENCO. Boy aged 7 with autism. My one worry is his learning at home: mum won't do any of the reading "
        "we send. Everything else is fine: he's clean, well fed, properly supervised and his jabs are done."
    )
    got = seen(plan, said)
    assert got.get("educational") == "yes"
    for t in ("physical", "nutritional", "emotional", "medical", "supervision"):
        assert got.get(t) == "no", t


def test_the_one_thing_worried_about_names_its_type(plan):
    said = (
        "Dietitian. Girl of 9, BMI well above the 98th centile. The one thing I'm worried about is food: "
        "takeaways every night and no fruit in the house. Everything else is fine."
    )
    got = seen(plan, said)
    assert got.get("nutritional") == "yes"
    assert got.get("supervision") == "no" and got.get("emotional") == "no"


def test_a_type_described_as_a_worry_never_becomes_no(plan):
    said = (
        "Health visitor. Baby of 4 months in a soaking nappy on every visit, and mum has missed his 8 week jabs. "
        "Everything else is fine."
    )
    got = seen(plan, said)
    assert got.get("physical") == "yes"
    assert got.get("medical") != "no"


@pytest.mark.parametrize(
    "said",
    [
        # hedged: the rest is asked
        "Teacher. Boy aged 10 comes in hungry most days. I think everything else is fine but I'm not sure.",
        # a question: nothing said
        "Teacher. Boy aged 10 comes in hungry most days. Is everything else fine? I don't know yet.",
        # a time past ("my one worry was"): no frame
        "Teacher. Boy aged 10 comes in hungry most days. My one worry was his learning, last year.",
        # "no other worries" alone names nothing: the other types are asked (older writers' sets)
        "Teacher. Boy aged 10 comes in hungry most days. No other worries.",
    ],
)
def test_no_frame_makes_no_other_type_no(plan, said):
    got = seen(plan, said)
    assert got.get("nutritional") == "yes"
    assert not [t for t, v in got.items() if v == "no"], got


def test_a_parent_said_fine_is_no_topic_of_the_child(plan):
    said = (
        "Young carers worker. Girl aged 12 cares for her dad, he can't get up most days and she misses school "
        "to help him. Dad's mental health and mum's health are all fine now."
    )
    assert seen(plan, said).get("medical") != "no"


# -- (b) types described by what is seen ----------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("Family worker. Boy aged 6. The flat is a tip and there are piles of washing in every room.", "physical"),
        (
            "Hostel worker. Baby of 3 months, her nappies are left on for hours and the bottles aren't sterilised.",
            "physical",
        ),
        (
            "Youth worker. Girl of 14 says there's never anything in at home, so she's always asking for extra food "
            "at the club.",
            "nutritional",
        ),
        ("PCSO. Boy aged 13 is out till 3 most nights and mum doesn't ring round.", "supervision"),
        (
            "Neighbour's concern via the HV: baby of 6 months left with a man mum hardly knows while she goes out.",
            "supervision",
        ),
        (
            "Attendance officer. Girl aged 12, on roll but goes one day a week; on her phone all day at home.",
            "educational",
        ),
        ("Social worker. Boy aged 5, mum hardly speaks to him at contact and she says she doesn't care.", "emotional"),
        ("HV. Baby of 9 weeks, mum hasn't taken her for her 6-week check and cancelled twice.", "medical"),
    ],
)
def test_a_type_described_by_what_is_seen_is_yes(plan, said, kind):
    assert seen(plan, said).get(kind) == "yes"


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("Family worker. Boy aged 6. The flat is never a mess and there are no piles of washing.", "physical"),
        ("PCSO. Boy aged 13 is never out till 3, mum always rings round.", "supervision"),
        ("Attendance officer. Girl aged 12, goes every day, phone taken off her at night.", "educational"),
    ],
)
def test_the_same_signs_negated_are_not_yes(plan, said, kind):
    assert seen(plan, said).get(kind) != "yes"


def test_a_long_voice_note_keeps_its_signs_beside_the_parents_own_mum(plan):
    said = (
        "hostel worker here mum is 20 baby is 4 months they came to us after her own mum put her out staff keep "
        "finding the baby on her own while mum is outside smoking and the bottles are not sterilised and the "
        "baby has a sore nappy rash mum says she is fine i have told our safeguarding lead"
    )
    got = seen(plan, said)
    assert got.get("supervision") == "yes"
    assert got.get("physical") == "yes"


def test_caring_for_her_own_mum_is_still_the_parents_care(plan):
    said = "Family worker. Girl aged 9. Mum is exhausted, caring for her own mum too, and tired all day."
    assert "emotional" not in {t for t, v in seen(plan, said).items() if v == "yes"}


# -- dev31 and dev32 held to what this session measured -------------------------------------------


# split: (expected answers, at least right, at most pre-filled wrongly); first seen (e134fff): dev31 89 right
# 12 wrong, dev32 84 right 16 wrong (this session's start, 63bceb5: the same)
GATES = {"dev31": (161, 103, 10), "dev32": (161, 89, 16)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_dev31_and_dev32_hold_what_was_measured(account_floor, split):
    account_floor(split, *GATES[split])
