#!/usr/bin/env python3
"""Issue 19 (S13-LK12): the typed answers' fallback classifier (bot/lang/answer_fallback.py),
judged leave-one-set-out.

For each answers dev set S (scripts/eval_listening.py ANSWER_SPLITS but the held-out; a set
written blind is in no list here) S is scored as eval_answers scores it (accuracy per question
kind, offered back, wrong readings stored, harm stored as "no clear impact") with the fallback's
examples
  (a) as they are in knowledge/language/answer_examples.yml (for S among the splits listed there
      this is in-sample, marked *), and
  (b) fitted on every other dev set (examples_from(all dev sets but S)): S is never seen.
The rules do not depend on the examples: an answer that never reaches the fallback is read once
and its reading reused. Counts only; the classifier is seeded.

    python scripts/answers_loso.py                    # (a) against (b), set by set
    python scripts/answers_loso.py --only b --ask 0.3 0.5  # (b) alone, at each CLASSIFIER_ASK
    python scripts/answers_loso.py --kinds q_duration q_strengths  # per-kind accuracy columns too
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "scripts"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import eval_listening as ev  # noqa: E402

SETS = [s for s in ev.ANSWER_SPLITS if s.startswith("dev")]  # never the held-out (nor a blind set)


class Cached:
    """eval_listening.understand, remembering the readings that never reached the fallback."""

    def __init__(self) -> None:
        import bot.lang.answers as answers

        self.answers = answers
        self.fallback = answers._nothing
        self.done: dict[tuple[str, str], tuple[str, str]] = {}
        self.original = ev.understand

    def __call__(self, p, question, text: str) -> tuple[str, str]:
        key = (question.id, text)
        if key in self.done:
            return self.done[key]
        reached = []

        def spy(q, t):
            reached.append(1)
            return self.fallback(q, t)

        self.answers._nothing = spy
        try:
            got = self.original(p, question, text)
        finally:
            self.answers._nothing = self.fallback
        if not reached:
            self.done[key] = got
        return got


def use_examples(data: dict[str, dict[str, list[str]]]) -> None:
    """The fallback's examples from now on (and its classifiers fitted afresh)."""
    import bot.lang.answer_fallback as fb

    fb.examples = lambda base: {str(v): list(t) for v, t in (data.get(base) or {}).items()}
    fb._classifier.cache_clear()


def file_examples() -> tuple[list[str], dict]:
    import yaml

    data = yaml.safe_load(ev.EXAMPLES.read_text(encoding="utf-8")) or {}
    return [str(s) for s in data.get("splits") or []], data.get("examples") or {}


def score(split: str, kinds_shown: list[str]) -> dict:
    kinds, harm_none, harm_n = ev.eval_answers(split)
    n = sum(k.n for k in kinds.values())
    return {
        "right": sum(k.right for k in kinds.values()),
        "n": n,
        "good": sum(k.accuracy >= ev.MIN_ACCURACY for k in kinds.values()),
        "kinds": len(kinds),
        "asked": sum(k.asked for k in kinds.values()),
        "wrong": sum(k.wrong for k in kinds.values()),
        "harm": harm_none,
        "harm_n": harm_n,
        "per": {k: (kinds[k].right, kinds[k].n) for k in kinds_shown if k in kinds},
    }


def line(tag: str, s: dict, kinds_shown: list[str]) -> str:
    per = "".join(f"  {k[2:]}={s['per'][k][0]}/{s['per'][k][1]}" for k in kinds_shown if k in s["per"])
    return (
        f"{tag:10} kinds>=0.9 {s['good']:2}/{s['kinds']:2}  right {s['right']:3}/{s['n']:3}  "
        f"offered {s['asked']:3}  wrong {s['wrong']:2}  harm-as-none {s['harm']}/{s['harm_n']}{per}"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=("a", "b"))
    ap.add_argument("--ask", type=float, nargs="+", help="CLASSIFIER_ASK values for (b), each a row of its own")
    ap.add_argument("--sets", nargs="+", default=SETS)
    ap.add_argument("--kinds", nargs="*", default=["q_dc_signs", "q_duration", "q_strengths"])
    args = ap.parse_args()
    if any(s not in SETS for s in args.sets):
        raise SystemExit(f"dev sets only: {', '.join(SETS)}")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/listening.db")
    import bot.lang.answer_fallback as fb

    ask_now = fb.CLASSIFIER_ASK
    ev.understand = Cached()
    in_file, a_examples = file_examples()
    totals: dict[str, dict] = {}
    for split in args.sets:
        rows = []
        if args.only in (None, "a"):
            use_examples(a_examples)
            fb.CLASSIFIER_ASK = ask_now
            rows.append(("a" + ("*" if split in in_file else ""), score(split, args.kinds)))
        if args.only in (None, "b"):
            use_examples(ev.examples_from([s for s in SETS if s != split]))
            for ask in args.ask or [ask_now]:
                fb.CLASSIFIER_ASK = ask
                rows.append(("b" if not args.ask else f"b@{ask:g}", score(split, args.kinds)))
        print(f"== {split}")
        for tag, s in rows:
            print("  " + line(tag, s, args.kinds))
            t = totals.setdefault(tag.rstrip("*") + (" (out)" if not tag.endswith("*") else " (in)"), {})
            for k, v in s.items():
                if k == "per":
                    per = t.setdefault("per", {})
                    for kk, (r, n) in v.items():
                        per[kk] = (per.get(kk, (0, 0))[0] + r, per.get(kk, (0, 0))[1] + n)
                else:
                    t[k] = t.get(k, 0) + v
        sys.stdout.flush()
    print("== totals (out: the set was not among the examples; in: it was)")
    for tag, t in sorted(totals.items()):
        print("  " + line(tag, t, args.kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
