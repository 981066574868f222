"""A gesture of the head is no harm to the learned second opinion (session 23, the lead). After the
refit on dev..dev40 (bf1cec6), whose examples tell of shaking a baby, "she's shaking her head, won't
talk" read 0.95 and "shaking her head" 0.97: the 999 answer for a child saying no. knowledge/language/
danger.yml learned_not_read; bot/lang/danger_learned.py. Invented phrasings."""

from __future__ import annotations

import pytest

from bot.lang.danger_learned import danger_probability
from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "she's shaking her head, won't talk",
        "he just keeps shaking his head when I ask about home",
        "the twins shook their heads when asked if they had breakfast",
        "nodding her head but not saying anything",
    ],
)
def test_a_head_gesture_is_no_emergency(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    ["dad is shaking the baby right now and she has gone floppy", "he's shaking her, the baby is 3 months old"],
)
def test_shaking_a_child_is_still_read(text):
    assert decide_danger(text).immediate


def test_the_gesture_is_taken_out_before_the_probability():
    assert danger_probability("shaking her head") is None or danger_probability("shaking her head") < 0.5
