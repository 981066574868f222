"""'Fire' as a go-ahead or a quick email is no blaze (issue 18): "fire away" answers "can I ask you
a few questions?" and must never get the 999 answer, while a fire with children in the home still
does. Invented phrasings."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "fire away",
        "yes, fire away",
        "ok fire away with the questions",
        "go on then, fire away",
        "I'll fire off an email to the DSL after this",
        "can you fire off a referral for me later",
    ],
)
def test_fire_as_an_idiom_is_no_danger(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "the flat is on fire and the kids are inside",
        "there's a fire in the kitchen and the baby is still upstairs",
        "fire! kids still in the house",
    ],
)
def test_a_fire_with_children_at_home_is_still_danger(text):
    assert decide_danger(text).immediate
