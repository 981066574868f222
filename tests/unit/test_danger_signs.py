"""Danger (issue 18), ninth pass: frames, not phrasings. A child + a state now (a sign of a fit
without the word, a change after a fall, left while the carer went out, not found, sold for sex,
a threat to burn the home with them in it), each in several invented voices, and the structures
that rule a danger out (help already at the scene, a journey on public transport).
All texts invented for this test, none from a labelled set."""

from __future__ import annotations

import pytest

from bot.lang.danger import DANGER_INTENT
from bot.lang.danger_policy import decide_danger, message_frame


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


# -- frames found with danger_dev9.yml (invented phrasings, several voices; never its words) -----
@pytest.mark.parametrize(
    "text",
    [
        # a packet of tablets and a child who took them all
        "found an empty box of paracetamol in her room and she says she took them all after tea",
        "nan's pills bottle is empty, the 13yo admits he swallowed the lot",
        # a burn told by its depth
        "toddler scalded with kettle water, skin coming off his arm",
        "the baby got burnt badly on the radiator",
        # a drug debt worked off tonight
        "YP says he lost the package and they're making him work it off tonight",
        # a carer not making sense, taking the children to the dead
        "dad came to pick up the kids and he's not making any sense, slurring, says he's driving",
        "mum keeps saying she'll send them to heaven tonight, she has the 2 kids with her",
        # a young child freezing at home now
        "HV: frost on the inside of the windows this morning, 3 month old in the flat, no heating",
        "no heat in the house and it's freezing tn, the twins are 1",
        # an age told after "who is"
        "her sister who is 3 is home by herself until mum finishes at 9pm",
        # wandering abbreviated
        "5 yo boy wandering down the main rd alone",
    ],
)
def test_dev9_frames_caught(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # a quiz answer
        "e-learning question: a child is alone now, what do you do? I think the answer is ring 999",
        # an adult only, no child in the home
        "neighbour worried about an elderly man with no heating in this freezing weather, no kids in the house",
        # a threat of years ago, its year named after it
        "he threatened to kill her once, that was 2018 and he has not been round since",
        # settled by the time the practitioner came
        "EDT: the kids were alone at 1am, by the time we arrived mum was home, they were asleep",
        # settled first, then the adult's harm
        "the children are with their aunt now and safe, paramedics took dad to a&e after he collapsed",
        # a fever with the green signs
        "temp of 38.5 since lunch, still eating and playing, calpol helping, GP tomorrow",
        # a bump with the red flags absent and advice given
        "bumped her head at nursery this morning, no vomiting, head injury form given to mum",
        # company staying the night
        "mum is low tonight but her friend is with her and staying overnight with her and the baby",
    ],
)
def test_dev9_frames_ruled_out(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text,caught",
    [
        # a child due back, now later
        ("my 9 yo went to the shop at 4 saying back by 5, it's now 7 and she's not answering her phone", True),
        ("8yo out on his scooter, he's never late and it's now gone 7, dark, we've checked the park", True),
        # an older child late is for the check; a rule about coming home is no time now
        ("he's 15, said back by 10, it's now half 10 and he's not answering", False),
        ("the 8 year old is meant to be home by 6 now that the clocks have changed", False),
        ("she is never late for school now that mum has a new job", False),
    ],
)
def test_a_child_overdue_now(text, caught):
    assert decide_danger(text).immediate is caught, text


@pytest.mark.parametrize(
    "text,caught",
    [
        # who is WITH the child decides: a sober adult elsewhere settles nothing
        ("dad drove off with the kids drunk, mum is sober at home", True),
        ("mum's boyfriend has taken the baby out in the car and he's wasted, mum's sober but at home", True),
        # a sober adult with the children does
        ("dad is drunk but mum is sober and with the kids", False),
        ("dad had been drinking but his partner is there and sober, she has the kids", False),
    ],
)
def test_a_sober_adult_settles_only_where_the_child_is(text, caught):
    assert decide_danger(text).immediate is caught, text


@pytest.mark.parametrize(
    "text,caught",
    [
        # a few minutes, not hot, not a young child: for the check
        ("she left the kids in the car for about ten minutes while she got cash out", False),
        ("the two boys sat in the car for 3 mins while dad nipped into the chemist, windows open", False),
        # a young child, heat or a long time: still danger
        ("baby left in the car for 5 minutes while mum paid for the petrol", True),
        ("kids left in the car for 5 mins in this heat", True),
        ("kids left in the car for 40 minutes", True),
        ("kids left in the car outside the bookies for ages", True),
    ],
)
def test_a_child_in_a_car_for_a_few_minutes(text, caught):
    assert decide_danger(text).immediate is caught, text


def test_another_adult_caring_for_the_child_lowers_the_classifier_alone():
    # a hungover or unwell carer, with another adult told as caring for the baby now
    text = "HV: mum felt rough after a night out, but her partner was up with the baby, changing and feeding her"
    assert message_frame(text) == "another adult is caring for the child"
    assert not decide_danger(text, DANGER_INTENT, 0.9).immediate
    # the classifier alone still counts without that frame
    assert decide_danger("mum felt rough after a night out and the baby is screaming", DANGER_INTENT, 0.9).immediate
    # and a rule that fires is not lowered by it
    fired = "dad is feeding the baby but the toddler has swallowed a button battery"
    assert decide_danger(fired).immediate
