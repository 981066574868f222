#!/usr/bin/env python3
"""Routing of messages to intents (issue 18, parts 2 and 4), through the trained model.

    python scripts/eval_routing.py                          # the model for the current data
    python scripts/eval_routing.py --model models/model-x.tar.gz
    python scripts/eval_routing.py --set dev --show-errors  # the dev set, with the texts it misses

Reads tests/data/eval/routing_heldout.yml (or, with --set dev, tests/data/eval/routing_dev.yml; with
--set dev2, tests/data/eval/routing_dev2.yml, the second dev set, written in session 6; with --set dev3,
tests/data/eval/routing_dev3.yml, the third, by another independent writer; with --set dev4,
tests/data/eval/routing_dev4.yml, the fourth, by a fourth independent writer, session 7; with --set
dev5, tests/data/eval/routing_dev5.yml, the fifth, by a fifth independent writer, session 8; with
--set dev6, tests/data/eval/routing_dev6.yml, the sixth, by a sixth independent writer, session 9; with
--set dev7, routing_dev7.yml, written blind in session 9 and a dev set from session 10; with --set dev8,
routing_dev8.yml, session 10; --set dev9, routing_dev9.yml, is session 10's blind set, run once at the
end like the held-out set, its misses never shown):
items {id, text, intent, topic (faq items only: faq_<id>)}. The held-out set is run to report a
figure, never read to write a rule or a training example; the dev set may be tuned on (its
misses may be printed), but its texts are never copied into the training data. The model is
loaded in-process (rasa.core.agent.Agent) and each message goes
through the whole NLU pipeline, the danger component and the fallback classifier included, so
a message that falls back counts as wrong.

An item counts as right when the predicted intent is its intent; a faq item only when the
response selector's `faq/<topic>` is its topic as well. Prints the accuracy per intent and the
macro accuracy over intents (each intent weighs the same, faq included), and writes them to
results/routing/figures.json (the dev sets: results/routing/figures_dev.json, figures_dev2.json,
figures_dev3.json, ... figures_dev9.json). On the held-out set and the blind set
only counts are printed and written, never the messages that came out wrong, so that the figure
cannot be used to tune the training data; --show-errors is refused there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "heldout": ROOT / "tests" / "data" / "eval" / "routing_heldout.yml",
    "dev": ROOT / "tests" / "data" / "eval" / "routing_dev.yml",
    "dev2": ROOT / "tests" / "data" / "eval" / "routing_dev2.yml",
    "dev3": ROOT / "tests" / "data" / "eval" / "routing_dev3.yml",
    "dev4": ROOT / "tests" / "data" / "eval" / "routing_dev4.yml",
    "dev5": ROOT / "tests" / "data" / "eval" / "routing_dev5.yml",
    "dev6": ROOT / "tests" / "data" / "eval" / "routing_dev6.yml",
    "dev7": ROOT / "tests" / "data" / "eval" / "routing_dev7.yml",  # blind in session 9, a dev set from session 10
    "dev8": ROOT / "tests" / "data" / "eval" / "routing_dev8.yml",  # session 10, dev
    "dev9": ROOT / "tests" / "data" / "eval" / "routing_dev9.yml",  # session 10 blind; dev from session 11
    "dev10": ROOT / "tests" / "data" / "eval" / "routing_dev10.yml",  # session 11, dev
    "dev11": ROOT / "tests" / "data" / "eval" / "routing_dev11.yml",  # session 11 blind; dev from session 12
    "dev12": ROOT / "tests" / "data" / "eval" / "routing_dev12.yml",  # session 12 (S12-RW12), dev
    "dev13": ROOT / "tests" / "data" / "eval" / "routing_dev13.yml",  # session 12 blind; dev from session 13
    "dev14": ROOT / "tests" / "data" / "eval" / "routing_dev14.yml",  # session 13 (S13-RW14), dev
    "dev15": ROOT / "tests" / "data" / "eval" / "routing_dev15.yml",  # session 13 blind; dev from session 14
    "dev16": ROOT / "tests" / "data" / "eval" / "routing_dev16.yml",  # session 20 (S20-RW16), dev
    "dev17": ROOT / "tests" / "data" / "eval" / "routing_dev17.yml",  # session 20 blind; dev from session 21
    "dev18": ROOT / "tests" / "data" / "eval" / "routing_dev18.yml",  # session 21 (S21-RW18), dev
    "dev19": ROOT / "tests" / "data" / "eval" / "routing_dev19.yml",  # session 21 blind; dev from session 22
    "dev20": ROOT / "tests" / "data" / "eval" / "routing_dev20.yml",  # session 22 (S22-RW20), dev
    "dev21": ROOT / "tests" / "data" / "eval" / "routing_dev21.yml",  # session 22 blind; dev from session 23
    "dev22": ROOT / "tests" / "data" / "eval" / "routing_dev22.yml",  # session 23 (S23-RW22), dev
}
# sets whose misses are never listed: the held-out set and the blind set of the session
BLIND = frozenset({"heldout"})
SET = SETS["heldout"]
OUTS = {
    "heldout": ROOT / "results" / "routing" / "figures.json",
    "dev": ROOT / "results" / "routing" / "figures_dev.json",
    "dev2": ROOT / "results" / "routing" / "figures_dev2.json",
    "dev3": ROOT / "results" / "routing" / "figures_dev3.json",
    "dev4": ROOT / "results" / "routing" / "figures_dev4.json",
    "dev5": ROOT / "results" / "routing" / "figures_dev5.json",
    "dev6": ROOT / "results" / "routing" / "figures_dev6.json",
    "dev7": ROOT / "results" / "routing" / "figures_dev7.json",
    "dev8": ROOT / "results" / "routing" / "figures_dev8.json",
    "dev9": ROOT / "results" / "routing" / "figures_dev9.json",
    "dev10": ROOT / "results" / "routing" / "figures_dev10.json",
    "dev11": ROOT / "results" / "routing" / "figures_dev11.json",
    "dev12": ROOT / "results" / "routing" / "figures_dev12.json",
    "dev13": ROOT / "results" / "routing" / "figures_dev13.json",
    "dev14": ROOT / "results" / "routing" / "figures_dev14.json",
    "dev15": ROOT / "results" / "routing" / "figures_dev15.json",
    "dev16": ROOT / "results" / "routing" / "figures_dev16.json",
    "dev17": ROOT / "results" / "routing" / "figures_dev17.json",
    "dev18": ROOT / "results" / "routing" / "figures_dev18.json",
    "dev19": ROOT / "results" / "routing" / "figures_dev19.json",
    "dev20": ROOT / "results" / "routing" / "figures_dev20.json",
    "dev21": ROOT / "results" / "routing" / "figures_dev21.json",
    "dev22": ROOT / "results" / "routing" / "figures_dev22.json",
}
OUT = OUTS["heldout"]


def load_items(path: Path = SET) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    items = data["items"] if isinstance(data, dict) else data
    return [i for i in items if isinstance(i, dict) and i.get("text") and i.get("intent")]


def current_model() -> Path:
    name = subprocess.run(
        ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return ROOT / "models" / f"{name}.tar.gz"


def is_right(item: dict, parse: dict) -> bool:
    """The intent, and for a faq item the topic too (`faq/<id>` for the item's `faq_<id>`)."""
    if (parse.get("intent") or {}).get("name") != item["intent"]:
        return False
    if item["intent"] != "faq":
        return True
    response = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    key = response.get("intent_response_key") or ""
    return key.split("/", 1)[-1] == str(item.get("topic", "")).removeprefix("faq_")


def score(pairs: list[tuple[dict, bool]]) -> dict:
    """Per-intent counts and accuracy, and the macro accuracy over intents."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, right in pairs:
        counts[item["intent"]][0] += int(right)
        counts[item["intent"]][1] += 1
    per_intent = {k: {"right": r, "total": n, "accuracy": r / n} for k, (r, n) in sorted(counts.items())}
    macro = sum(v["accuracy"] for v in per_intent.values()) / len(per_intent) if per_intent else 0.0
    total = sum(v["total"] for v in per_intent.values())
    overall = sum(v["right"] for v in per_intent.values()) / total if total else 0.0
    return {
        "macro_accuracy": macro,
        "accuracy": overall,
        "items": total,
        "intents": len(per_intent),
        "per_intent": per_intent,
    }


async def parse_all(model: Path, texts: list[str]) -> list[dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Unconfigured, structlog prints every parse (the message and its intent) at debug level to
    # stdout: that would show the held-out messages, and which came out wrong, in every log.
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def predicted(parse: dict) -> str:
    """The intent, with the faq topic: `faq/<topic>`."""
    name = (parse.get("intent") or {}).get("name") or ""
    if name == "faq":
        response = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        return response.get("intent_response_key") or name
    return name


def evaluate(model: Path, items: list[dict] | None = None, path: Path = SET, errors: list | None = None) -> dict:
    """`errors`, when given a list, receives (item, predicted) for each miss: for the dev set only."""
    items = load_items(path) if items is None else items
    parses = asyncio.run(parse_all(model, [i["text"] for i in items]))
    pairs = [(item, is_right(item, parse)) for item, parse in zip(items, parses, strict=False)]
    if errors is not None:
        if path in {SETS[name] for name in BLIND}:
            raise ValueError("the misses of a held-out or blind set are never listed")
        errors.extend((item, predicted(parse)) for (item, right), parse in zip(pairs, parses, strict=True) if not right)
    figures = score(pairs)
    figures["model"] = model.name.removesuffix(".tar.gz")
    figures["set"] = str(path.relative_to(ROOT))
    return figures


def report(figures: dict, label: str = "held-out") -> str:
    lines = [
        f"routing ({label}, {figures['items']} messages, {figures['intents']} intents): "
        f"macro accuracy {figures['macro_accuracy']:.3f}, accuracy {figures['accuracy']:.3f}"
    ]
    for name, v in sorted(figures["per_intent"].items(), key=lambda kv: (kv[1]["accuracy"], kv[0])):
        lines.append(f"  {name:22} {v['accuracy']:.2f}  ({v['right']}/{v['total']})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a model archive (default: the one for the current data)")
    parser.add_argument("--set", choices=sorted(SETS), default="heldout", help="the set to run (default: heldout)")
    parser.add_argument("--show-errors", action="store_true", help="list the messages missed (dev set only)")
    args = parser.parse_args()
    if args.show_errors and args.set in BLIND:
        print("eval_routing: the misses of a held-out or blind set are never shown (use --set dev)", file=sys.stderr)
        return 2
    model = args.model or current_model()
    if not model.exists():
        print(f"eval_routing: no model {model}; run make train", file=sys.stderr)
        return 1
    errors: list | None = [] if args.show_errors else None
    figures = evaluate(model, path=SETS[args.set], errors=errors)
    out = OUTS[args.set]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(report(figures, "held-out" if args.set == "heldout" else args.set))
    for item, got in sorted(errors or [], key=lambda e: (e[0]["intent"], str(e[0].get("topic", "")))):
        want = item["intent"] + (
            f"/{str(item.get('topic', '')).removeprefix('faq_')}" if item["intent"] == "faq" else ""
        )
        print(f"  miss {item.get('id', '')}: {want} -> {got or '?'}: {item['text']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
