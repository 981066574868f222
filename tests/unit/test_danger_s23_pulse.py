"""No pulse or heartbeat felt is an emergency now (session 23, the lead). Before, "the baby has no
pulse" was heard by no rule and "blue lips, no pulse i think" only by the learned opinion.
knowledge/language/danger.yml, danger_medical. Invented phrasings."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "the baby has no pulse",
        "hes gone grey and i cant find a pulse",
        "can't feel a pulse on him, he's 4",
        "toddler in the paddling pool, no heartbeat i think",
        "she is floppy and I cannot find her pulse",
    ],
)
def test_no_pulse_now_is_danger(text):
    assert decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "pulse was fine and no concerns about breathing",
        "no concerns about his pulse or his colour",
        "the clinic has no pulse oximeter for babies, is that a problem",
        "the nurse could not get a pulse reading on the machine so used her fingers, all normal",
        "what would I do if a child had no pulse - is that covered in the first aid course?",
        "two years ago the baby had no pulse for a minute and recovered fully",
    ],
)
def test_a_pulse_talked_about_otherwise_is_no_danger(text):
    assert not decide_danger(text).immediate
