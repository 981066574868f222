#!/usr/bin/env python3
"""Scores the language rules on the labelled sets in tests/data/ and prints the figures.

    python scripts/eval_language.py            # figures only
    python scripts/eval_language.py --verbose  # and every message the rules got wrong

danger_phrases.yml    recall on immediate danger, false alarms on near-misses
personal_details.yml  share of messages fully scrubbed (every listed detail gone and the
                      listed kinds reported), changes made to clean messages
cue_sentences.yml     precision and recall for each cue kind

Always exits 0: it reports, tests/unit/test_language.py decides what is good enough.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
CUE_KINDS = ("optimism", "normalising", "vague_time", "parent_focus")


def load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class DangerScore:
    danger: int = 0
    caught: int = 0
    near_misses: int = 0
    false_alarms: int = 0
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.danger if self.danger else 1.0


def eval_danger() -> DangerScore:
    from bot.language import detect_danger

    s = DangerScore()
    for ex in load("danger_phrases.yml")["examples"]:
        got = detect_danger(ex["text"])
        if ex["label"] == "danger":
            s.danger += 1
            if got.immediate:
                s.caught += 1
            else:
                s.misses.append((ex["text"], got.reason))
        else:
            s.near_misses += 1
            if got.immediate:
                s.false_alarms += 1
                s.alarms.append((ex["text"], got.reason))
    return s


@dataclass
class ScrubScore:
    messages: int = 0
    fully_scrubbed: int = 0
    clean: int = 0
    clean_changed: int = 0
    leaks: list = field(default_factory=list)
    kind_errors: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.fully_scrubbed / self.messages if self.messages else 1.0


def eval_scrub() -> ScrubScore:
    from bot.language import scrub

    data = load("personal_details.yml")
    s = ScrubScore()
    for ex in data["messages"]:
        s.messages += 1
        got = scrub(ex["text"])
        left = [x for x in ex["secrets"] if x in got.text]
        kinds_ok = set(got.removed) == set(ex["kinds"])
        if left:
            s.leaks.append((ex["text"], got.text, left))
        if not kinds_ok:
            s.kind_errors.append((ex["text"], sorted(ex["kinds"]), list(got.removed)))
        if not left and kinds_ok:
            s.fully_scrubbed += 1
    for text in data["clean"]:
        s.clean += 1
        got = scrub(text)
        if got.text != text or got.removed:
            s.clean_changed += 1
            s.changed.append((text, got.text))
    return s


@dataclass
class CueScore:
    sentences: int = 0
    tp: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    fp: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    fn: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    errors: list = field(default_factory=list)

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / wanted if wanted else 1.0


def eval_cues() -> CueScore:
    from bot.language import find_cues

    s = CueScore()
    for ex in load("cue_sentences.yml")["sentences"]:
        s.sentences += 1
        cues = find_cues(ex["text"])
        got, want = {c.kind for c in cues}, set(ex["kinds"])
        for k in CUE_KINDS:
            s.tp[k] += k in got and k in want
            s.fp[k] += k in got and k not in want
            s.fn[k] += k in want and k not in got
        if got != want:
            s.errors.append((ex["text"], sorted(want), [(c.kind, c.matched) for c in cues]))
    return s


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    t0 = time.perf_counter()

    d = eval_danger()
    print(f"danger ({d.danger} immediate, {d.near_misses} near-misses)")
    print(f"  recall        {d.recall:.3f}  ({d.caught}/{d.danger})")
    print(f"  false alarms  {d.false_alarms} of {d.near_misses} near-misses")
    if verbose:
        for text, why in d.misses:
            print(f"    missed: {text!r}  [{why}]")
        for text, why in d.alarms:
            print(f"    false alarm: {text!r}  [{why}]")

    p = eval_scrub()
    print(f"personal details ({p.messages} messages with details, {p.clean} clean)")
    print(f"  fully scrubbed          {p.share:.3f}  ({p.fully_scrubbed}/{p.messages})")
    print(f"  clean messages changed  {p.clean_changed} of {p.clean}")
    if verbose:
        for text, out, left in p.leaks:
            print(f"    leak: {text!r} -> {out!r} still has {left}")
        for text, want, got in p.kind_errors:
            print(f"    kinds: {text!r} wanted {want} got {got}")
        for text, out in p.changed:
            print(f"    changed: {text!r} -> {out!r}")

    c = eval_cues()
    print(f"cues ({c.sentences} sentences)")
    print(f"  {'kind':<13} {'precision':>9} {'recall':>7}   tp fp fn")
    for k in CUE_KINDS:
        print(f"  {k:<13} {c.precision(k):>9.3f} {c.recall(k):>7.3f}   {c.tp[k]:>2} {c.fp[k]:>2} {c.fn[k]:>2}")
    if verbose:
        for text, want, got in c.errors:
            print(f"    {text!r} wanted {want} got {got}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
