"""scripts/account_firstseen.py (issue 19, S14-LC2): the misses it lists are the expected answers not
pre-filled, and it reads dev sets only (never a held-out or blind set)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("account_firstseen", ROOT / "scripts" / "account_firstseen.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_missed_rows_are_expected_answers_not_prefilled():
    fs = _script()
    items = [
        {
            "id": "inv-01",
            "rows": [
                {"q": "q_age", "kind": "expected", "right": True, "got": True, "want": ["primary"]},
                {"q": "q_engagement", "kind": "expected", "right": False, "got": False, "want": ["changing"]},
                {"q": "q_material", "kind": "expected", "right": False, "got": True, "want": ["struggling"]},
                {"q": "q_material", "kind": "prefilled", "value": "managing", "evidence": "x", "fine": False},
            ],
        }
    ]
    assert fs._missed_rows(items) == [("inv-01", "q_engagement", "changing")]


def test_only_dev_sets_are_read():
    fs = _script()
    assert all(name.startswith("dev") for name in fs.FIRST_SEEN)
    assert "dev22" not in fs.FIRST_SEEN  # session 14's blind accounts set


def test_later_sets_are_dev_sets_with_their_first_seen_commit():
    fs = _script()
    import scripts.eval_listening as ev

    got = fs.commits()
    assert got["dev25"] == "58ae61f"  # S16-AC25's set, first seen by session 16's starting code
    assert got["dev26"] == "58ae61f"  # its blind twin in session 16, first measured by the same code
    assert got["dev27"] == "90d2b28"  # session 17's dev set, first seen by session 17's starting code
    assert got["dev28"] == "90d2b28"  # its blind twin in session 17, first measured by the same code
    assert got["dev29"] == "0e069ac"  # session 18's dev set, first seen by session 18's starting code
    assert got["dev30"] == "0e069ac"  # its blind twin in session 18, first measured by the same code
    assert got["dev31"] == "e134fff"  # session 19's dev set, first seen by session 19's starting code
    assert got["dev32"] == "e134fff"  # its blind twin in session 19, first measured by the same code
    assert got["dev33"] == "63bceb5"  # session 20's dev set, first seen by session 20's starting code
    assert got["dev34"] == "63bceb5"  # its blind twin, measured by the same code; dev from session 21
    assert got["dev35"] == "6125b44"  # session 21's dev set, first seen by session 21's starting code
    assert got["dev36"] == "6125b44"  # its blind twin, measured by the same code; dev from session 22
    assert got["dev37"] == "8c8a02c"  # session 22's dev set, first seen by session 22's starting code
    assert got["dev39"] == "81b11f8" and "dev40" not in got  # session 23's dev set; its blind twin never
    assert got["dev38"] == "8c8a02c"  # its blind twin, a dev set from session 23: session 22's code saw it first
    assert all(name.startswith("dev") and name in ev.PARTS for name in got)
