"""5,000 generated malformed requests to the REST channel of the test servers
(scripts/fuzz_rest.py): no 5xx answer, no dropped connection, and the server still
answers afterwards. Most are rejected before NLU; at most 200 reach it. No time bound: all
5,000 are sent however long it takes (the time and the rate are recorded, not asserted); a
request with no answer within its own timeout counts as a dropped connection."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = ROOT / "results" / "safety" / "figures.json"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz_rest", ROOT / "scripts" / "fuzz_rest.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_5000_malformed_requests_get_no_5xx(servers):
    report = _fuzz_module().run(servers["url"], count=5000, max_seconds=float("inf"), max_nlu=200, seed=8)
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    figures["fuzz"] = {
        k: report[k]
        for k in ("sent", "seconds", "reached_nlu", "status_5xx", "connection_errors", "server_alive_after", "statuses")
    }
    figures["fuzz"]["requests_per_s"] = round(report["sent"] / report["seconds"], 1) if report["seconds"] else None
    FIGURES.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    assert report["sent"] == 5000
    assert report["reached_nlu"] <= 200
    assert report["status_5xx"] == 0, report["failures"]
    assert report["connection_errors"] == 0, report["failures"]
    assert report["server_alive_after"]
    assert set(report["by_kind"]) >= {
        "bad_json",
        "not_object",
        "wrong_types",
        "sizes",
        "method_path",
        "headers",
        "raw_http",
        "nlu",
    }
