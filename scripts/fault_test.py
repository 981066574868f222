"""make fault-test: faults while practitioners are in the middle of whole guided checks.

On the production profile (scripts/prod_local.sh; started if it is not running), simulated
practitioners (scripts/load_test.py) do whole checks through nginx, one after another, for
as long as the faults last, while, one after another:

1. a Rasa instance is killed (SIGKILL) in the middle of the run, and started again;
2. an action server is crashed (SIGKILL) and started again;
3. PostgreSQL is restarted (`pg_ctl restart -m fast`, which ends every connection).

Each fault waits until turns are in flight (requests sent and not yet answered) and prints
how many were; the practitioners keep starting new checks until WINDOW seconds after the last
fault, so every fault has traffic before and after it. The run fails when a fault met no turn
in flight or no turn in the WINDOW seconds after it.

Passes when every check is completed (conversations go on, on the other instance where
needed), every answer the assistant accepted is in PostgreSQL with the value given, nothing
is filed against a question it was not given for, the order of answers and of each
conversation's events is intact, and every turn that failed got the "please try again"
answer (503, `custom.retry`) rather than an error or silence. Writes results/faults.json and
results/faults.md.

    python scripts/fault_test.py [--users 20] [--faults kill-rasa crash-actions restart-postgres]
                                 [--no-restart] [--stop] [--keep] [--out results/faults]

`make test` ends with a short smoke run of the same (scripts/stack_smoke.sh): a handful of
practitioners, one Rasa instance killed, then the stack stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test  # noqa: E402  (scripts/load_test.py: the simulated practitioners and the checks)

ROOT = load_test.ROOT

# name: (what happens, the prod_local.sh commands)
FAULTS = {
    "kill-rasa": ("kill Rasa instance 1 (SIGKILL)", [("kill-rasa", "1")]),
    "crash-actions": (
        "crash and restart action server 1 (SIGKILL, start)",
        [("kill-actions", "1"), ("start-actions", "1")],
    ),
    "restart-postgres": ("restart PostgreSQL (pg_ctl restart -m fast)", [("restart-postgres",)]),
}


async def sh(*args: str) -> int:
    proc = await asyncio.create_subprocess_exec("bash", "scripts/prod_local.sh", *args, cwd=str(ROOT))
    return await proc.wait()


async def faults(
    names: list[str],
    log: list[dict],
    t0: float,
    gap: float,
    window: float,
    min_in_flight: int,
    people: list[load_test.Practitioner],
    stop: asyncio.Event,
    restart_rasa: bool,
) -> None:
    """The faults, `gap` seconds apart, each when at least `min_in_flight` turns are in flight (or,
    after waiting `gap` seconds more, with however many there are); then `window` seconds of
    traffic, and `stop` is set."""
    restarts = []
    for _k, name in enumerate(names):
        label, commands = FAULTS[name]
        await asyncio.sleep(gap)
        waited_until = time.monotonic() + gap
        while load_test.in_flight(people) < min_in_flight and time.monotonic() < waited_until:
            await asyncio.sleep(0.05)
        at, flying = time.monotonic() - t0, load_test.in_flight(people)
        mid_check = sum(1 for p in people if p.turns and not p.completed and not p.error)
        rcs = [await sh(*c) for c in commands]
        log.append(
            {
                "fault": label,
                "name": name,
                "at_s": round(at, 1),
                "in_flight_at_fault": flying,
                "mid_check_at_fault": mid_check,
                "commands": [" ".join(c) for c in commands],
                "exit_codes": rcs,
            }
        )
        print(
            f"fault-test: {at:6.1f} s  {label}: {flying} turns in flight, {mid_check} practitioners mid-check",
            flush=True,
        )
        if name == "kill-rasa" and restart_rasa:
            # it loads its model for a minute, then takes its conversations back (consistent hashing)
            restarts.append(asyncio.ensure_future(sh("start-rasa", "1", "--no-wait")))
    await asyncio.sleep(window)
    stop.set()
    print(f"fault-test: {time.monotonic() - t0:6.1f} s  no new checks from now; the ones under way finish", flush=True)
    for r in restarts:
        await r
        log.append({"fault": "Rasa instance 1 started again", "at_s": round(time.monotonic() - t0, 1)})


def per_fault(people: list[load_test.Practitioner], log: list[dict], t_start: float, window: float) -> list[dict]:
    """Per fault: the turns in flight when it happened, the turns started in the `window` seconds
    after it, and how those went."""
    turns = [t for p in people for t in p.turns]
    out = []
    for f in log:
        if "exit_codes" not in f:
            continue
        at = t_start + f["at_s"]
        after = [t for t in turns if at <= t.started <= at + window]
        around = [t for t in turns if at - 2 <= t.started <= at + window]
        out.append(
            {
                "fault": f["fault"],
                "in_flight_at_fault": f["in_flight_at_fault"],
                "turns_after": len(after),
                "turns_in_window": len(around),
                "please_try_again": sum(1 for t in around if t.kind == "retry"),
                "resyncs": sum(1 for t in around if t.kind == "resync"),
                "errors": sum(1 for t in around if t.kind == "error"),
                "slowest_turn_s": round(max((t.latency for t in around), default=0), 1),
            }
        )
    return out


def faults_without_traffic(report: dict) -> list[str]:
    return [
        f"{pf['fault']}: {pf['in_flight_at_fault']} turns in flight, {pf['turns_after']} turns after it"
        for pf in report["per_fault"]
        if pf["in_flight_at_fault"] == 0 or pf["turns_after"] == 0
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20, help="practitioners at once")
    ap.add_argument("--faults", nargs="+", choices=list(FAULTS), default=list(FAULTS))
    ap.add_argument("--deadline", type=float, default=900, help="bound on the whole run, seconds")
    ap.add_argument("--think", type=float, nargs=2, default=(0.3, 1.2))
    ap.add_argument("--gap", type=float, default=15.0, help="seconds between faults (and before the first)")
    ap.add_argument("--window", type=float, default=20.0, help="seconds of traffic after the last fault")
    ap.add_argument("--min-in-flight", type=int, default=2, help="turns in flight a fault waits for")
    ap.add_argument("--seed", type=int, default=34)
    ap.add_argument("--no-restart", action="store_true", help="leave the killed Rasa instance down")
    ap.add_argument("--keep", action="store_true", help="leave the stack running if this run started it")
    ap.add_argument("--stop", action="store_true", help="stop the stack afterwards even if it was running before")
    ap.add_argument("--out", default="results/faults")
    ap.add_argument("--title", default="Fault test")
    args = ap.parse_args(argv)

    from bot.walks.check import default_plan

    plan = default_plan()
    stack = load_test.Stack.connect()
    log: list[dict] = []
    restart = not args.no_restart
    try:
        subprocess.run(["bash", "scripts/prod_local.sh", "wait-ready"], cwd=ROOT, check=True)
        people: list[load_test.Practitioner] = []
        print(
            f"fault-test: {args.users} practitioners at once doing whole checks through {stack.url}; faults: "
            f"{', '.join(args.faults)}",
            flush=True,
        )
        t0 = time.monotonic()
        t_start = time.time()

        async def run() -> None:
            stop = asyncio.Event()
            work = asyncio.ensure_future(
                load_test.keep_busy(
                    args.users,
                    stack,
                    plan,
                    args.seed,
                    tuple(args.think),
                    stop,
                    people,
                    time.monotonic() + args.deadline,
                )
            )
            await faults(args.faults, log, t0, args.gap, args.window, args.min_in_flight, people, stop, restart)
            await work

        asyncio.run(run())
        wall = time.monotonic() - t0
        if restart:  # the stack is whole again before the records are read
            subprocess.run(["bash", "scripts/prod_local.sh", "wait-ready"], cwd=ROOT, check=True)
        checks = load_test.verify(stack.database_url, people)
        report = load_test.summarise(people, wall, checks, args)
        report["concurrent"] = args.users
        report["faults"] = log
        report["per_fault"] = per_fault(people, log, t_start, args.window)
        report["turns_failed_not_asked_to_retry"] = sum(1 for p in people for t in p.turns if t.kind == "error")
        report["faults_without_traffic"] = faults_without_traffic(report)
    finally:
        if (stack.started_here and not args.keep) or args.stop:
            stack.stop()
        elif not restart and "kill-rasa" in args.faults:
            # the stack was running before this run: leave it as it was found
            subprocess.run(["bash", "scripts/prod_local.sh", "start-rasa", "1"], cwd=ROOT, check=False)
    md = load_test.markdown(report, args.title)
    md += (
        f"\n{args.users} practitioners at once, each doing one whole check after another until "
        f"{args.window:.0f} s after the last fault ({len(people)} checks in all).\n"
    )
    md += (
        "\n| fault (at s) | turns in flight at the fault | turns in the next "
        f"{args.window:.0f} s | please try again | here is where we are | errors | slowest turn |\n"
    )
    md += "| --- | --- | --- | --- | --- | --- | --- |\n"
    for f, pf in zip([f for f in log if "exit_codes" in f], report["per_fault"], strict=False):
        md += (
            f"| {pf['fault']} ({f['at_s']}) | {pf['in_flight_at_fault']} | {pf['turns_after']} | "
            f"{pf['please_try_again']} | {pf['resyncs']} | {pf['errors']} | {pf['slowest_turn_s']} s |\n"
        )
    if report["faults_without_traffic"]:
        md += "\nFaults without traffic around them (the run fails): " + "; ".join(report["faults_without_traffic"])
    load_test.write_report(args.out, report, md)
    bad = (
        load_test.failed(report)
        or bool(report["faults_without_traffic"])
        or any(rc for f in log for rc in f.get("exit_codes", []))
    )
    print(f"fault-test: {'FAILED' if bad else 'passed'} ({dt.datetime.now():%H:%M:%S})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
