"""Danger (issue 18), ninth pass: frames, not phrasings. A child + a state now (a sign of a fit
without the word, a change after a fall, left while the carer went out, not found, sold for sex,
a threat to burn the home with them in it), each in several invented voices, and the structures
that rule a danger out (help already at the scene, a journey on public transport).
All texts invented for this test, none from a labelled set."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        # a fit told by its signs (NICE CG137)
        "baby keeps going stiff and jerking, it's happening again now",
        "HV: the 7 month old went rigid and is twitching, mum on the phone to me",
        "his eyes have rolled back and he's not answering us",
        # a change in the child after a fall (NICE CG176)
        "baby fell off the changing table onto a hard floor and is not right, very quiet",
        "toddler rolled off the bed and has been really sleepy since",
        # left while the carer went out
        "baby has been left in the house while mum went clubbing",
        "the 3 yr old has been left at the flat while her dad went out drinking, neighbour can hear crying",
        # not found
        "4 year old has wandered off at the beach and can't be found",
        "we've looked all round the estate, the 6 yo can't be found",
        # sold for sex
        "a 15 year old is being sold for sex at the hotel tonight",
        "police intel says the 14yo is being pimped for sex at a flat right now",
        # a threat to burn the home with people in it
        "he's saying he's going to burn the house down with them inside",
    ],
)
def test_frames_of_a_child_in_danger_now(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # the practitioner already acted and help is there
        "I've already called 999 and the police are there now, can we do the check after",
        "rang 999 earlier, paramedics are with her, just want to log it",
        # a journey on public transport by older children
        "the older kids got the bus on their own to school",
        # the same signs told of before and settled
        "the baby had a fit in march and is on meds now, no fits since",
        "she fell off the sofa last week, GP checked her and she's fine",
        # the keys cannot be found: a thing, not a child
        "mum says the keys can't be found so she missed the appointment",
    ],
)
def test_frames_that_rule_a_danger_out(text):
    assert not decide_danger(text).immediate, text
