"""Locators a practitioner can follow with Ctrl-F (issue 22, read 2039's two locator faults).

(a) A locator's section and phrase are found in the document AS PRINTED: only case and runs of
    white space are folded. Quotes, apostrophes and dashes must be the document's own (Kent
    prints 'hidden males' with curly quotes, so a straight-quoted phrase finds nothing).
(b) A phrase lies under its section: an occurrence of the section comes before the phrase and
    at most MAX_DISTANCE characters (folded text) before it. Where the section occurs at the
    start of a line somewhere in the document (a heading: Kent's "Drift", Camden's "14 Quality
    assurance ...", Greenwich's "[bookmark: ...]Recognition and response" or "LEARNING POINT -
    ..."), only those occurrences count, so a heading cannot borrow a later mention of the
    same word in running text.

MAX_DISTANCE was measured on the cited files at the commit that added this test: once the
locators that sat under the wrong heading were fixed, the largest heading-to-phrase distance
was 3,051 characters (Kent "Supervision" to "arranging coworking", one section with no
sub-heading between), the next 2,737 (Camden "6 Planning and interventions" to "must be
SMART"); the faults it caught were 6,081 to 31,262 characters away (Kent "Drift" to "balance
between support and challenge" was 23,858) or had the phrase before the section.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT.parent / "shared" / "seeds"

MAX_DISTANCE = 4000
# what may stand before a heading on its line: "[bookmark: _bookmark2]", "learning point - ",
# a number ("4.2 ", "14 "), a bullet; no other word
HEADING_MARKS = re.compile(r"\[[^\]]*\]|learning point -")

CITED_FILES = (
    "glossary.yml",
    "concepts.yml",
    "pitfalls.yml",
    "practice.yml",
    "risk_factors.yml",
    "neglect_types.yml",
    "frameworks.yml",
    "next_steps.yml",
    "supervision.yml",
    "training.yml",
    "thresholds.yml",
)


def fold(text: str) -> str:
    """What Ctrl-F forgives: case and runs of white space. Nothing else."""
    return " ".join(text.lower().split())


class Document:
    def __init__(self, raw: str):
        parts: list[str] = []
        self.line_starts: list[int] = []
        pos = 0
        for line in raw.splitlines():
            folded = fold(line)
            if not folded:
                continue
            self.line_starts.append(pos)
            parts.append(folded)
            pos += len(folded) + 1
        self.text = " ".join(parts)

    def occurrences(self, words: str) -> list[int]:
        pattern = r"(?<![a-z0-9])" + re.escape(fold(words)) + r"(?![a-z0-9])"
        return [m.start() for m in re.finditer(pattern, self.text)]

    def found_as_printed(self, words: str) -> bool:
        return fold(words) in self.text

    def heading_places(self, section: str) -> list[int]:
        """Where the section stands as a heading, or every place if it never heads a line."""
        places = self.occurrences(section)
        starts = self.line_starts
        headed = []
        for at in places:
            before = self.text[starts[max(0, _last_at_or_before(starts, at))] : at]
            if not re.search(r"[a-z]", HEADING_MARKS.sub("", before)):
                headed.append(at)
        return headed or places

    def distance_under(self, section: str, phrase: str) -> int | None:
        """Characters from the nearest section place before the phrase to the phrase."""
        gaps = [p - s for p in self.occurrences(phrase) for s in self.heading_places(section) if p >= s]
        return min(gaps) if gaps else None


def _last_at_or_before(starts: list[int], at: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= at:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _citations(node, item_id=None):
    if isinstance(node, dict):
        item_id = node.get("id", item_id)
        if isinstance(node.get("source"), dict):
            yield item_id, node["source"]
        for a in node.get("also") or []:
            if isinstance(a, dict):
                yield item_id, a
        for s in (node.get("indicator_sources") or {}).values():
            if isinstance(s, dict):
                yield item_id, s
        for key, value in node.items():
            if key not in ("source", "also", "indicator_sources"):
                yield from _citations(value, item_id)
    elif isinstance(node, list):
        for value in node:
            yield from _citations(value, item_id)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    listed = yaml.safe_load((KNOWLEDGE / "sources.yml").read_text(encoding="utf-8"))["documents"]
    return {d["id"]: Document((SEEDS / d["file"]).read_text(encoding="utf-8")) for d in listed}


def _all_citations(documents):
    for name in CITED_FILES:
        data = yaml.safe_load((KNOWLEDGE / name).read_text(encoding="utf-8"))
        for item_id, src in _citations(data):
            if src.get("doc") in documents:
                yield name, item_id, src


def test_every_locator_is_found_as_printed(documents):
    bad = []
    for name, item_id, src in _all_citations(documents):
        doc = documents[src["doc"]]
        for part in ("section", "phrase"):
            if src.get(part) and not doc.found_as_printed(src[part]):
                bad.append(f"{name} {item_id}: {src['doc']} {part} '{src[part]}' not found as printed")
    assert bad == [], "\n".join(bad)


def test_every_phrase_lies_under_its_section(documents):
    bad, checked = [], 0
    for name, item_id, src in _all_citations(documents):
        if not src.get("phrase"):
            continue
        checked += 1
        gap = documents[src["doc"]].distance_under(src["section"], src["phrase"])
        if gap is None or gap > MAX_DISTANCE:
            where = "nowhere after it" if gap is None else f"{gap} characters after it"
            bad.append(f"{name} {item_id}: {src['doc']} phrase '{src['phrase']}' is {where} '{src['section']}'")
    assert checked > 200
    assert bad == [], "\n".join(bad)


# -- the checks fail on broken locators -----------------------------------------------------


def test_a_straight_quote_where_the_document_prints_a_curly_one_is_not_found(documents):
    kent = documents["kent"]
    assert kent.found_as_printed("raised the issue of \u2018hidden males\u2019")
    assert not kent.found_as_printed("raised the issue of 'hidden males'")
    assert kent.found_as_printed("RAISED the issue\n of \u2018hidden   males\u2019")  # case and spaces fold


def test_a_heading_paired_with_a_phrase_far_below_it_is_caught(documents):
    kent = documents["kent"]
    # read 2039: Kent's "Drift" heading (Common issues) with a phrase from Management Oversight
    far = kent.distance_under("Drift", "balance between support and challenge")
    assert far is not None and far > MAX_DISTANCE
    near = kent.distance_under("Drift", "To avoid drift and lack of focus")
    assert near is not None and near <= MAX_DISTANCE


def test_a_phrase_before_its_section_is_caught(documents):
    # a reference line printed after the passage is not the heading above it
    bwd = documents["bwd"]
    assert bwd.distance_under("Working together to safeguard children", "most recent definition that appeared") is None
    assert bwd.distance_under("Definition", "most recent definition that appeared") <= MAX_DISTANCE


def test_a_heading_line_outranks_the_same_words_in_running_text():
    doc = Document("Drift\nshort passage here\n" + "filler words. " * 400 + "\nno drift here, at the phrase\n")
    assert doc.heading_places("Drift") == [0]
    assert doc.distance_under("Drift", "at the phrase") > MAX_DISTANCE
    assert doc.distance_under("Drift", "short passage") <= MAX_DISTANCE
