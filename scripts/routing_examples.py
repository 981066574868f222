#!/usr/bin/env python3
"""The practitioners' own messages as training data (issue 18): writes data/nlu/practitioner_messages.yml
from the labelled messages of the routing dev sets (tests/data/eval/routing_<split>.yml).

    python scripts/routing_examples.py dev dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9

Each message becomes an example of its intent; a practice question (intent faq, topic faq_<id>)
an example of the retrieval intent faq/<id>, as in data/nlu/faq.yml. A message is left out when
it is within 0.85 similarity (tests/unit/test_nlu_test_sets.py's measure: difflib ratio of the
lowercased, space-normalised texts, both ways; rapidfuzz only to skip pairs that cannot reach it)
of a tests/nlu message or of a message of the held-out routing set (those are counted, never
printed or stored), when it is word for word a training example of data/nlu (or an earlier message
of the splits), and when the same words are labelled differently by two writers. Only counts are
printed. The held-out set and the blind set (routing_dev15) are refused as sources.

Experiment of session 13 (S13-RT1), NOT adopted: data/nlu has no such file. Generated from dev, dev2
.. dev9 (5,982 read; 805 word for word a training example, 208 repeats, 2 labelled two ways, 139
near a tests/nlu message, 683 near a held-out routing message; 4,145 written), trained on 2 shared
cores in 1,065 s wall (about 9 CPU min; HEAD's data alone trains in 5-10 min), and compared with
HEAD's model-09f3536bc976811b, the code of 2fced04 for both. Macro routing accuracy on the dev sets
left out of the file: dev10 0.927 -> 0.950, dev11 0.878 -> 0.869, dev12 0.919 -> 0.933, dev13
0.931 -> 0.923 (mean +0.005); dev14, registered later, 0.923 -> 0.942
(mean over the five +0.008). tests/nlu (scripts/nlu_gate.py): intent macro F1 0.950 -> 0.959, response
selection 0.933 -> 0.942, immediate_danger recall 0.909 -> 0.909; held-out routing 0.933 -> 0.947
(counts only). Uncovered dev9..dev12 (scripts/eval_answers.py): answered with an unrelated article
2 -> 2 of 120, not_covered 92 -> 96, covered controls given their article 30 -> 30 of 40.
The rule set beforehand (mean gain on dev10..dev13 of 0.01 or more, none worse by more than 0.005)
is not met: two of the four later writers' sets got worse by 0.008-0.009, so the gain
does not carry to a new writer reliably, and the file would turn every routing dev set into training
data (their figures would no longer measure anything). Kept as a tool for a later decision.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
OUT = ROOT / "data" / "nlu" / "practitioner_messages.yml"
CLOSEST_ALLOWED = 0.85
REFUSED = {"heldout", "dev15"}  # never a source: the held-out set and this session's blind set

sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_nlu_test_sets import nlu_examples, norm  # noqa: E402  (the tests' own reading and measure)


def split_items(split: str) -> list[tuple[str, str]]:
    """(label, text) of a routing dev set, label an intent or faq/<topic>."""
    items = yaml.safe_load((EVAL / f"routing_{split}.yml").read_text())["items"]
    out = []
    for item in items:
        label = str(item["intent"])
        if label == "faq":
            label = "faq/" + str(item["topic"]).removeprefix("faq_")
        out.append((label, " ".join(str(item["text"]).split())))
    return out


def protected_texts() -> tuple[list[str], list[str]]:
    """The normalised tests/nlu messages, and the held-out routing set's (kept in memory only)."""
    tests = [e for p in sorted((ROOT / "tests" / "nlu").glob("*.yml")) for _, e in nlu_examples(p)]
    held = yaml.safe_load((EVAL / "routing_heldout.yml").read_text())
    held_items = held["items"] if isinstance(held, dict) else held
    heldout = [norm(str(i["text"])) for i in held_items if isinstance(i, dict) and i.get("text")]
    return tests, heldout


