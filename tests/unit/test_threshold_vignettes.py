"""The vignette table (tests/data/vignettes.yml) against the threshold rules (issue 21).

The vignettes were written from the five documents before the rules were rewritten; the
held-out part was never used to write or tune a rule. The figures are printed for the whole
table and for the held-out part separately, and the bar of issue 21 is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_threshold import answers

from bot.knowledge.loader import LEVEL_IDS, _norm
from bot.reasoning.threshold import level_of

ROOT = Path(__file__).resolve().parents[2]
TABLE = yaml.safe_load((ROOT / "tests" / "data" / "vignettes.yml").read_text(encoding="utf-8"))["vignettes"]
RANK = {lv: n for n, lv in enumerate(LEVEL_IDS)}
LOW = {"universal", "early_help"}
HARM = {"child_protection", "emergency"}


def build(spec: dict) -> dict[str, str]:
    a = dict(spec)
    seen = {t: tuple(v) for t, v in (a.pop("seen", None) or {}).items()}
    possible = tuple(a.pop("possible", None) or ())
    given = answers(seen=seen, possible=possible, **a)
    if given["q_age"] in ("unborn", "baby"):
        given.pop("q_seen_alone", None)
        given.pop("q_child_voice", None)
    if given["q_age"] == "unborn":
        given.pop("q_disability", None)
    return {k: v for k, v in given.items() if v is not None}


def figures(rows: list[tuple[dict, str]]) -> dict[str, float | int]:
    n = len(rows)
    exact = sum(1 for v, got in rows if got == v["expected"])
    within = sum(1 for v, got in rows if abs(RANK[got] - RANK[v["expected"]]) <= 1)
    over = sum(1 for v, got in rows if v["expected"] in LOW and got in HARM)
    under = sum(1 for v, got in rows if v["expected"] in HARM and got in LOW)
    return {
        "n": n,
        "exact": exact / n,
        "within_one": within / n,
        "cp_for_early_help_or_below": over,
        "universal_or_early_help_for_significant_harm": under,
    }


@pytest.fixture(scope="module")
def results(kb, plan):
    return [(v, level_of(build(v["answers"]), kb, plan)) for v in TABLE]


def test_the_table_is_large_dense_and_keeps_a_held_out_part():
    assert len(TABLE) >= 60
    assert sum(1 for v in TABLE if v["held_out"]) >= 20
    assert len({v["id"] for v in TABLE}) == len(TABLE)
    counts = {lv: sum(1 for v in TABLE if v["expected"] == lv) for lv in LEVEL_IDS}
    assert all(counts[lv] >= 10 for lv in ("universal", "early_help", "child_in_need", "child_protection"))
    assert counts["emergency"] >= 3


def test_every_vignette_cites_a_passage_that_is_in_the_document(kb):
    from bot.settings import get_settings

    seeds = get_settings().seeds_dir
    assert seeds.is_dir(), "../shared/seeds must sit beside the project"
    text = {
        d.id: _norm((seeds / d.file).read_text(encoding="utf-8", errors="replace"))
        for d in kb.documents.values()
        if d.file and (seeds / d.file).is_file()
    }
    for v in TABLE:
        src = v["source"]
        assert src["doc"] in text, v["id"]
        assert _norm(src["section"]) in text[src["doc"]], (v["id"], src["section"])
        assert text[src["doc"]].count(_norm(src["phrase"])) == 1, (v["id"], src["phrase"])
        assert len(src["phrase"].split()) < 8, (v["id"], "quote fewer than 8 words")
        assert v["expected"] in LEVEL_IDS


def test_the_rules_meet_the_bar_on_the_whole_table(results, capsys):
    every = figures(results)
    held = figures([(v, got) for v, got in results if v["held_out"]])
    with capsys.disabled():
        print(f"\nthreshold vignettes, all: {every}\nthreshold vignettes, held out: {held}")
    wrong = [(v["id"], v["expected"], got) for v, got in results if got != v["expected"]]
    assert every["within_one"] == 1.0, wrong
    assert every["exact"] >= 0.9, wrong
    assert every["cp_for_early_help_or_below"] == 0, wrong
    assert every["universal_or_early_help_for_significant_harm"] == 0, wrong


def test_no_held_out_case_is_pointed_across_the_significant_harm_line(results):
    """Safety on the held-out part: never child protection for early help, never early help for significant harm."""
    held = figures([(v, got) for v, got in results if v["held_out"]])
    assert held["cp_for_early_help_or_below"] == 0
    assert held["universal_or_early_help_for_significant_harm"] == 0
