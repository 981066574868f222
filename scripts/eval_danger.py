#!/usr/bin/env python3
"""Danger in context (issue 18): recall on danger, false alarms on ordinary messages and on
near-misses, and 999 answers to practice questions the documents do not cover.

    python scripts/eval_danger.py                 # rules and the trained model
    python scripts/eval_danger.py --rules-only    # the pure-Python rule layer only (fast)
    python scripts/eval_danger.py --verbose       # and every dev message that came out wrong
    python scripts/eval_danger.py --model models/model-x.tar.gz

Sets (labelled apart from the rules and the training data):
  tests/data/eval/danger_dev.yml       dev split
  tests/data/eval/danger_dev2.yml      second dev split (written before reading the rules, H5)
  tests/data/eval/danger_dev3.yml .. danger_dev13.yml  further dev splits, each by an
                                       independent writer, measured before any tuning on it
  tests/data/eval/danger_heldout.yml   held-out split: read here to report, never to tune
  tests/data/eval/uncovered_*.yml      practice questions the documents do not cover
Items: {id, label: danger|ordinary|near_miss, context: opening|after_greeting|answer, text}.

Two readers:
  rules  bot.lang.danger_policy.decide_danger(text) with no NLU classifier (the rules and their
         learned second opinion, bot/lang/danger_learned.py): what the production channel uses
         before a resync; scripts/danger_loso.py measures the second opinion by leaving one
         dev set out.
  model  the trained model in-process (rasa.core.agent.Agent): the NLU pipeline with its
         danger component. In a conversation (opening, after_greeting) the 999 answer
         follows the intent `immediate_danger`. For an answer mid-check, a message counts
         as caught only when the rule layer fired (`danger_rule`: at a free-text question
         only the rules count), and as a false alarm when the rules fired or the classifier
         said `immediate_danger` at 0.8 or more (bot/walks/check.py's Incoming.is_danger, at a
         button question the text does not fit): the strict reading each way.

Writes results/danger/figures.json. Always exits 0: tests/unit/test_danger_context.py gates
the held-out figures of the rule layer.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EVAL = ROOT / "tests" / "data" / "eval"
OUT = ROOT / "results" / "danger" / "figures.json"
SPLITS = {
    "dev": "danger_dev.yml",
    "dev2": "danger_dev2.yml",
    "dev3": "danger_dev3.yml",
    "dev4": "danger_dev4.yml",
    "dev5": "danger_dev5.yml",
    "dev6": "danger_dev6.yml",
    "dev7": "danger_dev7.yml",
    "dev8": "danger_dev8.yml",
    "dev9": "danger_dev9.yml",
    "dev10": "danger_dev10.yml",
    "dev11": "danger_dev11.yml",
    "dev12": "danger_dev12.yml",
    "dev13": "danger_dev13.yml",
    "dev14": "danger_dev14.yml",
    "dev15": "danger_dev15.yml",
    "dev16": "danger_dev16.yml",
    "dev17": "danger_dev17.yml",
    "dev18": "danger_dev18.yml",
    "dev19": "danger_dev19.yml",
    "dev20": "danger_dev20.yml",
    "dev21": "danger_dev21.yml",
    "dev22": "danger_dev22.yml",
    "dev23": "danger_dev23.yml",
    "dev24": "danger_dev24.yml",
    "dev25": "danger_dev25.yml",
    "dev26": "danger_dev26.yml",
    "dev27": "danger_dev27.yml",
    "dev28": "danger_dev28.yml",
    "dev29": "danger_dev29.yml",
    "dev30": "danger_dev30.yml",
    "dev31": "danger_dev31.yml",
    "dev32": "danger_dev32.yml",
    "dev33": "danger_dev33.yml",
    "dev34": "danger_dev34.yml",
    "dev35": "danger_dev35.yml",
    "dev36": "danger_dev36.yml",
    "dev37": "danger_dev37.yml",
    "dev38": "danger_dev38.yml",
    "dev39": "danger_dev39.yml",
    "dev40": "danger_dev40.yml",
    "dev41": "danger_dev41.yml",
    "heldout": "danger_heldout.yml",
}
# a set written blind and measured once at the end with no change made for it: no learned example
# is taken from it (scripts/danger_loso.py) until a session tunes on it. dev12 (blind in session 8)
# is a dev set since session 9; dev14 (written blind in session 9, measured once by the lead at
# the end of session 9) is a dev set since session 10, tuned on from its misses; dev16 (written
# blind with dev15 in session 10 by S10-DW15, measured once by the lead at the end of session 10's
# first pass: 46/50, 1/70, 2/30, the same as session 9's rules) is a dev set since session 10's
# second pass (S10-DI9), tuned on from its misses. dev17 and dev18 were written in one pass by
# S11-DW17 (session 11): dev17 is measured first seen and then a tuning set; dev18 is BLIND, run once
# by the lead at the end of the session (counts only), and a dev set from session 12.
# dev19 and dev20 were written in one pass by S12-DW19 (session 12): dev19 first seen (session 11 code:
# rules 41/50, 1/70, 3/30), then a tuning set; dev20 is BLIND, run once by the lead at the end (counts only).
# Session 13: dev20 (measured blind twice in session 12, counts only) is a dev set.
# dev21 and dev22 were written in one pass by S13-DW21 (session 13): dev21 first seen (session 12 code:
# rules 44/50, 0/70, 2/30), then a tuning set; dev22 is BLIND, run once by the lead at the end (counts only).
# Session 14: dev22 (measured blind twice in session 13, counts only) is a dev set.
# dev23 and dev24 were written in one pass by S14-DW23 (session 14): dev23 first seen (session 13 code), then a
# tuning set; dev24 is BLIND, run once by the lead at the end (counts only).
# Session 15: dev24 (measured blind twice in session 14, counts only) is a dev set.
# dev25 and dev26 were written in one pass by S15-DW25 (session 15): dev25 first seen (session 14 code), then a
# tuning set; dev26 is BLIND, run once by the lead at the end (counts only).
# Session 16: dev26 (measured blind twice in session 15, counts only) is a dev set.
# dev27 and dev28 were written in one pass by S16-DW27 (session 16): dev27 first seen (session 15 code), then a
# tuning set; dev28 is BLIND, run once by the lead at the end (counts only).
# Session 17: dev28 (measured blind twice in session 16, counts only) is a dev set.
# dev29 and dev30 were written in one pass by S17-DW29 (session 17): dev29 first seen (session 17's starting
# code, 90d2b28), not tuned on in session 17; dev30 is BLIND, run by the lead at the end (counts only).
# Session 18: dev30 (measured blind in session 17, counts only) is a dev set.
# dev31 and dev32 were written in one pass by S18-DW31 (session 18): dev31 first seen (session 18's starting
# code, 0e069ac), not tuned on in session 18; dev32 is BLIND, run by the lead at the end (counts only).
# Session 19: dev32 (measured blind in session 18, counts only) is a dev set.
# dev33 and dev34 were written in one pass by S19-DW33 (session 19): dev33 first seen (session 19's starting
# code, e134fff), not tuned on in session 19; dev34 is BLIND, run by the lead at the end (counts only).
# Session 20: dev34 (measured blind in session 19, counts only) is a dev set.
# dev35 and dev36 were written in one pass by S20-DW35 (session 20): dev35 first seen (session 20's starting
# code, 63bceb5), not tuned on in session 20; dev36 is BLIND, run by the lead at the end (counts only).
# Session 21: dev36 (measured blind in session 20, counts only) is a dev set.
# dev37 and dev38 were written in one pass by S21-DW37 (session 21): dev37 first seen (session 21's starting
# code, 6125b44), not tuned on in session 21; dev38 is BLIND: in no script until a later session makes it a dev
# set (the lead measured it at the end with a patched copy of this file, counts only).
# Session 22: dev38 (measured blind in session 21, counts only) is a dev set.
# dev39 and dev40 were written in one pass by S22-DW39 (session 22): dev39 first seen (session 22's starting
# code, 8c8a02c), not tuned on in session 22; dev40 is BLIND: in no script until a later session makes it a dev
# set (the lead measured it at the end with a patched copy of this file, counts only).
# Session 23: dev40 (measured blind in session 22, counts only) is a dev set.
# dev41 and dev42 were written in one pass by S23-DW41 (session 23): dev41 first seen (session 23's starting
# code, 81b11f8), not tuned on in session 23; dev42 is BLIND: in no script until a later session makes it a dev
# set (the lead measured it at the end with a patched copy of this file, counts only).
BLIND: tuple[str, ...] = ()
# uncovered-question sets written blind (scripts/eval_answers.py BLIND): scored here for counts only
# uncovered_dev12 is a dev set from session 13 and in the uncovered gate of tests/unit/test_danger_context.py
# since its anaphylaxis practice question stopped getting the 999 answer (S13-DI12, danger.yml condition_had);
# uncovered_dev14 is written blind in session 13 (never read here until a session makes it a dev set)
# session 14: uncovered_dev14 (blind in session 13, measured twice for counts only) is a dev set, in the
# danger gate since its two questions about parents who inject stopped getting the 999 answer (S14-DI13:
# "mum injects", "both parents inject" is a habit, danger.yml danger_carer_unable); no uncovered set is blind now
# session 20: uncovered_dev15 (S20-UW15) is a dev set, first seen at 63bceb5; uncovered_dev16, written blind with it,
# is measured by the lead at the end (counts only)
# session 21: uncovered_dev16 (blind in session 20, measured once for counts only) is a dev set
# session 22: uncovered_dev17 (S22-UW17) is a dev set, first seen at 8c8a02c; uncovered_dev18, written blind with it,
# is measured by the lead at the end (counts only)
# session 23: uncovered_dev18 (blind in session 22, measured once for counts only) is a dev set; uncovered_dev19
# and dev20 (S23-UW19) are being written: dev19 is first seen with session 23's starting code, dev20 is blind
# uncovered_dev19 is a dev set (first seen at 81b11f8, not tuned on); uncovered_dev20 is blind
BLIND_UNCOVERED: tuple[str, ...] = ("uncovered_dev20",)
LABELS = ("danger", "ordinary", "near_miss")
CONTEXTS = ("opening", "after_greeting", "answer")
CLASSIFIER_MID_CHECK = 0.8  # bot/walks/check.py Incoming.is_danger
LENGTHS = ("1 sentence", "2-3 sentences", "4+ sentences")
WORDS = ("1-15 words", "16-30 words", "31+ words")
_SENTENCE_END = re.compile(r"[.!?;\n]+")


def length_bucket(text: str) -> str:
    """How long a message is, in sentences (pieces between . ! ? ; and line breaks that hold a
    word): long case accounts are where a danger is most easily buried."""
    n = sum(1 for piece in _SENTENCE_END.split(text) if re.search(r"\w", piece))
    return LENGTHS[0] if n <= 1 else LENGTHS[1] if n <= 3 else LENGTHS[2]


def words_bucket(text: str) -> str:
    """How long a message is, in words (a run-on account can be one long sentence)."""
    n = len(re.findall(r"\w+(?:'\w+)?", text))
    return WORDS[0] if n <= 15 else WORDS[1] if n <= 30 else WORDS[2]


def _items(data) -> list[dict]:
    if isinstance(data, dict):
        for key in ("items", "examples", "messages", "questions"):
            if isinstance(data.get(key), list):
                return data[key]
        return []
    return data if isinstance(data, list) else []


def load_split(name: str) -> list[dict]:
    path = EVAL / SPLITS[name]
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        items = _items(yaml.safe_load(fh))
    return [i for i in items if isinstance(i, dict) and i.get("label") in LABELS and i.get("text")]


def load_uncovered() -> dict[str, list[dict]]:
    out = {}
    for path in sorted(glob.glob(str(EVAL / "uncovered_*.yml"))):
        with open(path, encoding="utf-8") as fh:
            items = _items(yaml.safe_load(fh))
        out[Path(path).stem] = [
            i if isinstance(i, dict) else {"text": str(i)}
            for i in items
            if (isinstance(i, dict) and i.get("text")) or isinstance(i, str)
        ]
    return out


def rules_verdict(item: dict) -> bool:
    from bot.lang.danger_policy import decide_danger

    return decide_danger(item["text"]).immediate


def model_verdict(parse: dict, context: str) -> tuple[bool, bool]:
    """(caught as danger, counts as a false alarm) for one parse result in its context."""
    intent = parse.get("intent") or {}
    said = intent.get("name") == "immediate_danger"
    rule = bool(parse.get("danger_rule"))
    if context == "answer":
        return rule, rule or (said and float(intent.get("confidence") or 0.0) >= CLASSIFIER_MID_CHECK)
    return said, said


def score(items: list[dict], verdicts: list[tuple[bool, bool]]) -> dict:
    """Per label, per context and per length (sentences): counts, recall on danger, false alarms
    otherwise."""

    def block(pairs):
        out = {}
        for label in LABELS:
            sel = [(i, v) for i, v in pairs if i["label"] == label]
            if not sel:
                continue
            if label == "danger":
                missed = [i for i, (caught, _fa) in sel if not caught]
                out[label] = {
                    "n": len(sel),
                    "caught": len(sel) - len(missed),
                    "recall": round((len(sel) - len(missed)) / len(sel), 4),
                    "missed": [i.get("id") or i["text"] for i in missed],
                }
            else:
                alarms = [i for i, (_c, fa) in sel if fa]
                out[label] = {
                    "n": len(sel),
                    "false_alarms": len(alarms),
                    "false_alarm_rate": round(len(alarms) / len(sel), 4),
                    "alarms": [i.get("id") or i["text"] for i in alarms],
                }
        return out

    pairs = list(zip(items, verdicts, strict=False))
    result = {"all": block(pairs)}
    for ctx in CONTEXTS:
        sel = [(i, v) for i, v in pairs if i.get("context") == ctx]
        if sel:
            result[ctx] = block(sel)
    for length in LENGTHS:
        sel = [(i, v) for i, v in pairs if length_bucket(i["text"]) == length]
        if sel:
            result[length] = block(sel)
    for length in WORDS:
        sel = [(i, v) for i, v in pairs if words_bucket(i["text"]) == length]
        if sel:
            result[length] = block(sel)
    return result


def run_rules(items: list[dict]) -> dict:
    verdicts = []
    for item in items:
        v = rules_verdict(item)
        verdicts.append((v, v))
    return score(items, verdicts)


def model_path(arg: str | None) -> Path | None:
    if arg:
        return Path(arg)
    name = subprocess.run(["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    path = ROOT / "models" / f"{name}.tar.gz"
    if path.exists():
        return path
    models = sorted((ROOT / "models").glob("model-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def quiet_logs() -> None:
    """Rasa logs each parsed message (its text) at debug level through structlog: keep the
    held-out texts off the console, warnings and errors only."""
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    logging.getLogger("rasa").setLevel(logging.WARNING)


def load_agent(path: Path):
    from rasa.core.agent import Agent

    quiet_logs()
    agent = Agent.load(str(path))
    quiet_logs()
    return agent


def parse_all(agent, texts: list[str]) -> list[dict]:
    async def go():
        return [await agent.parse_message(t) for t in texts]

    return asyncio.run(go())


def run_model(agent, items: list[dict]) -> dict:
    parses = parse_all(agent, [i["text"] for i in items])
    return score(items, [model_verdict(p, i.get("context") or "opening") for p, i in zip(parses, items, strict=False)])


def uncovered_figures(items: list[dict], agent=None) -> dict:
    out = {"n": len(items)}
    rule_hits = [i["text"] for i in items if rules_verdict(i)]
    out["rules_999"] = len(rule_hits)
    out["rules_999_texts"] = rule_hits
    if agent is not None:
        parses = parse_all(agent, [i["text"] for i in items])
        hits = [
            i["text"]
            for i, p in zip(items, parses, strict=False)
            if (p.get("intent") or {}).get("name") == "immediate_danger"
        ]
        out["model_999"] = len(hits)
        out["model_999_texts"] = hits
    return out


def counts_only(fig: dict) -> None:
    """Keep a held-out split's figures to counts: no ids or texts of its missed messages or false
    alarms in the figures file (the held-out set is for measuring only)."""
    for reader in ("rules", "model"):
        for block in (fig.get(reader) or {}).values():
            for b in block.values():
                b.pop("missed", None)
                b.pop("alarms", None)


def _line(split: str, reader: str, ctx: str, block: dict) -> str:
    parts = []
    if "danger" in block:
        d = block["danger"]
        parts.append(f"danger recall {d['caught']}/{d['n']}")
    for label in ("ordinary", "near_miss"):
        if label in block:
            b = block[label]
            parts.append(f"{label} false alarms {b['false_alarms']}/{b['n']}")
    return f"{split:8s} {reader:6s} {ctx:15s} " + ", ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--model")
    ap.add_argument("--verbose", action="store_true", help="list the dev split's wrong messages")
    ap.add_argument(
        "--list-heldout",
        action="store_true",
        help="list the held-out split's wrong messages too (to report them, never to tune)",
    )
    ap.add_argument("--no-heldout", action="store_true", help="skip the held-out split")
    ap.add_argument("--only", nargs="+", choices=list(SPLITS), help="score only these splits (and no uncovered sets)")
    args = ap.parse_args()

    figures: dict = {"splits": {}, "uncovered": {}}
    agent = None
    if not args.rules_only:
        path = model_path(args.model)
        if path is None:
            print("eval-danger: no trained model; rules only (make train)", file=sys.stderr)
        else:
            figures["model"] = path.name
            agent = load_agent(path)
    for split in SPLITS:
        if args.no_heldout and split == "heldout":
            continue
        if args.only and split not in args.only:
            continue
        # a blind set is scored only when named (--only), for the lead's one measurement at the end
        if split in BLIND and not args.only:
            continue
        items = load_split(split)
        if not items:
            print(f"eval-danger: {SPLITS[split]} not found or empty", file=sys.stderr)
            continue
        figures["splits"][split] = {"n": len(items), "rules": run_rules(items)}
        if agent is not None:
            figures["splits"][split]["model"] = run_model(agent, items)
        if (split == "heldout" or split in BLIND) and not args.list_heldout:
            counts_only(figures["splits"][split])
    for name, items in ({} if args.only else load_uncovered()).items():
        figures["uncovered"][name] = uncovered_figures(items, agent)
        if "heldout" in name or name in BLIND_UNCOVERED:  # counts only: no text of a held-out or blind set
            figures["uncovered"][name].pop("rules_999_texts", None)
            figures["uncovered"][name].pop("model_999_texts", None)

    for split, fig in figures["splits"].items():
        for reader in ("rules", "model"):
            for ctx, block in (fig.get(reader) or {}).items():
                print(_line(split, reader, ctx, block))
                if ctx == "all" and (
                    args.verbose if split.startswith("dev") and split not in BLIND else args.list_heldout
                ):
                    for label, b in block.items():
                        for x in b.get("missed", []) + b.get("alarms", []):
                            print(f"    {label}: {x}")
    for name, u in figures["uncovered"].items():
        print(
            f"{name}: {u['n']} questions, 999 by rules {u['rules_999']}"
            + (f", 999 by the model {u['model_999']}" if "model_999" in u else "")
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    print(f"eval-danger: figures in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
