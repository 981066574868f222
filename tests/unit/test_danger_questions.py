"""Practice questions that mention danger are not emergencies; danger now still is."""

import pytest

from bot.lang.api import detect_danger


@pytest.mark.parametrize(
    "text",
    [
        "should i see the child on their own",
        "do i need to speak to the child alone",
        "unconscious bias in neglect",
        "examples of when a child would be in immediate danger",
    ],
)
def test_questions_about_practice_are_not_danger(text):
    assert not detect_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "should i call 999 the kids are on their own right now",
        "do i ring the police, baby is not breathing",
        "do we wait? he's been left alone since this morning",
    ],
)
def test_danger_now_inside_a_question_still_counts(text):
    assert detect_danger(text).immediate
