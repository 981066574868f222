"""Danger, session 12 (S12-DI11): readings by class for other writers' wording - the habitual
present ("his brother hits him", "she keeps hitting him"), heard by the classifier alone, is a pattern,
not now; a danger handed over and ended (police came, an ambulance took the child, safe with a
relative) or a sign under a clinician's care is a near-miss; "didn't bring her in sooner" is a delay,
not a child kept from home. Invented wording."""

from __future__ import annotations

import pytest

from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

NOT_NOW = [
    "he says his brother hits him, mum doesn't stop it",
    "my sister kicks me and nobody does anything",
    "the 9 year old says mum slaps him when he is naughty",
    "the 2 year old on the ward has a high temperature, nurses are monitoring and the doctor has seen her",
    "a 6 yr old with a swollen face from a bad tooth, antibiotics started and a review booked for Friday",
    "toddler was home alone for an hour last night, police went round, grandad was there, kids fine",
    "the nurse asked why mum didn't bring her in sooner with the cough",
]

NOW = [
    "dad is hitting him right now and won't stop",
    "dad just hit him with a belt",
    "his dad didn't bring him back from contact and isn't answering",
    "baby is floppy and the ambulance is on its way",
]


@pytest.mark.parametrize("text", NOT_NOW)
def test_a_pattern_or_a_danger_in_hand_is_no_emergency(text):
    decision = decide_danger(text)
    assert not decision.immediate, (text, decision)


@pytest.mark.parametrize("text", NOT_NOW[:3])
def test_the_classifier_alone_does_not_make_a_habit_an_emergency(text):
    assert not decide_danger(text, "immediate_danger", 0.9).immediate


@pytest.mark.parametrize("text", NOW)
def test_now_stays_now(text):
    decision = decide_danger(text)
    assert decision.immediate, (text, decision)


def test_the_near_miss_shapes_of_session_12():
    assert near_miss_form("the ambulance has taken him, he is fine now", "danger_medical") == "handed_over"
    assert near_miss_form("she's safe with her nan now, mum is in custody", "danger_carer_unable") == "handed_over"
    assert near_miss_form("the doctor has seen him and antibiotics started", "danger_medical") == "under_medical_care"
    # help not yet there, or a red sign: no shape
    assert near_miss_form("the ambulance is on its way, he is safe for now", "danger_medical") == ""
    assert near_miss_form("the doctor has seen him but he's not breathing properly", "danger_medical") == ""
