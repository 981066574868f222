"""Danger in context, eleventh pass (S9-DI6): the frames found reading danger_dev12.yml and
danger_dev13.yml's misses and false alarms, each tried on invented phrasings in other words and
voices (never a dev item's words), with a control that must stay as it was."""

from __future__ import annotations

import pytest

from bot.lang.danger import detect_danger

DANGER = [
    # a carer drunk or high driving off now, or getting in the car with the children
    "dad's had about six cans and he's pulling off the drive with the twins in the back",
    "she is steaming drunk and reversing out of the car park now with the baby",
    "mum was slurring her words and got into the car with both of them, she's gone",
    # held in the boot of a car
    "my 14 yr old client rang whispering that two men have locked him in a car boot",
    "text from the girl: they have put me in the trunk, no idea where we are",
    # an overdose told by a count and a medicine's name
    "the 15 year old says she swallowed 30 of her dad's citalopram an hour ago",
    "he has taken twenty co-codamol, he's 13 and he's at the bus stop",
    # a young child who ate a carer's tablets
    "the toddler has chewed a few of gran's tablets, they were on the side",
    "the 3 yo ate half a strip of mum's painkillers, thought they were sweets",
    # drowsy again and again after a knock to the head or a medicine
    "banged her head on the radiator at 3 and now keeps nodding off on the sofa, she's 4",
    "swallowed some of the diazepam and keeps dropping off, can't keep his eyes open",
    # a stroke in the only carer
    "grandad who minds the two little ones has just had a stroke I think, they're on their own with him",
    # a comparison with another time does not make it the past
    "mum's had a fit again like the other week and this time she's not waking up, baby is in the flat",
    "he's kicking off like before and the kids are in the room with him",
]

NOT_DANGER = [
    # the same words, told in a way that is no emergency now
    "mum takes 20mg of sertraline every morning and says it helps",
    "he keeps falling asleep in class, I think he's gaming till late",
    "grandad had a stroke two years ago and walks with a frame now",
    "the toddler ate some of nan's tablets last year, a&e checked him and he was fine",
    "she collapsed last week like she did the month before and the GP is looking into it",
    "he keeps saying they'll stab him, the police are aware and his worker sees him weekly",
    "she keeps telling staff the older boys will hurt her, police and her social worker are involved",
    "he threatened her with a knife ages ago and has had no contact since",
    "temp of 38.5, she's drinking, smiling, playing with her sister. Booked in with the doctor for the morning",
    "he had a bump on the head at nursery and keeps going to sleep early these days",
    "her car is in the garage so she is driving off to work in her sister's",
]


@pytest.mark.parametrize("text", DANGER)
def test_the_new_frames_catch_danger_told_now(text):
    got = detect_danger(text)
    assert got.immediate, (text, got.reason)


@pytest.mark.parametrize("text", NOT_DANGER)
def test_the_new_frames_leave_a_worry_that_is_not_an_emergency(text):
    got = detect_danger(text)
    assert not got.immediate, (text, got.reason)


def test_asking_what_guidance_there_is_frames_an_acute_word_but_never_a_signal_or_now():
    # a practice question about belief-based abuse is no emergency (an acute word, 'possessed')
    assert not detect_danger(
        "relatives say their 6 year old is possessed and took him to a healer - is there any guidance on "
        "faith-based abuse?"
    ).immediate
    # a danger signal, or a now-word, stands whatever is asked after it
    assert detect_danger("the toddler is alone in the bath now - is there any guidance on bath safety?").immediate
    assert detect_danger("the baby is not breathing - what guidance is there?").immediate
    assert detect_danger("she says he is possessed and she is cutting him right now, what guidance is there").immediate


def test_if_anything_sets_no_condition_and_like_last_time_is_no_past():
    assert detect_danger("if anything the fire is spreading, the kids are still in the back bedroom").immediate
    assert not detect_danger("if the fire spreads and the kids are in the back bedroom, what do I do?").immediate
    assert detect_danger("same as last time, stepdad has shut them in the garage and it's freezing").immediate
    assert not detect_danger("like last time stepdad shut them in the garage, that was in january").immediate
    assert not detect_danger("he talks as if he will hurt her but he never has").immediate


# Danger told beside the words of a near-miss (a safe adult, the past, help sought, a joke): the
# phrasings S9-DI6 tried a learned veto on (scripts/danger_loso.py). A veto limited to messages with
# such words, at p <= 0.2, took back two of them ('never made it back ... 3 hours ago' p 0.01, 'said
# it was a joke but ... on the bridge railing now' p 0.17), so none was adopted; each stays caught.
ACUTE_BESIDE_NEAR_MISS_WORDS = [
    "he never made it back from the shop, that was 3 hours ago",
    "she was fine this morning but now the baby is floppy and won't wake",
    "the police came last week and now he's back at the door with a hammer",
    "nan usually has them but she's in hospital, the 4 and 2 year old are home by themselves",
    "dad was sober at contact, he's now drunk and driving off with the twins",
    "the school nurse checked her last term, today her lips are blue and she can't catch her breath",
    "he used to self harm, he's just sent me a photo of deep cuts and says goodbye",
    "grandad was supposed to be minding them but he's collapsed on the kitchen floor",
    "they're safe at school but mum has just texted that she's taken all her tablets",
    "mum is with the baby but she is unconscious on the sofa",
    "she said it was a joke but she's standing on the bridge railing now",
    "mum rang 111 earlier but the baby has now gone grey and floppy",
    "there was a small fire last year, now the flat is full of smoke and the kids are inside",
    "we thought he was with his dad but dad hasn't got him and he's been missing since 4pm",
    "mum says she feels better now but she's holding a knife to her wrist with the baby next to her",
]


@pytest.mark.parametrize("text", ACUTE_BESIDE_NEAR_MISS_WORDS)
def test_danger_beside_the_words_of_a_near_miss_stays_caught(text):
    from bot.lang.danger_policy import decide_danger

    assert decide_danger(text).immediate, decide_danger(text).reason


def test_a_fever_alone_is_an_emergency_for_a_baby_under_three_months_only():
    # NICE NG143: 38 C or more under 3 months is a red sign on its own
    assert detect_danger("the 7 week old has a temperature of 38.3").immediate
    assert detect_danger("1 month old, temp 39, mum wants to wait and see").immediate
    # an older child with a fever and no red sign is for the check
    assert not detect_danger("the 5 year old has a temperature of 38.6 and is watching cartoons").immediate
    # a red sign beside it is still danger at any age
    assert detect_danger("the 5 year old has a temperature of 39 and is floppy and won't wake properly").immediate
    assert detect_danger("the 2 yr old has a temp of 40 and a rash that won't fade under a glass").immediate
