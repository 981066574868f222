"""Danger in context, seventh pass (issue 18, S6-DI2): danger said indirectly, run-ons without
punctuation, dictation slips and capitals, and frightening words in other senses. Every text here
is invented for the test (no labelled set's words)."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        # said indirectly: the carer not answering, a child inside
        "nobodys answering the door and i can hear the toddler crying inside",
        "the neighbour says the kids have been screaming for an hour and no one has come to the door",
        "mum wont wake up and the baby is crying next to her",
        # capitals, dictation slips, run-ons
        "THE BABY IS NOT BREATHING PROPERLY",
        "she said if i leave tonight hell kill me and the kids and hes home now",
        "dad is driving round with the kids in the car and hes had loads to drink",
        "my neighbours toddler is walking along the main road in just a nappy",
        "can you help a 2 year old has got out the front door and is in the road",
        # "no adult" at the end of a sentence; an answer "no" before a statement
        "the 4 year old is at the park, no adult.",
        "kids at the park no adult",
        "no, i dont know where he is, hes 4 and the back door was open",
        # a threat, a life, a shaken baby, a hot car told car first
        "he keeps saying hes going to do something to the baby",
        "she messaged that shes going to take her own life tonight",
        "her boyfriend has been shaking the baby and he is alone with him now",
        "the car has been parked in the heat for an hour and the baby is in a car seat in it",
        "the dad is at the school gates demanding to take her and theres a court order",
        # "nobody is with the twins", an age told alone ("theyre 2")
        "nobody is with the twins theyre 3 and mums out till late tonight",
    ],
)
def test_danger_said_indirectly_or_typed_badly_is_caught(text):
    assert decide_danger(text).immediate, decide_danger(text).reason


@pytest.mark.parametrize(
    "text",
    [
        "im dying to know what the threshold is for a CIN referral",
        "we had a fire drill at school today and all the kids were fine",
        "just killing time before my next visit can you tell me about neglect",
        "the teacher said the boy was on fire in maths today",
        "single mum with no adult support",
        "the 6 week old has a temperature of 37.6 and is feeding well",
        "dad said he will kill her. He was joking",
        "the boy went missing at the fair for ten minutes but we found him by the rides",
        "the toddler choked on a crisp, dad patted his back and it came out, hes fine",
        "he said he was on his own for a bit last night. hes fine in class today",
        "the boy took his life savings to buy a bike",
        "the 5 year old is at after school club with no adult from the family collecting until 6 as arranged",
    ],
)
def test_frightening_words_in_other_senses_and_dangers_settled_are_not_danger(text):
    assert not decide_danger(text).immediate, decide_danger(text).reason


def test_a_joke_in_the_next_sentence_does_not_cancel_what_is_seen():
    # the joke reaches only words someone said, not a knife seen
    assert decide_danger("dad has a knife. She is laughing at him").immediate
    # and a "no longer" in the next sentence does not cancel a collapse
    assert decide_danger("she is unconscious. No longer breathing").immediate


def test_a_fever_is_38_or_more():
    assert decide_danger("the 5 week old has a temperature of 38.5 and is floppy").immediate
    assert decide_danger("the 6 week old has a temperature of 39").immediate
    assert not decide_danger("the 6 week old has a temperature of 37.2").immediate
