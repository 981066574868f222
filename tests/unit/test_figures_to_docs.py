"""scripts/figures_to_docs.py: every figure of results/*.json and results/*/*.json reaches the dated page
with the file it came from, and no message text does (results hold held-out messages)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "figures_to_docs.py"


def load():
    spec = importlib.util.spec_from_file_location("figures_to_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["figures_to_docs"] = module
    spec.loader.exec_module(module)
    return module


# Invented texts standing in for the messages some result files hold: none may reach the page.
SECRET_TEXTS = [
    "Zed Fakename left the toddler Quix alone at 42 Nowhere Lane",
    "is it drift when the flat at Madeup Close is cold",
    "a message the classifier got wrong about Testbury",
]


def make_results(results: Path) -> None:
    (results / "nlu").mkdir(parents=True)
    (results / "danger").mkdir()
    (results / "deep" / "er").mkdir(parents=True)
    (results / "nlu" / "gate.json").write_text(
        json.dumps(
            {
                "model": "model-0000fake.tar.gz",
                "figures": {"intent_macro_f1": 0.8650953344, "immediate_danger_support": 11},
                "floors": {"intent_macro_f1": 0.87},
                "failed": [SECRET_TEXTS[0]],
            }
        )
    )
    (results / "danger" / "figures.json").write_text(
        json.dumps(
            {
                "splits": {"heldout": {"rules": {"danger": {"caught": 30, "missed": SECRET_TEXTS[:2], "n": 32}}}},
                "note": SECRET_TEXTS[1],
                "ok": True,
                "nothing": None,
            }
        )
    )
    (results / "nlu" / "intent_errors.json").write_text(
        json.dumps([{"text": t, "intent": "faq", "confidence": 0.5} for t in SECRET_TEXTS * 5])
    )
    (results / "stack.json").write_text(
        json.dumps(
            {
                "when": "2026-12-05T05:53:20+00:00",
                "latency_ms": {"p50": 618, "p95": 5612},
                "think_time_s": [0.3, 1.0],
                "faults": [{"kind": "kill", "in_flight": 2, "detail": SECRET_TEXTS[2]}],
                SECRET_TEXTS[0] * 2: 1,
            }
        )
    )
    (results / "broken.json").write_text("{not json")
    # deeper than results/*/*.json: not read
    (results / "deep" / "er" / "x.json").write_text(json.dumps({"too_deep": 123456}))


def test_every_figure_is_written_with_its_file_and_no_text(tmp_path):
    mod = load()
    results, out = tmp_path / "results", tmp_path / "docs" / "figures"
    make_results(results)
    assert mod.main(["--results", str(results), "--out", str(out), "--date", "2031-02-03"]) == 0

    page = (out / "2031-02-03.md").read_text()
    sections = {}
    for block in page.split("\n## ")[1:]:
        title, _, body = block.partition("\n")
        sections[title.strip("` ")] = body

    gate = sections[str(results / "nlu" / "gate.json")]
    assert "| model | model-0000fake.tar.gz |" in gate
    assert "| figures.intent_macro_f1 | 0.8651 |" in gate
    assert "| figures.immediate_danger_support | 11 |" in gate
    assert "| floors.intent_macro_f1 | 0.87 |" in gate
    assert "| failed (count) | 1 |" in gate

    danger = sections[str(results / "danger" / "figures.json")]
    assert "| splits.heldout.rules.danger.caught | 30 |" in danger
    assert "| splits.heldout.rules.danger.missed (count) | 2 |" in danger
    assert "| ok | true |" in danger and "| nothing | none |" in danger
    assert "1 text value(s) left out." in danger

    errors = sections[str(results / "nlu" / "intent_errors.json")]
    assert "| entries (count) | 15 |" in errors

    stack = sections[str(results / "stack.json")]
    assert "| when | 2026-12-05T05:53:20+00:00 |" in stack
    assert "| latency_ms.p95 | 5612 |" in stack
    assert "| think_time_s | 0.3, 1 |" in stack
    assert "| faults[0].in_flight | 2 |" in stack
    assert "3 text value(s) left out." in stack  # faults[0].kind, faults[0].detail and the long key
    assert "No figures: not readable as JSON" in sections[str(results / "broken.json")]
    assert "too_deep" not in page and "123456" not in page

    leaked = [i for i, text in enumerate(SECRET_TEXTS) if text.lower() in page.lower()]
    assert not leaked, f"message texts {leaked} of the fixture reached the page"
    # the same in every word of four letters or more that only the texts contain
    for word in ("fakename", "quix", "madeup", "testbury", "nowhere"):
        assert word not in page.lower(), f"a word of a fixture text ({word}) reached the page"


def test_the_index_lists_the_pages_newest_first(tmp_path):
    mod = load()
    results, out = tmp_path / "results", tmp_path / "figures"
    make_results(results)
    for date in ("2031-02-03", "2030-12-31", "2031-01-15"):
        assert mod.main(["--results", str(results), "--out", str(out), "--date", date]) == 0
    index = (out / "README.md").read_text().splitlines()
    pages = [line for line in index if line.startswith("- [")]
    assert pages == [
        "- [2031-02-03](2031-02-03.md) (newest)",
        "- [2031-01-15](2031-01-15.md)",
        "- [2030-12-31](2030-12-31.md)",
    ]


def test_no_results_or_a_bad_date_fail_with_a_message(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--results", str(tmp_path / "none"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "no JSON files" in proc.stderr
    assert not (tmp_path / "out").exists()
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--results", str(tmp_path), "--date", "5 Dec"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_the_page_is_dated_today_by_default(tmp_path):
    import datetime as dt

    mod = load()
    results, out = tmp_path / "results", tmp_path / "figures"
    make_results(results)
    assert mod.main(["--results", str(results), "--out", str(out)]) == 0
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    assert [p.name for p in out.glob("????-??-??.md")] == [f"{today}.md"]
