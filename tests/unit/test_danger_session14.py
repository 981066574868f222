"""Danger, session 14 (S14-DI13, issue 18): a parent's drug use told as a habit in the simple present
("mum injects", "both parents inject"), as a practice or support question (needle exchange, sharps
bins, hepatitis C testing) or as a pattern over years or months is no emergency happening now
(danger.yml danger_carer_unable, context.habitual "for years|months"); drug use told as done or
going on now, a carer collapsed or unrousable after using with a child there, or a child who has
swallowed drugs still is. Invented wording."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger

A_PATTERN_OR_A_PRACTICE_QUESTION = [
    "dad injects heroin most days; where can I find a family support service for children of drug users?",
    "mum injects and keeps her works in a locked box, is a sharps bin from the pharmacy enough?",
    "both carers inject. how do I talk to the children about blood-borne viruses?",
    "parents who inject drugs - what does the guidance say about needle storage in homes with toddlers?",
    "mum is injecting again, she told me at the visit. what support is there for the children?",
    "mum has injected for years, how do I assess the impact on the kids?",
    "dad has been injecting for years and the kids are 4 and 6, which drug service works with families?",
    "a dad who injects wants to know if his children can be tested for hepatitis B",
    "mum has been drinking for months and the kids get themselves up for school",
]

IN_PROGRESS = [
    "mum has injected something and is unresponsive on the sofa, the 3 year old is with her now",
    "dad is injecting heroin in the living room right now with the baby next to him",
    "the toddler has swallowed some of mum's methadone and won't wake up",
    "mum injected about ten minutes ago and collapsed, the kids are on their own with her",
    "mum injects and she's gone blue on the bathroom floor, the 5 year old rang me",
    "dad just injected and he's passed out, the baby is in the cot",
    "he's been injecting for years and tonight he's collapsed with the baby on the sofa",
    "mum has been drinking for years and she's passed out now with the baby alone",
]


@pytest.mark.parametrize("text", A_PATTERN_OR_A_PRACTICE_QUESTION)
def test_drug_use_as_a_pattern_or_a_practice_question_is_no_emergency(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", IN_PROGRESS)
def test_an_emergency_in_progress_still_is(text):
    assert decide_danger(text).immediate, text


def test_a_count_typed_as_for_is_not_a_pattern():
    # "for year old" is "four year old": "for years" is a pattern only in its own words
    assert decide_danger("for year old wandering the estate a loan in his pyjamas at midnight").immediate
