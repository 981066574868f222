"""Practice phrases that look like danger: seeing each child of a family without the parents, and
the child's voice missing from a piece of work (found in the safety figures of session 9's CI run:
case descriptions that got the 999 answer). Invented texts, each with a danger control."""

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "I need to see each of the three children on their own before the review on 2 December",
        "planning to speak to both of the boys separately at school next week",
        "the child's voice is missing from the assessment and I want to do direct work with him",
        "her wishes and feelings were absent from the last plan",
        "the young person's views missing from the CIN minutes again",
    ],
)
def test_a_practice_phrase_is_no_danger(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "the children are on their own in the flat right now and mum has gone out",
        "I went to see each of the children and they are on their own now, no adult in the house",
        "my 6 year old is missing, we can't find him anywhere",
        "the baby's voice is hoarse and she is missing, not at home, gone since 6pm",
    ],
)
def test_the_danger_beside_it_is_still_caught(text):
    assert decide_danger(text).immediate, text