def close_to_any(texts: list[str], protected: list[str]) -> list[bool]:
    """Whether each text is within CLOSEST_ALLOWED of some protected text."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # the same answer, slower
        candidates = [list(range(len(protected))) for _ in texts]
    else:
        # Indel similarity (2*LCS/len) is never below difflib's ratio, so a pair under the cut here
        # is under it there too.
        scores = process.cdist(texts, protected, scorer=fuzz.ratio, score_cutoff=CLOSEST_ALLOWED * 100 - 0.01)
        candidates = [list(row.nonzero()[0]) for row in scores]
    out = []
    for text, rows in zip(texts, candidates, strict=True):
        hit = False
        for j in rows:
            for a, b in ((text, protected[j]), (protected[j], text)):
                if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= CLOSEST_ALLOWED:
                    hit = True
                    break
            if hit:
                break
        out.append(hit)
    return out


def label_order() -> list[str]:
    """Intents in domain.yml's order, then the FAQ topics in knowledge/faq.yml's order."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    intents = [i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]]
    topics = yaml.safe_load((ROOT / "knowledge" / "faq.yml").read_text())["topics"]
    return [i for i in intents if i != "faq"] + ["faq/" + t["id"].removeprefix("faq_") for t in topics]


def render(by_label: dict[str, list[str]], splits: list[str]) -> str:
    sources = ", ".join(f"routing_{s}.yml" for s in splits)
    lines = [
        'version: "3.1"',
        f"# Generated by `python scripts/routing_examples.py {' '.join(splits)}`: the practitioners' own",
        f"# messages of the routing dev sets {sources} (tests/data/eval/, issue 18). Do not edit; regenerate.",
        "nlu:",
    ]
    for label, texts in by_label.items():
        lines += [f"  - intent: {label}", "    examples: |"] + [f"      - {t}" for t in texts]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("splits", nargs="+", help="routing dev sets: dev, dev2, dev3, ...")
    args = parser.parse_args()
    refused = [s for s in args.splits if s in REFUSED or "heldout" in s or "blind" in s]
    if refused:
        print(f"routing_examples: never a source: {', '.join(refused)}", file=sys.stderr)
        return 2
    missing = [s for s in args.splits if not (EVAL / f"routing_{s}.yml").exists()]
    if missing:
        print(f"routing_examples: no routing set {', '.join(missing)}", file=sys.stderr)
        return 2

    order = label_order()
    known = set(order)
    training = {e for p in sorted((ROOT / "data" / "nlu").glob("*.yml")) if p != OUT for _, e in nlu_examples(p)}
    messages = [(label, text) for s in args.splits for label, text in split_items(s)]
    labels_of: dict[str, set[str]] = {}
    for label, text in messages:
        labels_of.setdefault(norm(text), set()).add(label)

    counts = dict.fromkeys(["read", "unknown label", "conflicting labels", "training copy", "repeat"], 0)
    counts["read"] = len(messages)
    kept, seen = [], set()
    for label, text in messages:
        key = norm(text)
        if label not in known:
            counts["unknown label"] += 1
        elif len(labels_of[key]) > 1:
            counts["conflicting labels"] += 1
        elif key in training:
            counts["training copy"] += 1
        elif key in seen:
            counts["repeat"] += 1
        else:
            seen.add(key)
            kept.append((label, text))

    tests, heldout = protected_texts()
    keys = [norm(t) for _, t in kept]
    near_test = close_to_any(keys, tests)
    near_held = close_to_any(keys, heldout)
    counts["near a tests/nlu message"] = sum(near_test)
    counts["near a held-out routing message"] = sum(h and not t for t, h in zip(near_test, near_held, strict=True))
    kept = [m for m, t, h in zip(kept, near_test, near_held, strict=True) if not (t or h)]

    by_label: dict[str, list[str]] = {label: [] for label in order}
    for label, text in kept:
        by_label[label].append(text)
    by_label = {label: texts for label, texts in by_label.items() if texts}
    OUT.write_text(render(by_label, args.splits))
    counts["written"] = len(kept)
    print("routing_examples: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"routing_examples: {len(by_label)} intents and topics in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
