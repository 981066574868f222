"""The inventory of the five documents (tests/data/inventory.yml): every entry's locator finds
its place, every knowledge id exists, and the coverage of actionable items is reported and
held (issue 22)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge import loader as knowledge

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
INVENTORY = ROOT / "tests" / "data" / "inventory.yml"
FLOOR = 0.95  # share of actionable entries carried by a knowledge item


def entries():
    data = yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))
    for doc, rows in data["documents"].items():
        for row in rows:
            yield doc, row


def texts():
    docs = yaml.safe_load((ROOT / "knowledge" / "sources.yml").read_text(encoding="utf-8"))["documents"]
    return {d["id"]: " " + knowledge._norm((SEEDS / d["file"]).read_text(encoding="utf-8")) + " " for d in docs}


def coverage(rows) -> tuple[int, int]:
    actionable = [r for _, r in rows if not str(r.get("left_out", "")).startswith("not actionable")]
    return sum(1 for r in actionable if r.get("id")), len(actionable)


def test_every_entry_has_a_summary_and_either_an_id_or_a_reason(kb):
    for doc, row in entries():
        assert row.get("summary"), row
        assert bool(row.get("id")) != bool(row.get("left_out")), row
        if row.get("id"):
            assert row["id"] in kb.items, f"{doc}: '{row['summary']}' names no item '{row['id']}'"


def test_every_locator_finds_its_place():
    found = texts()
    bad = []
    for doc, row in entries():
        text = found[doc]
        if " " + knowledge._norm(row["section"]) + " " not in text:
            bad.append(f"{doc}: section '{row['section']}' not found")
        if row.get("phrase") and text.count(" " + knowledge._norm(row["phrase"]) + " ") != 1:
            bad.append(f"{doc}: phrase '{row['phrase']}' does not find exactly one place")
    assert bad == [], "\n".join(bad)


def test_every_document_is_inventoried_and_coverage_holds(capsys):
    rows = list(entries())
    assert {doc for doc, _ in rows} == set(texts())
    covered, total = coverage(rows)
    with capsys.disabled():
        print(f"\ninventory coverage: {covered}/{total} actionable entries = {covered / total:.3f}")
    assert covered / total >= FLOOR


def test_the_coverage_figure_counts_a_gap():
    rows = [
        ("kent", {"id": "drift"}),
        ("kent", {"left_out": "no item yet"}),
        ("kent", {"left_out": "not actionable: a link"}),
    ]
    assert coverage(rows) == (1, 2)
