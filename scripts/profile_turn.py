"""Where one turn's time goes, in-process (issue 23): each graph node of the NLU pipeline and
of the policies, timed with time.perf_counter over the same messages, for this assistant's
model and (with --stock) a stock `rasa init` model, one after the other, each in a fresh process.

    python scripts/profile_turn.py [--model models/model-x.tar.gz ...] [--stock /tmp/stock.tar.gz]
                                   [--messages 200] [--out results/perf_profile.md] [--cprofile 25]

The messages are a fixed sample (seed 23) of the training examples in data/ (never an
evaluation set), the same for both models. NLU: `processor.parse_message` per message, each
node's time summed per call. Core: one next-action prediction per message on a fresh tracker
that holds the parsed message (session start, action_listen, the user's turn), as the first
prediction of a REST turn makes it. Neither includes the REST channel, the tracker store or
the action server. With --cprofile N, the N functions with the most cumulative time inside
this project's components (rasa_ext/, bot/) over the NLU run are listed as well.

Writes the table as markdown to --out (and prints it). It measures; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import logging
import multiprocessing
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def sample_messages(n: int, seed: int = 23) -> list[str]:
    """n training examples from data/ (NLU files), a fixed sample."""
    from rasa.shared.nlu.training_data.loading import load_data

    texts: list[str] = []
    for path in sorted((ROOT / "data").rglob("*.yml")):
        try:
            td = load_data(str(path))
        except Exception:  # a stories or rules file
            continue
        texts.extend(m.get("text") for m in td.intent_examples if m.get("text"))
    texts = sorted(set(texts))
    return random.Random(seed).sample(texts, min(n, len(texts)))


class NodeTimer:
    """Wraps GraphNode.__call__ so that each call's time is added to its node's total."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = defaultdict(list)
        self.active = False

    def install(self) -> None:
        from rasa.engine.graph import GraphNode

        original = GraphNode.__call__
        timer = self

        def timed(node, *args, **kwargs):
            if not timer.active:
                return original(node, *args, **kwargs)
            t0 = time.perf_counter()
            try:
                return original(node, *args, **kwargs)
            finally:
                timer.totals[node._node_name].append(time.perf_counter() - t0)

        GraphNode.__call__ = timed


def per_call_ms(values: list[float], calls: int) -> float:
    return 1000.0 * sum(values) / max(calls, 1)


def profile_model(model: Path, messages: list[str], timer: NodeTimer, cprofile: int) -> dict:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.log_utils import configure_structlog

    # unconfigured, structlog prints every parse at debug level, which a server does not
    configure_structlog(logging.WARNING)
    t0 = time.perf_counter()
    agent = Agent.load(str(model))
    load_s = time.perf_counter() - t0
    processor = agent.processor
    loop = asyncio.new_event_loop()

    def parse(text: str) -> dict:
        return loop.run_until_complete(processor.parse_message(UserMessage(text, sender_id="profile")))

    for text in messages[:5]:  # warm-up: first calls build caches and TF functions
        parse(text)
    timer.totals.clear()
    timer.active = True
    nlu_turns = []
    parsed = []
    for text in messages:
        t = time.perf_counter()
        parsed.append(parse(text))
        nlu_turns.append(time.perf_counter() - t)
    nlu_nodes = dict(timer.totals)
    timer.totals.clear()

    def tracker_for(parse_data: dict):
        events = [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered(parse_data.get("text"), parse_data.get("intent"), parse_data.get("entities"), parse_data),
        ]
        return DialogueStateTracker.from_events("profile", events, slots=agent.domain.slots)

    timer.active = False
    for p in parsed[:5]:
        processor._predict_next_with_tracker(tracker_for(p))
    timer.totals.clear()
    timer.active = True
    core_turns = []
    for p in parsed:
        tracker = tracker_for(p)
        t = time.perf_counter()
        processor._predict_next_with_tracker(tracker)
        core_turns.append(time.perf_counter() - t)
    core_nodes = dict(timer.totals)
    timer.active = False
    timer.totals.clear()

    hot = ""
    if cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for text in messages:
            parse(text)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("cumulative").print_stats(r"(rasa_ext|/bot/)", cprofile)
        hot = buf.getvalue()
    loop.close()
    return {
        "model": model.name,
        "load_s": load_s,
        "nlu_turns": nlu_turns,
        "core_turns": core_turns,
        "nlu_nodes": nlu_nodes,
        "core_nodes": core_nodes,
        "hot": hot,
    }


