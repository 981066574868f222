"""The learned second personal-details detector (bot/lang/details/learned.py, issue 20)."""

from __future__ import annotations

import json

from bot.lang.details import learned
from bot.lang.nlp import language_dir
from bot.lang.scrub import scrub


def test_one_feature_list_a_word():
    text = "Saw Tamsin Oddfellow's mum at 4 Quillby Row, she said 6yo is hungry."
    covered = [False] * len(learned.tokens(text))
    feats = learned.features(text, covered)
    assert len(feats) == len(learned.tokens(text))
    assert all(any(f.startswith("shape=") for f in fs) for fs in feats)


def test_words_the_check_needs_are_guarded():
    for word in ("mum", "dad", "6yo", "3", "March", "GP", "neglect", "school", "hungry"):
        assert learned.guarded(word), word
    assert not learned.guarded("Oddfellow")


def test_weights_come_from_dev_sets_only():
    model = json.loads((language_dir() / learned.WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert model["sets"] and all("dev" in s for s in model["sets"])
    assert not any("heldout" in s or "held_out" in s or "blind" in s for s in model["sets"])
    assert isinstance(model["threshold"], (int, float))


def test_check_words_survive_with_the_detector():
    text = "mum said dad left 3 weeks ago, the baby is 4 months old and the house has no heating"
    assert scrub(text).text == text


def test_off_leaves_the_rules_alone():
    text = "spoke to jade this am, shes kicked ryan out again"
    on = scrub(text).text
    learned.OFF = True
    try:
        from bot.lang.scrub import _spans_of

        _spans_of.cache_clear()
        off = scrub(text).text
    finally:
        learned.OFF = False
        _spans_of.cache_clear()
    assert "jade" not in on and "jade" not in off
