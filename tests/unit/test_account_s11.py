"""Accounts read by other writers (issue 19, bot/lang/account*.py, S11-LA12): the child's age said
after a parent's ("the family of a 12-year-old", "his nan, who's 66 ... he's 4", "Child: girl, 6,"),
and food or reading said always there is no sign of neglect. Each rule has its control. Every case
detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_time import _age

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_the_family_of_a_child_says_the_childs_age():
    assert _age("I visited the family of a 12-year-old girl. Mum changed jobs two weeks ago.").band == "adolescent"
    assert _age("Mum of a 4 year old, struggling since the move.").band == "toddler"
    # control: a likeness is still no age ("the speech of a 2 year old" said of a boy of 9)
    assert _age("He is 9 and has the speech of a 2 year old.").band == "primary"


def test_the_first_age_a_child_can_be_after_an_adults():
    assert _age("Dad is trying hard; his nan, who's 66, helps out. He's 4.").band == "toddler"
    assert _age("Child: girl, 6, Year 1 at the village school, no SEN.").band == "primary"
    # controls: an adult's age alone is no child's; a count of things after a child is no age
    assert _age("Mum, who is 41, says things are fine.") is None
    assert _age("Mum is 19. He's 2 months old and feeding well.").band == "baby"


def test_food_or_reading_always_there_is_no_sign(plan):
    got = answers(plan, "Boy of 12. He makes his own tea and there is always food in. Dad works late.")
    assert got.get("q_seen__nutritional_neglect") != "yes"
    got = answers(plan, "Girl of 5. Mum reads to her every night, and she has lots of books.")
    assert got.get("q_seen__educational_neglect") != "yes"
    # controls: food said missing, and reading said as a worry, still read as signs
    got = answers(plan, "Boy of 12. There is never any food in and he comes to school hungry.")
    assert got.get("q_seen__nutritional_neglect") == "yes"


def test_no_food_in_for_a_meal_is_a_sign(plan):
    got = answers(plan, 'Girl, 13. She tells me "there\'s never anything in for tea". Her weight is normal.')
    assert got.get("q_seen__nutritional_neglect") == "yes"
    # control: food said there is no sign
    got = answers(plan, "Girl, 13. There is always food in and she eats well.")
    assert got.get("q_seen__nutritional_neglect") != "yes"


def test_told_a_named_practitioner_alone_is_seen_alone(plan):
    assert (
        answers(plan, 'Boy, 13. He told the worker on his own, "it\'s fine". Mum works nights.').get("q_seen_alone")
        == "yes"
    )
    # control: being on his own at home is no seeing him alone
    assert answers(plan, "Boy, 13. He tells me he is on his own most nights.").get("q_seen_alone") != "yes"
