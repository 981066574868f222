"""The check's readers on dev4 (issue 19): tests/data/eval/answers_dev4.yml and accounts_dev4.yml,
written by independent writers who never read the readers, committed before anyone tuned on them.
dev4 is a dev set (it was then used to find misses), so these gates hold what was measured on it
and may only be raised; the held-out gates are in tests/unit/test_account_reading.py.

First seen (`python scripts/eval_listening.py --split dev4`, session 5, before any change for it):
10 of 16 kinds at 0.9 (age 0.72, q_seen 0.88, dc_signs 0.88, material 0.84, strengths 0.80,
uses_support 0.88), accounts 60% right and 8.4% wrong, simulated practitioner median 12.5."""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_dev4", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()

MIN_KINDS_AT_TARGET = 16  # of 16 question kinds at 0.9 or more (10 first seen)
MIN_ANSWERS_RIGHT, MAX_ANSWERS_WRONG = 392, 2  # of 400 answers: right, stored wrongly
MIN_ACCOUNT_RIGHT, MAX_ACCOUNT_WRONG = 81, 2  # of 105 expected answers; pre-filled wrongly (first seen 63, 8)
MAX_SIM_MEDIAN = 12  # the target (12.5 first seen)
MAX_SIM_STORED_WRONG = 6  # answers the case facts contradict, over the 12 checks (15 first seen)

needs_dev4 = pytest.mark.skipif(not EVAL.load("answers_dev4"), reason="answers_dev4.yml is not in this checkout")


@needs_dev4
def test_dev4_answers_per_kind_and_never_harm_as_no_clear_impact():
    kinds, harm_none, harm_n = EVAL.eval_answers("dev4")
    n = sum(s.n for s in kinds.values())
    right = sum(s.right for s in kinds.values())
    wrong = sum(s.wrong for s in kinds.values())
    at_target = [k for k, s in kinds.items() if s.accuracy >= EVAL.MIN_ACCURACY]
    misses = [m[:2] for s in kinds.values() for m in s.misses]
    assert n == 400 and len(kinds) == 16
    assert harm_n > 0 and harm_none == 0, f"harm stored as no clear impact: {harm_none} of {harm_n}"
    assert len(at_target) >= MIN_KINDS_AT_TARGET, sorted(set(kinds) - set(at_target))
    assert right >= MIN_ANSWERS_RIGHT, misses
    assert wrong <= MAX_ANSWERS_WRONG, misses


@pytest.mark.skipif(not EVAL.load("accounts_dev4"), reason="accounts_dev4.yml is not in this checkout")
def test_dev4_accounts_prefill_what_they_state_about_this_child():
    sc = EVAL.eval_accounts("dev4")
    assert sc.expected == 105
    assert sc.right >= MIN_ACCOUNT_RIGHT, sc.missed
    assert sc.wrong <= MAX_ACCOUNT_WRONG, sc.misses
    assert sc.wrong / max(1, sc.prefilled) <= EVAL.MAX_WRONG  # the 5%


@pytest.mark.skipif(not EVAL.load("accounts_dev4"), reason="accounts_dev4.yml is not in this checkout")
def test_dev4_simulated_practitioner(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/dev4.db")
    turns, skips, unfinished, wrong, checks = EVAL.eval_simulation("dev4")
    assert checks == 12 and unfinished == 0 and skips == 0
    assert statistics.median(turns) <= MAX_SIM_MEDIAN, turns
    assert wrong <= MAX_SIM_STORED_WRONG, wrong
