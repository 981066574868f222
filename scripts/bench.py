"""make bench: this assistant against a stock Rasa assistant (`rasa init`), in one run, on this
machine. Writes results/bench.json and results/bench.md.

Measured for each assistant, one after the other (never at the same time):
- training time: `rasa init --no-prompt` (the stock bot: scaffold, under a second, and its
  training) and `rasa train --force` on a copy of this assistant's config.yml, domain.yml and
  data/ in a temporary directory (its custom components are imported from the project);
- REST latency per turn, p50 and p95, over whole guided checks (the stock bot: conversations
  of its own with the same number of turns: greet, mood, bot challenge, goodbye, ...), one
  conversation at a time;
- latency at turn 300 of one long conversation (checks back to back; the stock bot: its own
  conversation going round), as the median of turns 291-300, against turns 1-10;
- the turn that reads a case account (this assistant only: a check started from a few
  sentences about a family, each in a new conversation, the account reader filling in what
  it can), as its median and maximum, against the stock bot's p50 turn;
- server memory: resident set size (VmRSS) after the runs and its peak (VmHWM), from /proc;
  for this assistant also its action server.

This assistant runs with one action server and an SQL tracker store on SQLite, three times:
with the production tracker store (rasa_ext/tracker_store.py: compaction, the tracker cache,
the action-response validation fix), with the same store and compaction off (the long
conversation only), and with Rasa's own SQL store as it comes (the long
conversation only), to show what each does at turn 300. The stock bot runs as `rasa init`
makes it (in-memory tracker store, no action server). Each server gets one warm-up
conversation that is not counted.

    python scripts/bench.py [--checks 5] [--long 300] [--train-seconds-ours S] [--keep-tmp]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test  # noqa: E402

ROOT = load_test.ROOT
BIN = Path(sys.executable).parent
# Invented accounts (no real family, written for the bench, none taken from an evaluation set):
# what a practitioner might type to start a check in their own words.
ACCOUNTS = [
    "I'm worried about a boy of 4 who keeps coming to nursery hungry and in the same dirty clothes all week",
    "Concerned about a 9 year old girl, often late to school, head lice for months and no coat in winter",
    "I want to check my worries about a baby of 6 months, missed health visitor appointments and a bad nappy rash",
    "I'm concerned about two children aged 7 and 10, the house smells of damp and there is hardly any food in",
    "Worried about a teenager of 14 who is left alone for days while mum works away, no money for the bus",
]
STOCK_MESSAGES = [
    "hello",
    "I am feeling great",
    "are you a bot?",
    "I am sad",
    "yes",
    "no",
    "good morning",
    "goodbye",
    "hi there",
    "very good",
    "am I talking to a human?",
    "not very good",
    "bye",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def timed(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> float:
    t0 = time.monotonic()
    with log.open("w") as f:
        subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT, check=True)
    return time.monotonic() - t0


class Server:
    def __init__(self, cmd: list[str], cwd: Path, env: dict[str, str], log: Path, ready_url: str):
        self.log = log
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        self.ready_url = ready_url

    def wait(self, timeout: float = 420) -> float:
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(1)
        raise RuntimeError(f"no answer from {self.ready_url}")

    def memory_mb(self) -> dict[str, float]:
        out = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
        return {"rss_mb": out.get("VmRSS"), "peak_rss_mb": out.get("VmHWM")}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def pct(values: list[float], q: float) -> float:
    return round(load_test.percentile(values, q) * 1000, 1)


def median_ms(values: list[float]) -> float | None:
    return round(statistics.median(values) * 1000, 1) if values else None


# -- workloads ---------------------------------------------------------------------------------
async def stock_conversation(url: str, sender: str, turns: int) -> list[float]:
    out = []
    async with aiohttp.ClientSession() as session:
        for i in range(turns):
            t0 = time.monotonic()
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": STOCK_MESSAGES[i % len(STOCK_MESSAGES)]},
            ) as r:
                await r.read()
                if r.status != 200:
                    raise RuntimeError(f"stock bot answered {r.status}")
            out.append(time.monotonic() - t0)
    return out


async def our_checks(url: str, plan, n: int, seed: int) -> tuple[list[float], list[int], list[float]]:
    """n whole checks, one after another, each by a new practitioner."""
    lat, turns, durations = [], [], []
    async with aiohttp.ClientSession() as session:
        for i in range(n):
            p = load_test.Practitioner(i, f"bench{seed}", url, "", random.Random(seed + i), think=(0, 0))
            t0 = time.monotonic()
            await p.run_check(session, plan, time.monotonic() + 600)
            durations.append(time.monotonic() - t0)
            if not p.completed or any(t.kind != "ok" for t in p.turns):
                raise RuntimeError(f"bench check {i} did not complete cleanly: {p.error}")
            lat += [t.latency for t in p.turns]
            turns.append(len(p.turns))
    return lat, turns, durations


async def our_account_turns(url: str, seed: int) -> tuple[list[float], int]:
    """The turn that reads a case account: for each account a new conversation says hello (not
    timed) and then the account, which starts a check from it. (latencies, how many replies
    started a check)."""
    lat, started = [], 0
    async with aiohttp.ClientSession() as session:
        for i, account in enumerate(ACCOUNTS):
            sender = f"bench-account-{seed}-{i}"
            for message in ("hello", account):
                t0 = time.monotonic()
                async with session.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}
                ) as r:
                    body = await r.json()
                    if r.status != 200:
                        raise RuntimeError(f"account turn answered {r.status}")
            lat.append(time.monotonic() - t0)
            text = "\n".join(m.get("text") or "" for m in body if isinstance(m, dict))
            started += "one question at a time" in text
    return lat, started


async def our_long_conversation(url: str, plan, turns: int, seed: int) -> list[float]:
    """One practitioner doing checks back to back in one conversation until `turns` turns."""
    lat: list[float] = []
    sender = f"bench-long-{seed}-{random.Random(seed).randrange(10**6)}"
    async with aiohttp.ClientSession() as session:
        k = 0
        while len(lat) < turns:
            p = load_test.Practitioner(
                k,
                f"long{seed}",
                url,
                "",
                random.Random(seed + k),
                think=(0, 0),
                sender=sender,
                reference=f"LONG{seed}-{k:03d}",
            )
            p.max_attempts = 1
            budget = turns - len(lat)

            class Enough(Exception):
                pass

            orig = p.post

            async def post(session_, message, question, expected=None, _p=p, _orig=orig):
                if len(_p.turns) >= budget:
                    raise Enough()
                return await _orig(session_, message, question, expected)

            p.post = post  # type: ignore[method-assign]
            try:
                await p.run_check(session, plan, time.monotonic() + 900)
            except Enough:
                pass
            bad = [t for t in p.turns if t.kind != "ok"]
            if bad:
                raise RuntimeError(f"long conversation: turn {len(lat) + len(p.turns)} answered {bad[0].status}")
            lat += [t.latency for t in p.turns]
            k += 1
    return lat[:turns]


def long_figures(lat: list[float]) -> dict[str, float | None]:
    return {
        "turns": len(lat),
        "first_10_median_ms": median_ms(lat[:10]),
        "turn_300_median_of_291_300_ms": median_ms(lat[290:300]),
        "turn_300_ms": round(lat[299] * 1000, 1) if len(lat) >= 300 else None,
        "growth_ratio": (
            round(statistics.median(lat[290:300]) / statistics.median(lat[:10]), 2) if len(lat) >= 300 else None
        ),
    }


# -- the two assistants ------------------------------------------------------------------------
def bench_stock(tmp: Path, n_conv: int, turns_per_conv: int, long_turns: int) -> dict:
    print("bench: stock assistant: rasa init --no-prompt (scaffold and train)", flush=True)
    stock = tmp / "stock"
    stock.mkdir()
    train_s = timed(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(stock)],
        tmp,
        base_env(PYTHONPATH=""),
        tmp / "stock-init.log",
    )
    model = sorted((stock / "models").glob("*.tar.gz"))[-1]
    port = free_port()
    srv = Server(
        [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1"],
        stock,
        base_env(PYTHONPATH=""),
        tmp / "stock-server.log",
        f"http://127.0.0.1:{port}/",
    )
    try:
        start_s = srv.wait()
        url = f"http://127.0.0.1:{port}"
        asyncio.run(stock_conversation(url, "stock-warm-up", turns_per_conv))  # not counted
        lat: list[float] = []
        for i in range(n_conv):
            lat += asyncio.run(stock_conversation(url, f"stock-{i}", turns_per_conv))
        long = asyncio.run(stock_conversation(url, "stock-long", long_turns))
        mem = srv.memory_mb()
    finally:
        srv.stop()
    return {
        "training_s": round(train_s, 1),
        "server_start_s": round(start_s, 1),
        "latency_ms": {
            "p50": pct(lat, 0.5),
            "p95": pct(lat, 0.95),
            "turns": len(lat),
            "conversations": n_conv,
            "turns_each": turns_per_conv,
        },
        "long_conversation": long_figures(long),
        "memory": {"rasa": mem},
        "tracker_store": "in-memory (rasa init default)",
    }


def train_ours(tmp: Path) -> float:
    print("bench: this assistant: rasa train --force on a copy (several minutes)", flush=True)
    ours = tmp / "ours-train"
    ours.mkdir()
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, ours / name)
    shutil.copytree(ROOT / "data", ours / "data")
    return timed(
        [str(BIN / "rasa"), "train", "--force", "--out", str(ours / "models"), "--fixed-model-name", "bench"],
        ours,
        base_env(),
        tmp / "ours-train.log",
    )


STORES = {
    # production: compaction, the tracker cache and the action-response validation fix
    "production": "  type: rasa_ext.tracker_store.CompactingSQLTrackerStore\n  url: sqlite:///{db}\n"
    "  max_session_events: 400\n",
    # the same store with compaction off: what compaction alone does at turn 300
    "no_compaction": "  type: rasa_ext.tracker_store.CompactingSQLTrackerStore\n  url: sqlite:///{db}\n"
    "  max_session_events: 0\n",
    # Rasa's own SQL store, as it comes
    "stock_sql_store": "  type: SQL\n  url: sqlite:///{db}\n",
}


def serve_ours(tmp: Path, model: Path, store_name: str, label: str):
    db = tmp / f"{label}.db"
    action_port, port = free_port(), free_port()
    endpoints = tmp / f"{label}-endpoints.yml"
    store = STORES[store_name].format(db=db)
    endpoints.write_text(f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\ntracker_store:\n{store}")
    env = base_env(
        DATABASE_URL=f"sqlite:///{db}",
        ACTION_PORT=str(action_port),
        SANIC_HOST="127.0.0.1",
        MPLCONFIGDIR=str(tmp / "mpl"),
        LA_PROFILE="default",
    )
    actions = Server(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
        ROOT,
        env,
        tmp / f"{label}-actions.log",
        f"http://127.0.0.1:{action_port}/health",
    )
    rasa = Server(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
            "--credentials",
            "credentials.yml",
            "--endpoints",
            str(endpoints),
        ],
        ROOT,
        env,
        tmp / f"{label}-rasa.log",
        f"http://127.0.0.1:{port}/",
    )
    try:
        actions.wait()
        start_s = rasa.wait()
    except Exception:
        rasa.stop()
        actions.stop()
        raise
    return rasa, actions, f"http://127.0.0.1:{port}", start_s


def bench_ours(tmp: Path, model: Path, n_checks: int, long_turns: int, seed: int) -> tuple[dict, int]:
    from bot.walks.check import default_plan

    plan = default_plan()
    print("bench: this assistant, production tracker store: whole checks, then a long conversation", flush=True)
    rasa, actions, url, start_s = serve_ours(tmp, model, "production", "ours-production")
    try:
        asyncio.run(our_checks(url, plan, 1, seed + 100))  # warm-up, not counted
        lat, turns, durations = asyncio.run(our_checks(url, plan, n_checks, seed))
        account_lat, account_started = asyncio.run(our_account_turns(url, seed))
        long = asyncio.run(our_long_conversation(url, plan, long_turns, seed))
        mem = {"rasa": rasa.memory_mb(), "action_server": actions.memory_mb()}
    finally:
        rasa.stop()
        actions.stop()
    longs = {"production": long_figures(long)}
    for store in ("no_compaction", "stock_sql_store"):
        print(f"bench: this assistant, {store.replace('_', ' ')}: the long conversation", flush=True)
        rasa, actions, url, _ = serve_ours(tmp, model, store, f"ours-{store}")
        try:
            asyncio.run(our_checks(url, plan, 1, seed + 100))  # warm-up
            longs[store] = long_figures(asyncio.run(our_long_conversation(url, plan, long_turns, seed + 1)))
            longs[store]["rasa_memory"] = rasa.memory_mb()
        finally:
            rasa.stop()
            actions.stop()
    result = {
        "server_start_s": round(start_s, 1),
        "latency_ms": {
            "p50": pct(lat, 0.5),
            "p95": pct(lat, 0.95),
            "turns": len(lat),
            "checks": n_checks,
            "turns_per_check": turns,
            "check_seconds_median": round(statistics.median(durations), 2),
        },
        "account_turn_ms": {
            "median": median_ms(account_lat),
            "max": round(max(account_lat) * 1000, 1),
            "accounts": len(account_lat),
            "started_a_check": account_started,
        },
        "long_conversation": longs["production"],
        "long_conversation_no_compaction": longs["no_compaction"],
        "long_conversation_stock_sql_store": longs["stock_sql_store"],
        "memory": mem,
        "tracker_store": "CompactingSQLTrackerStore on SQLite (max_session_events 400, tracker cache, "
        "action-response validation fix), as in production; for the long conversation "
        "also with compaction off, and Rasa's own SQL store",
    }
    return result, round(statistics.median(turns))


def ratio(a, b):
    return round(a / b, 2) if a is not None and b not in (None, 0) else None


def markdown(r: dict) -> str:
    o, s = r["ours"], r["stock"]
    rows = [
        ("training time", f"{o['training_s']} s", f"{s['training_s']} s", r["ratios"]["training"]),
        (
            "REST latency p50 (whole check)",
            f"{o['latency_ms']['p50']} ms",
            f"{s['latency_ms']['p50']} ms",
            r["ratios"]["latency_p50"],
        ),
        (
            "REST latency p95 (whole check)",
            f"{o['latency_ms']['p95']} ms",
            f"{s['latency_ms']['p95']} ms",
            r["ratios"]["latency_p95"],
        ),
        (
            "the turn that reads a case account (median; against the stock p50 turn)",
            f"{o['account_turn_ms']['median']} ms (max {o['account_turn_ms']['max']} ms, "
            f"{o['account_turn_ms']['started_a_check']} of {o['account_turn_ms']['accounts']} started a check)",
            f"{s['latency_ms']['p50']} ms",
            r["ratios"]["account_turn"],
        ),
        (
            "latency at turn 300 (median of 291-300)",
            f"{o['long_conversation']['turn_300_median_of_291_300_ms']} ms",
            f"{s['long_conversation']['turn_300_median_of_291_300_ms']} ms",
            r["ratios"]["turn_300"],
        ),
        (
            "turns 1-10 (median)",
            f"{o['long_conversation']['first_10_median_ms']} ms",
            f"{s['long_conversation']['first_10_median_ms']} ms",
            "",
        ),
        ("turn 300 / turns 1-10", o["long_conversation"]["growth_ratio"], s["long_conversation"]["growth_ratio"], ""),
        (
            "... the same store, compaction off: turn 300",
            f"{o['long_conversation_no_compaction']['turn_300_median_of_291_300_ms']} ms "
            f"(x{o['long_conversation_no_compaction']['growth_ratio']} of turns 1-10)",
            "",
            r["ratios"]["turn_300_compacting_vs_no_compaction"],
        ),
        (
            "... Rasa's own SQL store: turn 300",
            f"{o['long_conversation_stock_sql_store']['turn_300_median_of_291_300_ms']} ms "
            f"(x{o['long_conversation_stock_sql_store']['growth_ratio']} of turns 1-10)",
            "",
            r["ratios"]["turn_300_compacting_vs_stock_sql_store"],
        ),
        ("whole check, median", f"{o['latency_ms']['check_seconds_median']} s", "", ""),
        (
            "server memory (RSS after the runs)",
            f"{o['memory']['rasa']['rss_mb']} MB",
            f"{s['memory']['rasa']['rss_mb']} MB",
            r["ratios"]["rss"],
        ),
        (
            "server memory peak",
            f"{o['memory']['rasa']['peak_rss_mb']} MB",
            f"{s['memory']['rasa']['peak_rss_mb']} MB",
            r["ratios"]["peak_rss"],
        ),
        ("action server memory (RSS)", f"{o['memory']['action_server']['rss_mb']} MB", "none", ""),
        (
            "server start (model load)",
            f"{o['server_start_s']} s",
            f"{s['server_start_s']} s",
            r["ratios"]["server_start"],
        ),
    ]
    out = [
        f"### Benchmark ({r['when']}, {r['machine']})",
        "",
        "| measure | this assistant | stock `rasa init` bot | ratio |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    out.append("")
    out.append(
        f"Whole checks: {o['latency_ms']['checks']} checks of {o['latency_ms']['turns_per_check']} turns, one "
        f"at a time; the stock bot: {s['latency_ms']['conversations']} conversations of "
        f"{s['latency_ms']['turns_each']} turns. Load average at the start: {r['loadavg_start']}."
    )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checks", type=int, default=5)
    ap.add_argument("--long", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--train-seconds-ours",
        type=float,
        default=None,
        help="reuse a training time measured in this session instead of training again",
    )
    ap.add_argument("--model", default=None, help="this assistant's model (default: the one make train made)")
    ap.add_argument("--keep-tmp", action="store_true")
    ap.add_argument("--out", default="results/bench")
    args = ap.parse_args(argv)

    name = subprocess.run(
        ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    model = Path(args.model) if args.model else ROOT / "models" / f"{name}.tar.gz"
    if not model.exists():
        raise SystemExit(f"bench: {model} is missing: make train")
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    report: dict = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores",
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "model": model.name,
    }
    try:
        if args.train_seconds_ours is None:
            train_s = train_ours(tmp)
        else:
            train_s = args.train_seconds_ours
        ours, turns_per_check = bench_ours(tmp, model, args.checks, args.long, args.seed)
        ours["training_s"] = round(train_s, 1)
        ours["training_note"] = (
            "rasa train --force on a copy, this run"
            if args.train_seconds_ours is None
            else "given with --train-seconds-ours"
        )
        stock = bench_stock(tmp, args.checks, turns_per_check, args.long)
        report.update(ours=ours, stock=stock)
        report["ratios"] = {
            "training": ratio(ours["training_s"], stock["training_s"]),
            "latency_p50": ratio(ours["latency_ms"]["p50"], stock["latency_ms"]["p50"]),
            "latency_p95": ratio(ours["latency_ms"]["p95"], stock["latency_ms"]["p95"]),
            "turn_300": ratio(
                ours["long_conversation"]["turn_300_median_of_291_300_ms"],
                stock["long_conversation"]["turn_300_median_of_291_300_ms"],
            ),
            "account_turn": ratio(ours["account_turn_ms"]["median"], stock["latency_ms"]["p50"]),
            "server_start": ratio(ours["server_start_s"], stock["server_start_s"]),
            "rss": ratio(ours["memory"]["rasa"]["rss_mb"], stock["memory"]["rasa"]["rss_mb"]),
            "peak_rss": ratio(ours["memory"]["rasa"]["peak_rss_mb"], stock["memory"]["rasa"]["peak_rss_mb"]),
            "turn_300_compacting_vs_no_compaction": ratio(
                ours["long_conversation"]["turn_300_median_of_291_300_ms"],
                ours["long_conversation_no_compaction"]["turn_300_median_of_291_300_ms"],
            ),
            "turn_300_compacting_vs_stock_sql_store": ratio(
                ours["long_conversation"]["turn_300_median_of_291_300_ms"],
                ours["long_conversation_stock_sql_store"]["turn_300_median_of_291_300_ms"],
            ),
        }
        report["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if args.keep_tmp:
            print(f"bench: temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    load_test.write_report(args.out, report, markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
