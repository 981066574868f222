"""Danger in context, general structures (issue 18, S6-DI): what a sentence is about (a term asked
about, an activity named in general), who is coming (a person a court order or agreement keeps
away, the person a child named), quoted words, and what settles a danger or does not. Every text
here is invented for the test (no labelled set's words)."""

from __future__ import annotations

import pytest

from bot.lang.danger import detect_danger, unquote
from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "serious danger?",
        "an emergency?",
        "floppy infant - what does it mean",
        "carer passed out - abuse or neglect",
        "locked out of the house - which category of neglect",
        "leaving toddlers alone in the car",
        "home alone guidelines",
        "baby unconscious - what are the signs of a head injury",
    ],
)
def test_a_term_asked_about_or_an_activity_named_in_general_is_not_danger(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "baby not breathing - what do I do",
        "emergency - the toddler is not breathing",
        "missing child, 5 yrs, not seen since 2pm",
    ],
)
def test_a_procedural_question_or_a_child_missing_is_still_danger(text):
    assert decide_danger(text).immediate


def test_a_carer_drinking_as_a_habit_is_not_danger_but_drinking_now_with_the_baby_is():
    assert not decide_danger("her stepdad's drinking and the kids make their own tea").immediate
    assert decide_danger("her stepdad is drinking and the baby is with him").immediate


@pytest.mark.parametrize(
    "text",
    [
        "Foster mum believes the girl is possessed and is starving her to get the spirit out",
        "dad keeps saying his son is the devil, he's alone with him",
    ],
)
def test_a_carer_who_believes_the_child_is_evil_or_possessed_is_danger(text):
    assert decide_danger(text).immediate


def test_a_belief_asked_about_or_in_the_past_is_not():
    assert not decide_danger("what should we do if a carer thinks a child is possessed?").immediate
    assert not decide_danger("years ago gran believed he was cursed; she has no contact now").immediate


def test_the_person_a_child_named_collecting_her_is_danger_another_adult_is_not():
    told = "The boy told his teacher that his stepmum burns him with a lighter"
    assert decide_danger(f"{told}, and she's collecting him at 3:30").immediate
    assert decide_danger(f"{told}. She's on her way to collect him").immediate
    assert not decide_danger(f"{told} last year. Grandad is picking him up today").immediate
    assert not decide_danger("Aunt told me she's picking the twins up at 4").immediate


def test_a_person_kept_away_by_an_order_coming_now_is_danger():
    assert decide_danger("there's a DVPO on her ex and he's on his way to the flat").immediate
    assert decide_danger("he's not allowed near the children, bail conditions, he is outside the nursery").immediate
    assert not decide_danger("the injunction ended last spring and the kids are outside on the trampoline").immediate
    assert not decide_danger("there is a non-molestation order in place, dad has not been seen since June").immediate


def test_quote_marks_do_not_break_a_pattern_and_quoted_words_are_still_known():
    plain, spans = unquote("she wrote 'bye' and mum's phone is off")
    assert plain == "she wrote bye and mum's phone is off"
    assert plain[spans[0][0] : spans[0][1]] == "bye"
    assert decide_danger("my student has texted 'goodbye everyone' and isn't answering now").immediate


@pytest.mark.parametrize(
    "text",
    [
        "the 7 year old has cut his hand badly, lots of blood, dad says he'll just wrap it in a towel",
        "the toddler is limp and mum says she's fine, just tired",
    ],
)
def test_a_resolution_only_said_or_to_come_does_not_settle(text):
    assert decide_danger(text).immediate


def test_a_resolution_told_in_the_present_settles_after_a_past_phrase():
    text = (
        "a pupil said 'dad kicks the dog and hits mum' at lunch. Mum says dad moved out 3 months ago. "
        "The pupil is fine."
    )
    assert not decide_danger(text).immediate


def test_a_present_perfect_with_a_negation_reaches_now():
    assert decide_danger("the 9 year old went to the park at 4 and hasn't come home, it's dark").immediate


@pytest.mark.parametrize(
    "text",
    [
        "the 4 year old is having a fit and it has gone on for 8 minutes",
        "2 yr old found holding nan's tablets, the lid is off",
        "he's 13 and is being made to carry a package to another city tonight",
        "mum says she is driving the kids into the river together",
        "the girl told me her mum's partner choked her, she is due home in 20 minutes",
    ],
)
def test_general_kinds_of_danger_now(text):
    assert decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "he's having a fit about his phone being confiscated",
        "the 3 yr old's gran keeps her tablets in a locked tin",
        "she told staff a classmate hit her at break, she's going home on the bus later as usual",
        "she told me an uncle touched her years ago, she's going home to mum tonight",
        "dad has bipolar; she's going to run away if she has to live with him",
    ],
)
def test_look_alikes_of_those_kinds_are_not_danger(text):
    assert not decide_danger(text).immediate


def test_a_figurative_fall_is_not_a_fall():
    assert not detect_danger("the team has fallen into the habit of waiting, right now I want to reflect").immediate
    assert not detect_danger("mum has fallen into arrears again this month").immediate
