"""The learned second opinion beside the danger rules (bot/lang/danger_learned.py, issue 18,
S8-DC1): it loads from its examples file, is deterministic, and decide_danger combines it the
way leave-one-set-out chose (scripts/danger_loso.py --learners, S13-DI12): high -> immediate where
the rules caught nothing (also where they ruled a signal out, `ruled_out`, but never over an exclusion
of its `guard`, S14-DI13); a rule catch is taken
back only at p <= low with no acute word standing. Phrasings are invented."""

from __future__ import annotations

import pytest

from bot.lang import danger_learned, danger_policy
from bot.lang.danger_learned import danger_probability, examples, make_classifier, settings
from bot.lang.nlp import load_yaml


def test_examples_come_from_dev_sets_only_and_hold_both_kinds():
    data = load_yaml(danger_learned.EXAMPLES_FILE)
    sets = data["sets"]
    assert sets and all(s.startswith("dev") for s in sets)
    # never a blind set (scripts/eval_danger.py BLIND) nor the held-out
    assert not any("heldout" in s for s in sets)
    assert {"dev12", "dev13", "dev14", "dev15", "dev16"} <= set(sets)  # dev sets since sessions 9 and 10
    assert "dev17" in sets  # session 11's dev set, after its first-seen measure (S11-DI10)
    assert {"dev18", "dev19", "dev20", "dev21", "dev22"} <= set(sets)  # every dev set (S13-DI12, S14-DI13)
    # every dev set to dev40 (S23-DL24: dev39 and dev40 are dev sets now); never session 23's new sets (dev41,
    # dev42: being written, measured first seen)
    assert {f"dev{n}" for n in range(23, 41)} <= set(sets)
    assert not {"dev41", "dev42"} & set(sets)
    texts, labels = examples()
    assert len(texts) == len(labels) > 1000
    assert 0 < sum(labels) < len(labels)


def test_settings_are_probabilities_in_order():
    s = settings()
    assert s["high"] is not None and 0.5 < s["high"] < 1.0
    assert s["low"] is None or 0.0 < s["low"] < 0.5 < s["high"]
    assert s["kind"] in danger_learned.LEARNERS


def test_the_classifier_loads_and_is_deterministic():
    text = "the twins are home by themselves and one of them is fitting right now"
    first = danger_probability(text)
    assert first is not None and 0.0 <= first <= 1.0
    danger_learned.reset()
    assert danger_probability(text) == first
    texts, labels = examples()
    s = settings()
    a = make_classifier(s["c"], s["seed"], s["kind"]).fit(texts, labels)
    b = make_classifier(s["c"], s["seed"], s["kind"]).fit(texts, labels)
    probe = ["nan says the little one is on his own in the flat tonight", "reviewing last year's plan at panel"]
    assert list(a.predict_proba(probe)[:, 1]) == list(b.predict_proba(probe)[:, 1])


def test_no_text_or_no_model_gives_no_probability(monkeypatch):
    assert danger_probability("") is None
    assert danger_probability("   ") is None
    monkeypatch.setattr(danger_learned, "_data", lambda: {})
    danger_learned.reset()
    try:
        assert danger_probability("the baby is alone in the flat right now") is None
        assert settings()["high"] is None
    finally:
        monkeypatch.undo()
        danger_learned.reset()


def test_it_separates_plain_invented_cases():
    emergency = "omg the 2 yr old has got out the front door and is in the road right now"
    ordinary = "can you remind me what goes in a child and family assessment summary"
    assert danger_probability(emergency) > danger_probability(ordinary)
    assert danger_probability(ordinary) < settings()["high"]


@pytest.fixture
def learned(monkeypatch):
    def say(p):
        monkeypatch.setattr(danger_policy, "danger_probability", lambda text: p)

    return say


def test_a_high_probability_adds_what_the_rules_did_not_hear(learned):
    text = "the weather in the north east was grey on the home visit"
    assert not danger_policy.detect_danger(text).immediate
    learned(0.99)
    d = danger_policy.decide_danger(text)
    assert d.immediate and d.by == "learned"
    learned(settings()["high"] - 0.01)
    assert not danger_policy.decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    ["the toddler is unconscious on the kitchen floor", "the baby has stopped breathing and is going blue"],
)
def test_a_rule_catch_with_an_acute_word_is_never_taken_back(learned, text):
    assert danger_policy.detect_danger(text).immediate and danger_policy.acute_word(text)
    learned(0.0)
    d = danger_policy.decide_danger(text)
    assert d.immediate and d.by == "rules"


def test_a_rule_catch_with_no_acute_word_is_taken_back_only_by_a_very_low_probability(learned):
    text = "he never made it back from the shop, that was 3 hours ago"
    assert danger_policy.detect_danger(text).immediate and not danger_policy.acute_word(text)
    low = settings()["low"]
    learned(0.5)
    assert danger_policy.decide_danger(text).immediate
    learned(0.0)
    assert danger_policy.decide_danger(text).immediate == (low is None)


def test_a_signal_the_rules_ruled_out_speaks_only_at_a_high_probability(learned):
    text = "the 15 yr old has been out since 3pm at her mate's, mum knows where she is, phone is dead"
    found = danger_policy.detect_danger(text)
    assert found.mentioned and not found.immediate
    learned(settings()["high"] - 0.01)
    assert not danger_policy.decide_danger(text).immediate
    learned(0.99)
    # an older child whose whereabouts are known: an exclusion of the guard, never overturned (S14-DI13)
    assert danger_learned.ruled_out_why(found.reason) in settings()["guard"]
    assert not danger_policy.decide_danger(text).immediate


def test_the_learned_opinion_may_overturn_a_reading_of_how_a_message_is_told_not_a_safe_fact(learned):
    # "a pattern over time" is a reading of how the message is told: with `ruled_out` a very high
    # probability overturns it; "an older child", "an adult close by" state the child's safety: never
    told = "the toddler is often left alone in the flat"
    found = danger_policy.detect_danger(told)
    assert found.mentioned and not found.immediate
    assert danger_learned.ruled_out_why(found.reason) == "a pattern over time, not now"
    learned(0.99)
    assert danger_policy.decide_danger(told).immediate == settings()["ruled_out"]
    assert danger_learned.may_overturn(True, "danger_alone mentioned but an older child ('x')", settings()) is False
    assert danger_learned.may_overturn(False, "", settings()) is True


def test_the_emergency_button_is_not_read_by_the_learned_layer(learned):
    learned(0.0)
    d = danger_policy.decide_danger("/immediate_danger", "immediate_danger", 1.0)
    assert d.immediate
