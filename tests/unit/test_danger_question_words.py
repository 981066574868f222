"""The danger question takes a plain 'not right now' as no (issue 19: own words, never 'please
choose a button' for a clear answer); a danger told in the same reply is still caught by the
danger check, which runs on every message before the answer is read."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.api import detect_danger
from bot.walks.check import default_plan


@pytest.mark.parametrize(
    "typed",
    ["not right now, she's at the YOT office", "not at the moment", "Not now - he's at his nan's", "not currently"],
)
def test_not_right_now_is_no_at_the_danger_question(typed):
    plan = default_plan()
    parsed = plan.parse(plan.by_id["q_danger_now"], typed, date(2026, 12, 5))
    assert parsed.ok and parsed.value == "no"


def test_a_danger_after_not_now_is_still_danger():
    assert detect_danger("not now but he will be home alone tonight").immediate


@pytest.mark.parametrize("typed", ["abandon this", "can we abandon that", "nobody showed me how it works"])
def test_ordinary_words_near_danger_words_are_not_danger(typed):
    assert not detect_danger(typed).immediate


@pytest.mark.parametrize(
    "typed",
    ["they abandoned him at the station", "the baby has been abandoned", "nobody showed up to collect her"],
)
def test_the_same_words_about_a_child_still_are(typed):
    assert detect_danger(typed).immediate


@pytest.mark.parametrize(
    "typed",
    ["the twins are at home with their dad and he is having a seizure", "no one has seen the toddler for days now"],
)
def test_an_adult_in_a_seizure_or_a_child_unseen_for_days_is_danger(typed):
    assert detect_danger(typed).immediate


@pytest.mark.parametrize(
    "typed",
    ["dad was having a fit about the state of the house", "grandad had a fit last year and has recovered"],
)
def test_a_figure_of_speech_or_a_past_fit_is_not(typed):
    assert not detect_danger(typed).immediate
