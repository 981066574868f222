"""Measures the answers to practice questions through the trained model (issues 18 and 22).

Every message is parsed by the trained Rasa model (the NLU pipeline with the danger layer),
then routed as the rules route it: `faq` and `ask_question` go to action_answer_question and
`nlu_fallback` to action_clarify (actions/answers.py, the same decision code), any other
intent to its own action. Each outcome is one of:
  not_covered   "the documents I hold don't cover that", nearest topics, who to ask
  national      an item beyond the five documents that says so and names its national source
  case          a case description handed to the check
  article       an answer from the five documents (for an uncovered question: unrelated)
  invitation    "what would you like to know?"
  clarify       "did you mean ..." with the menu's choices
  other:<name>  another intent's action (a check, a greeting, the 999 answer, ...)

Sets: tests/data/eval/uncovered_dev.yml and uncovered_heldout.yml (practice questions the five
documents do not cover; the held-out part is only run to report a figure) and
tests/nlu/faq_test_set.yml (covered questions, each labelled with its topic).

    python scripts/eval_answers.py [--model models/x.tar.gz] [--sets dev,heldout,covered] [--show]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def load_sets(which: list[str]) -> dict[str, list[tuple[str, str | None]]]:
    out = {}
    for part in ("dev", "heldout"):
        if part in which:
            data = yaml.safe_load((ROOT / "tests" / "data" / "eval" / f"uncovered_{part}.yml").read_text())
            out[f"uncovered_{part}"] = [(str(i["text"]), None) for i in data["items"]]
    if "covered" in which:
        rows = []
        for block in yaml.safe_load((ROOT / "tests" / "nlu" / "faq_test_set.yml").read_text())["nlu"]:
            key = block["intent"].split("/", 1)[1]
            rows += [(line.strip()[2:], key) for line in block["examples"].splitlines() if line.strip()]
        out["covered"] = rows
    return out


def outcome(parse: dict, kb) -> tuple[str, str | None]:
    from bot.knowledge.answers import decide, is_invitation
    from bot.lang.questions import is_practice_question

    text = parse.get("text") or ""
    intent = (parse.get("intent") or {}).get("name")
    selector = (parse.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key, conf, ranking = (
        response.get("intent_response_key"),
        float(response.get("confidence") or 0),
        list(selector.get("ranking") or []),
    )
    if intent not in ("faq", "ask_question", "nlu_fallback"):
        return f"other:{intent}", None
    if is_invitation(text, kb):
        return ("invitation" if intent != "nlu_fallback" else "clarify"), None
    d = decide(text, kb, key, conf, ranking)
    if intent == "nlu_fallback" and d.kind == "not_covered" and not is_practice_question(text):
        return "clarify", None
    if d.kind in ("item", "topic"):
        item_id = d.key if d.kind == "item" else next(t.answer[0] for t in _topics(kb) if t.key == d.key)
        item = kb.items[item_id]
        return ("national" if kb.documents[item.source.doc].national else "article"), (
            d.key if d.kind == "topic" else item_id
        )
    return d.kind, None


_TOPICS = None


def _topics(kb):
    global _TOPICS
    if _TOPICS is None:
        from bot.knowledge import faq

        _TOPICS = faq.topics(kb)
    return _TOPICS


def answers_topic(key_or_item: str | None, expected: str, kb) -> bool:
    topic = next((t for t in _topics(kb) if t.key == expected), None)
    return bool(key_or_item) and (key_or_item == expected or (topic is not None and key_or_item in topic.answer))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--sets", default="dev,heldout,covered")
    ap.add_argument("--show", action="store_true", help="print each message's outcome")
    ap.add_argument("--out", default=str(ROOT / "results" / "answers.json"))
    args = ap.parse_args(argv)
    from rasa.core.agent import Agent

    from bot.knowledge.loader import get_kb

    model = args.model or max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    agent = Agent.load(str(model))
    kb = get_kb()
    figures: dict = {"model": Path(model).name}
    for name, rows in load_sets(args.sets.split(",")).items():
        counts: Counter = Counter()
        right = 0
        for text, expected in rows:
            parse = asyncio.run(agent.parse_message(text))
            kind, key = outcome(parse, kb)
            counts[kind.split(":")[0] if kind.startswith("other") else kind] += 1
            ok = None
            if expected:
                ok = kind in ("article", "national") and answers_topic(key, expected, kb)
                right += ok
            if args.show:
                mark = "" if ok is None else (" OK" if ok else f" MISS (want {expected})")
                print(f"[{name}] {kind:12} {key or '':34} {text[:90]}{mark}")
        figures[name] = {"n": len(rows), **dict(counts)}
        if name.startswith("uncovered"):
            figures[name]["answered_with_a_local_article"] = counts["article"]
        else:
            figures[name]["got_their_article"] = right
            figures[name]["rate"] = round(right / len(rows), 3) if rows else None
        print(name, json.dumps(figures[name]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
