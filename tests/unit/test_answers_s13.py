"""Session 13 (issue 19, S13-LK12): the fallback classifier's examples come from every answers dev
set, chosen leave-one-set-out by scripts/answers_loso.py, which never reads a held-out or blind set;
"most of his life" is over a year, as "all his life" is. Texts invented for these tests."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import yaml

from bot.lang.answers import read_answer

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 6)


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_s13", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"{name}_s13"] = module
    spec.loader.exec_module(module)
    return module


def test_the_loso_sets_are_the_dev_answers_sets_only():
    loso = _script("answers_loso")
    assert loso.SETS and all(s.startswith("dev") for s in loso.SETS)
    assert "heldout" not in loso.SETS and set(loso.SETS) < set(loso.ev.ANSWER_SPLITS)


def test_the_examples_are_written_from_every_dev_answers_set():
    loso = _script("answers_loso")
    data = yaml.safe_load((ROOT / "knowledge" / "language" / "answer_examples.yml").read_text(encoding="utf-8"))
    assert sorted(data["splits"]) == sorted(loso.SETS)


def test_most_of_a_life_is_over_a_year(plan):
    q = plan.by_id["q_duration"]
    for text in ("most of her life", "pretty much most of his life tbh"):
        r = read_answer(q, text, TODAY)
        assert (r.status, r.value) == ("sure", "over_12m"), text
    # control: a few weeks of it is still a few weeks
    r = read_answer(q, "a few weeks", TODAY)
    assert (r.status, r.value) == ("sure", "under_3m")