def run_one(model: Path, messages: list[str], cprofile: int) -> dict:
    timer = NodeTimer()
    timer.install()
    r = profile_model(model, messages, timer, cprofile)
    r["rss_mb"] = rss_mb()
    return r


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def table(results: list[dict], n: int) -> str:
    lines = []
    for r in results:
        nlu_ms = [1000 * x for x in r["nlu_turns"]]
        core_ms = [1000 * x for x in r["core_turns"]]
        lines += [
            f"### {r['model']} (load {r['load_s']:.1f} s, process RSS after the runs {r['rss_mb']:.0f} MB)",
            "",
            f"NLU parse per message: mean {statistics.mean(nlu_ms):.2f} ms, p50 {statistics.median(nlu_ms):.2f}, "
            f"p95 {sorted(nlu_ms)[int(0.95 * (len(nlu_ms) - 1))]:.2f}; one next-action prediction: "
            f"mean {statistics.mean(core_ms):.2f} ms, p50 {statistics.median(core_ms):.2f}",
            "",
            "| graph node | ms per message (mean) | share of its part |",
            "| --- | --- | --- |",
        ]
        for part, nodes, turns in (("NLU", r["nlu_nodes"], nlu_ms), ("core", r["core_nodes"], core_ms)):
            total = sum(turns) / len(turns)
            for name, values in sorted(nodes.items(), key=lambda kv: -sum(kv[1])):
                ms = per_call_ms(values, n)
                if ms < 0.005:
                    continue
                lines.append(f"| {part}: {name} | {ms:.2f} | {100 * ms / total:.0f}% |")
        lines.append("")
        if r["hot"]:
            lines += ["Project functions by cumulative time over the NLU run (cProfile):", "", "```"]
            body = r["hot"].splitlines()
            start = next((i for i, ln in enumerate(body) if ln.strip().startswith("ncalls")), 0)
            lines += [ln.rstrip() for ln in body[start:] if ln.strip()]
            lines += ["```", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model", type=Path, action="append", help="default: the model for the current data (may be repeated)"
    )
    parser.add_argument("--stock", type=Path, help="a stock `rasa init` model to compare with")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--cprofile", type=int, default=0, help="list the N hottest project functions")
    parser.add_argument("--out", type=Path, help="write the markdown here (default: print only)")
    args = parser.parse_args()
    models = args.model or []
    if not models:
        import subprocess

        name = subprocess.run(
            ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        models = [ROOT / "models" / f"{name}.tar.gz"]
    messages = sample_messages(args.messages)
    results = []
    # each model in a fresh process, one after the other, so that its memory is its own
    for m in models + ([args.stock] if args.stock else []):
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            results.append(pool.submit(run_one, m, messages, args.cprofile).result())
    head = (
        f"Measured {dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')} on {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at the end, {len(messages)} messages "
        f"(`python scripts/profile_turn.py{' --stock …' if args.stock else ''} --messages {args.messages}`). "
        "Each model is loaded in a fresh process; RSS is that process's resident memory after its runs."
    )
    text = head + "\n\n" + table(results, len(messages))
    if args.stock:
        stock = results[-1]
        b, d = statistics.mean(stock["nlu_turns"]), statistics.mean(stock["core_turns"])
        for r in results[:-1]:
            a, c = statistics.mean(r["nlu_turns"]), statistics.mean(r["core_turns"])
            text += (
                f"\n{r['model']} against the stock model: NLU parse {a / b:.2f} times, one next-action "
                f"prediction {c / d:.2f} times, RSS {r['rss_mb'] / stock['rss_mb']:.2f} times.\n"
            )
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
