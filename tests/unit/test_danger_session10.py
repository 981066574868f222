"""Issue 18, session 10 (S10-DI8): general readings from danger_dev14's misses and false alarms (a
young child gone from where they were, the only adult home on a hard drug, a carer in the pub since
a time, new marks and the child going back at a time, "he's gone" said of an adult who left, a lapse
told off and fine, another carer home now). Invented phrasings only, each with controls."""

from __future__ import annotations

import pytest

from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "the three year old has vanished from the playground and we've looked everywhere",
        "toddler gone from the back garden, side gate was open, 20 minutes now",
        "a four year old wandered out of the supermarket on his own",
        "mum is on heroin and she's the only adult there with the baby tonight",
        "stepdad on spice, only adult home with the 2 yr old",
        "the twins are 4, dad has been at the bookies since lunchtime and they're in the flat",
        "she's 3. mum's been down the pub since 6",
        "fresh bruising to his face today and he is due home at 3.15",
        "she showed me marks on her neck this morning and she's going back there at 4",
        "dad left the kids at the park and he's gone, the 5 year old is on her own",
        "my son went out to play with his dad's football, he's been gone 3 hours",
    ],
)
def test_dangers_from_the_session_10_readings(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # gone from the house to someone, for a time
        "the 2 year old has gone from the house to his nan's for the weekend",
        "the toddler has gone from nursery to her dad's for the night",
        # not the only adult, or a treatment rather than a state
        "mum is on methadone and doing well, dad is home with the kids",
        # in the pub since a time, the child with another adult
        "dad's been at the pub since 5, the 3 year old is with her nan",
        # old marks, no going back today
        "she had marks on her arm last term, school spoke to mum",
        # the one who left is an adult
        "the boy says his stepdad used to shout but he's gone now",
        "historic DV, she's been gone years, dad is the main carer now",
        "his mum's ex was violent but he's gone now and the kids are settled",
        # a lapse, over and told off, the child fine
        "a 9 year old ran across the car park on her own without waiting, she's fine, I told her off",
        # another carer home beside one who is a bit sleepy
        "dad had his tooth out and is a bit sleepy from the painkillers, nan is home now",
    ],
)
def test_controls_of_the_session_10_readings(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # a lapse told off, but the child still not back or hurt
        "the 6 year old ran off on his own, I told him off but he's still not back",
        "toddler got out onto the road, I told her off, she's hurt her head and is drowsy",
    ],
)
def test_near_miss_shapes_keep_a_danger_beside_their_words(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "dad is unconscious on the floor after taking pills, mum is home now with the baby",
        "dad has passed out drunk on the sofa, mum's back from work now",
        "the 3 week old is very sleepy and floppy, dad is home now",
    ],
)
def test_another_carer_home_is_no_shape_beside_a_red_sign(text):
    # (the shape alone; the first is read as settled by "is home now" since before session 10)
    assert near_miss_form(text, "acute") == ""


@pytest.mark.parametrize(
    "text",
    [
        # danger_dev15's kinds, in other words
        "the 4 year old wandered off at the fair and I can't see her anywhere",
        "his nose is bleeding and it won't stop, it's been 40 minutes",
        "the 6 year old was bitten by the neighbour's dog just now, deep bite on her face",
        "he fell on the fence and his lip is split open",
        "there's a toddler strapped in a car seat in the car park right now, windows up, nobody about",
    ],
)
def test_dangers_from_dev15_readings(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "she's walking now and hitting all her milestones",
        "the smoke alarm went off over burnt toast, everyone out and back in within minutes",
        "a girl told her teacher this morning that she was left alone overnight when she was 5, "
        "before she came to live with her aunt, how do I write this up",
        "can't see the letter anywhere in the file, was it sent",
    ],
)
def test_controls_of_dev15_readings(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # the telling today, and the harm now too
        "she told me today he hit her last week and he is outside the school now",
        "he told staff this morning that mum left him alone, he's 4 and at home on his own right now",
    ],
)
def test_the_time_of_a_telling_leaves_a_harm_now_standing(text):
    assert decide_danger(text).immediate, text


def test_no_adult_about_is_a_red_sign_against_the_acted_and_fine_shape():
    text = "my visit was fine and I walked back to the car, a baby is strapped in the next car, nobody around"
    assert near_miss_form(text, "acute_alone") == ""
