"""The loopback production stack end to end: load and faults (minutes each, so only with
PROD_STACK_TESTS=1; `make load` and `make fault-test` run the same scripts with their full
numbers). The stack is started if it is not running, and stopped again if it was started here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

pytestmark = pytest.mark.prod_stack


def test_practitioners_at_once_lose_nothing(tmp_path):
    import load_test

    out = tmp_path / "load"
    assert load_test.main(["--users", "50", "--deadline", "600", "--out", str(out)]) == 0
    report = json.loads(Path(f"{out}.json").read_text())
    assert report["checks_completed"] == 50 and report["errors"] == 0
    assert report["lost_answers"] == 0 and report["misfiled_answers"] == 0 and report["order_violations"] == 0


def test_faults_mid_check_lose_nothing_and_ask_to_try_again(tmp_path):
    import fault_test

    out = tmp_path / "faults"
    assert fault_test.main(["--users", "20", "--out", str(out)]) == 0
    report = json.loads(Path(f"{out}.json").read_text())
    assert report["lost_answers"] == 0 and report["misfiled_answers"] == 0 and report["wrong_value"] == 0
    assert report["please_try_again"] > 0  # the faults met turns in flight, and the user was told
    assert report["turns_failed_not_asked_to_retry"] == 0
