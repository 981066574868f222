"""The cost of reading (issue 19: reading an account adds at most 50 ms p50): read_account over
accounts dev11..dev14 (and, on a second line, the newest writers' dev21..dev25) and read_answer over
answers_dev12, in one process after the warm-up the action server does at its start
(actions/__init__.py: the rules compiled, each question's phrases and fallback classifier built),
so that no figure holds a one-off build that no practitioner waits for.
The figures are CPU time of this process (time.process_time), near what an idle machine's clock
shows even when the machine is shared; run it twice and take the lower figures.

  python scripts/bench_reading.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scripts.eval_listening as ev  # noqa: E402


def _ms(fn) -> float:
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


def main() -> int:
    from bot.lang import api
    from bot.lang.account import read_account
    from bot.lang.answers import read_answer, warm_up

    p = ev.plan()
    accounts = [str(i["text"]) for s in ("dev11", "dev12", "dev13", "dev14") for i in ev.load(f"accounts_{s}")]
    newest = [str(i["text"]) for s in ("dev21", "dev22", "dev23", "dev24", "dev25") for i in ev.load(f"accounts_{s}")]
    answers = [
        (p.by_id[i["question_id"]], str(i["text"])) for i in ev.load("answers_dev12") if i["question_id"] in p.by_id
    ]
    api.warm_up()  # as the action server starts
    warm_up(p.by_id.values())
    read_account(accounts[0], p, ev.TODAY)
    acc = sorted(_ms(lambda t=t: read_account(t, p, ev.TODAY)) for t in accounts)
    new = sorted(_ms(lambda t=t: read_account(t, p, ev.TODAY)) for t in newest)
    ans = sorted(_ms(lambda q=q, t=t: read_answer(q, t, ev.TODAY)) for q, t in answers)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"accounts dev11..dev14: n={len(acc)} p50={statistics.median(acc):.1f} ms max={acc[-1]:.1f} ms (CPU)")
    print(f"accounts dev21..dev25: n={len(new)} p50={statistics.median(new):.1f} ms max={new[-1]:.1f} ms (CPU)")
    print(f"answers_dev12 read_answer: n={len(ans)} p50={statistics.median(ans):.2f} ms max={ans[-1]:.1f} ms (CPU)")
    print(f"load average {load:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
