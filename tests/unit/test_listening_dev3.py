"""The check's readers on dev3 (issue 19): tests/data/eval/answers_dev3.yml and accounts_dev3.yml,
written by someone who never read the readers, before anyone tuned on them. dev3 is a dev set
(it was then used to find misses), so these gates hold what was measured on it and may only be
raised; the held-out gates are in tests/unit/test_account_reading.py.

Measured with `python scripts/eval_listening.py --split dev3` (before the work on it: 7 of 16
kinds at 0.9, accounts 62% right and 7.3% wrong, simulated practitioner median 18)."""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_dev3", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()

MIN_KINDS_AT_TARGET = 16  # of 16 question kinds at 0.9 or more (15 before S4's strengths and parental words)
MIN_ANSWERS_RIGHT, MAX_ANSWERS_WRONG = 314, 2  # of 316 answers: right, stored wrongly (308, 5 before S4)
MIN_ACCOUNT_RIGHT, MAX_ACCOUNT_WRONG = 98, 0  # of 120 expected answers; pre-filled wrongly (76, 2 before S5)
# 18 before the list came with the next question and paired questions (S4); 12 until session 7, when
# the simulated practitioner began to say "not sure about <type>" where its facts are not sure (it
# said "none of these", which the check stores as "no": a wrong answer bought with a saved turn).
# That costs one turn on the median (12 -> 13) and takes answers the facts contradict from 8 to 2.
MAX_SIM_MEDIAN = 13
MAX_SIM_STORED_WRONG = 2  # answers the case facts contradict, over the 15 checks (14 before S5, 8 before S7)

needs_dev3 = pytest.mark.skipif(not EVAL.load("answers_dev3"), reason="answers_dev3.yml is not in this checkout")


@needs_dev3
def test_dev3_answers_per_kind_and_never_harm_as_no_clear_impact():
    kinds, harm_none, harm_n = EVAL.eval_answers("dev3")
    n = sum(s.n for s in kinds.values())
    right = sum(s.right for s in kinds.values())
    wrong = sum(s.wrong for s in kinds.values())
    at_target = [k for k, s in kinds.items() if s.accuracy >= EVAL.MIN_ACCURACY]
    misses = [m[:2] for s in kinds.values() for m in s.misses]
    assert n == 316 and len(kinds) == 16
    assert harm_n > 0 and harm_none == 0, f"harm stored as no clear impact: {harm_none} of {harm_n}"
    assert len(at_target) >= MIN_KINDS_AT_TARGET, sorted(set(kinds) - set(at_target))
    assert right >= MIN_ANSWERS_RIGHT, misses
    assert wrong <= MAX_ANSWERS_WRONG, misses


@pytest.mark.skipif(not EVAL.load("accounts_dev3"), reason="accounts_dev3.yml is not in this checkout")
def test_dev3_accounts_prefill_what_they_state_about_this_child():
    sc = EVAL.eval_accounts("dev3")
    assert sc.expected == 120
    assert sc.right >= MIN_ACCOUNT_RIGHT, sc.missed
    assert sc.wrong <= MAX_ACCOUNT_WRONG, sc.misses
    assert sc.wrong / max(1, sc.prefilled) <= EVAL.MAX_WRONG  # the 5%


@pytest.mark.skipif(not EVAL.load("accounts_dev3"), reason="accounts_dev3.yml is not in this checkout")
def test_dev3_simulated_practitioner(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/dev3.db")
    turns, skips, unfinished, wrong, checks = EVAL.eval_simulation("dev3")
    assert checks == 15 and unfinished == 0 and skips == 0
    assert statistics.median(turns) <= MAX_SIM_MEDIAN, turns
    # fewer turns must not cost right answers: paired questions read one reply for two
    assert wrong <= MAX_SIM_STORED_WRONG, wrong
