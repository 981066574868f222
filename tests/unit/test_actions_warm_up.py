"""The action server builds its rules and word lists at start, in the background, so the first
practitioner's practice question does not wait for them."""

from __future__ import annotations

import actions
from actions import answers


def test_warm_up_leaves_the_answer_lists_built():
    answers._vocabulary.cache_clear()
    answers.coverage.cache_clear()
    answers.warm_up()
    assert answers._vocabulary.cache_info().currsize == 1
    assert answers.coverage.cache_info().currsize == 1


def test_a_failed_warm_up_is_logged_not_raised(monkeypatch, caplog):
    def broken() -> None:
        raise RuntimeError("no knowledge")

    monkeypatch.setattr(answers, "warm_up", broken)
    actions._warm_up()
    assert "warm-up failed" in caplog.text
