"""Case accounts of dev5 and dev6 (issue 19): tests/data/eval/accounts_dev5.yml and accounts_dev6.yml,
written by independent writers who never read the reader, measured first before any change for them
and then used to find misses (dev sets). These gates hold what was measured after session 6's pass
and may only be raised; the held-out gates are in tests/unit/test_account_reading.py.
First seen (session 6): dev5 accounts 71% right (60 of 85), 11.0% wrong (10 of 91), simulated
practitioner median 15.5 turns, 24 contradicted answers; dev6 58% (57 of 98), 19.6% (18 of 92),
median 14, 23 contradicted."""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_dev56", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()

# split: (expected answers, at least right, at most pre-filled wrongly, at most contradicted in the simulation)
GATES = {"dev5": (85, 62, 1, 6), "dev6": (98, 60, 10, 15)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_accounts_prefill_what_they_state_and_leave_the_rest_to_ask(split):
    if not EVAL.load(f"accounts_{split}"):
        pytest.skip(f"accounts_{split}.yml is not in this checkout")
    expected, right, wrong, _ = GATES[split]
    sc = EVAL.eval_accounts(split)
    assert sc.expected == expected
    assert sc.right >= right, sc.missed
    assert sc.wrong <= wrong, sc.misses


@pytest.mark.parametrize("split", sorted(GATES))
def test_the_simulated_practitioner_never_skips_after_a_misunderstanding(split, tmp_path, monkeypatch):
    if not EVAL.load(f"accounts_{split}"):
        pytest.skip(f"accounts_{split}.yml is not in this checkout")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/{split}.db")
    turns, skips, unfinished, wrong, checks = EVAL.eval_simulation(split)
    assert unfinished == 0 and skips == 0, (unfinished, skips)
    assert wrong <= GATES[split][3], wrong
    # (the 12-turn median is not met on these sets: dev5 18, dev6 13.5, reported, not gated)
    assert statistics.median(turns) <= 20, turns
