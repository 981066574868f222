"""S22-DL23 (issue 18): the learned second opinion never overturns "talked about in general" in a
short message. An activity named as a topic ("leaving toddlers alone in the car") is what the rules
read as talked about in general; in a message of at most `short_words` words (danger_examples.yml
settings) no probability makes it an emergency, while a long opening the rules read the same way
may still be caught by the learned opinion (it may tell an emergency further on). Every other
reading of decide_danger is as before. Phrasings are invented."""

from __future__ import annotations

import pytest

from bot.lang import danger_policy
from bot.lang.danger_learned import may_overturn, ruled_out_why, settings

GENERAL = "talked about in general"


@pytest.fixture
def learned(monkeypatch):
    def say(p):
        monkeypatch.setattr(danger_policy, "danger_probability", lambda text: p)

    return say


def test_the_settings_hold_the_short_guard():
    s = settings()
    assert GENERAL in s["short_guard"]
    assert s["short_words"] == 15
    # the guard of safe facts is unchanged and does not hold it (a long opening may be overturned)
    assert GENERAL not in s["guard"]


@pytest.mark.parametrize(
    "text",
    [
        "leaving a toddler alone in the flat",
        "leaving kids home alone overnight",
        "leaving a toddler alone in the bath for a minute?",
        "leaving babies alone in the car in summer heat",
    ],
)
@pytest.mark.parametrize("p", [0.95, 0.99, 1.0])
def test_a_short_general_activity_stays_off_at_any_probability(learned, text, p):
    found = danger_policy.detect_danger(text)
    assert found.mentioned and not found.immediate
    assert ruled_out_why(found.reason) == GENERAL
    learned(p)
    d = danger_policy.decide_danger(text)
    assert not d.immediate and d.by == ""


def test_a_long_opening_read_as_general_is_still_caught_by_the_learned_opinion(learned):
    text = (
        "Leaving kids home alone is my question really - the 3 year old from next door is on her own again, "
        "mum went out at teatime and has not come back, she is crying at the window"
    )
    assert len(text.split()) > settings()["short_words"]
    found = danger_policy.detect_danger(text)
    assert found.mentioned and not found.immediate and ruled_out_why(found.reason) == GENERAL
    learned(0.99)
    d = danger_policy.decide_danger(text)
    assert d.immediate and d.by == "learned"
    learned(settings()["high"] - 0.01)
    assert not danger_policy.decide_danger(text).immediate


def test_the_word_count_sets_the_limit():
    limits = {"ruled_out": True, "guard": (), "short_guard": (GENERAL,), "short_words": 15}
    reason = f"danger_alone mentioned but {GENERAL} ('leaving')"
    assert ruled_out_why(reason) == GENERAL
    fifteen = " ".join(["word"] * 15)
    sixteen = " ".join(["word"] * 16)
    assert may_overturn(True, reason, limits, fifteen) is False
    assert may_overturn(True, reason, limits, sixteen) is True
    # no text, or settings that name no length: the guard of S14-DI13 alone, as before
    assert may_overturn(True, reason, limits) is True
    assert may_overturn(True, reason, {**limits, "short_words": 0}, fifteen) is True
    # a short message whose signal was ruled out for another reason is read as before
    other = "danger_alone mentioned but a pattern over time, not now ('often')"
    assert may_overturn(True, other, limits, fifteen) is True
    assert may_overturn(True, other, {**limits, "ruled_out": False}, fifteen) is False
    # where the rules heard nothing the learned opinion may speak, short or not
    assert may_overturn(False, "", limits, fifteen) is True


def test_other_short_readings_are_unchanged(learned):
    # a pattern over time (a reading of how it is told) is still overturned at a high probability
    told = "the toddler is often left alone in the flat"
    found = danger_policy.detect_danger(told)
    assert ruled_out_why(found.reason) == "a pattern over time, not now"
    learned(0.99)
    assert danger_policy.decide_danger(told).immediate == settings()["ruled_out"]
    # nothing heard by the rules: the learned opinion adds the catch in a short message
    quiet = "the weather was grey on the home visit"
    assert not danger_policy.detect_danger(quiet).mentioned
    d = danger_policy.decide_danger(quiet)
    assert d.immediate and d.by == "learned"


def test_without_a_short_guard_in_the_settings_the_short_phrase_is_overturned(learned, monkeypatch):
    # the guard is read from the settings, not built in: without it the S21-DL22 behaviour returns
    text = "leaving kids home alone overnight"
    real = danger_policy.settings
    monkeypatch.setattr(danger_policy, "settings", lambda: {**real(), "short_guard": ()})
    learned(0.99)
    assert danger_policy.decide_danger(text).immediate == settings()["ruled_out"]
