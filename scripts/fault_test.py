"""make fault-test: faults while practitioners are in the middle of whole guided checks.

On the production profile (scripts/prod_local.sh; started if it is not running), a group of
simulated practitioners (scripts/load_test.py) do whole checks through nginx while, one
after another:

1. a Rasa instance is killed (SIGKILL) in the middle of the run, and started again;
2. an action server is crashed (SIGKILL) and started again;
3. PostgreSQL is restarted (`pg_ctl restart -m fast`, which ends every connection).

Passes when every check is completed (conversations go on, on the other instance where
needed), every answer the assistant accepted is in PostgreSQL with the value given, nothing
is filed against a question it was not given for, the order of answers and of each
conversation's events is intact, and every turn that failed got the "please try again"
answer (503, `custom.retry`) rather than an error or silence. Writes results/faults.json and
results/faults.md.

    python scripts/fault_test.py [--users 20] [--deadline 600] [--keep]
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


async def sh(*args: str) -> int:
    proc = await asyncio.create_subprocess_exec("bash", "scripts/prod_local.sh", *args, cwd=str(ROOT))
    return await proc.wait()


async def faults(log: list[dict], t0: float, gap: float, people: list[load_test.Practitioner]) -> None:
    async def step(name: str, *commands: tuple[str, ...], wait_after: float = 0.0) -> None:
        # wait until enough practitioners are mid-check, so the fault meets turns in flight
        while sum(1 for p in people if p.turns and not p.completed and not p.error) < max(2, len(people) // 3):
            if all(p.completed or p.error for p in people):
                break
            await asyncio.sleep(0.5)
        at = time.monotonic() - t0
        rcs = [await sh(*c) for c in commands]
        log.append({"fault": name, "at_s": round(at, 1), "commands": [" ".join(c) for c in commands],
                    "exit_codes": rcs})
        print(f"fault-test: {at:6.1f} s  {name}", flush=True)
        if wait_after:
            await asyncio.sleep(wait_after)

    await asyncio.sleep(gap)
    await step("kill Rasa instance 1 (SIGKILL)", ("kill-rasa", "1"))
    # start it again in the background: it loads its model for a minute, then takes its
    # conversations back (consistent hashing)
    restart = asyncio.ensure_future(sh("start-rasa", "1", "--no-wait"))
    await asyncio.sleep(gap)
    await step("crash and restart action server 1 (SIGKILL, start)", ("kill-actions", "1"), ("start-actions", "1"))
    await asyncio.sleep(gap)
    await step("restart PostgreSQL (pg_ctl restart -m fast)", ("restart-postgres",))
    await restart
    log.append({"fault": "Rasa instance 1 started again", "at_s": round(time.monotonic() - t0, 1)})


def per_fault(people: list[load_test.Practitioner], log: list[dict], t_start: float, window: float = 30.0):
    """Failed turns and the slowest turn in the window after each fault."""
    turns = [t for p in people for t in p.turns]
    out = []
    for f in log:
        if "exit_codes" not in f:
            continue
        begin = t_start + f["at_s"] - 2
        inside = [t for t in turns if begin <= t.started <= begin + window]
        out.append({"fault": f["fault"], "turns_in_window": len(inside),
                    "please_try_again": sum(1 for t in inside if t.kind == "retry"),
                    "resyncs": sum(1 for t in inside if t.kind == "resync"),
                    "errors": sum(1 for t in inside if t.kind == "error"),
                    "slowest_turn_s": round(max((t.latency for t in inside), default=0), 1)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=600)
    ap.add_argument("--think", type=float, nargs=2, default=(0.3, 1.2))
    ap.add_argument("--gap", type=float, default=15.0, help="seconds between faults")
    ap.add_argument("--seed", type=int, default=34)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--out", default="results/faults")
    args = ap.parse_args(argv)

    from bot.check import default_plan

    plan = default_plan()
    stack = load_test.Stack.connect()
    log: list[dict] = []
    try:
        subprocess.run(["bash", "scripts/prod_local.sh", "wait-ready"], cwd=ROOT, check=True)
        people = load_test.make_people(args.users, stack, args.seed, tuple(args.think))
        print(f"fault-test: {args.users} practitioners doing whole checks through {stack.url}", flush=True)
        t0 = time.monotonic()
        t_start = time.time()

        async def run() -> None:
            work = asyncio.ensure_future(load_test.run_people(people, plan, time.monotonic() + args.deadline, 3.0))
            await faults(log, t0, args.gap, people)
            await work

        asyncio.run(run())
        wall = time.monotonic() - t0
        # the stack is whole again before the records are read
        subprocess.run(["bash", "scripts/prod_local.sh", "wait-ready"], cwd=ROOT, check=True)
        checks = load_test.verify(stack.database_url, people)
        report = load_test.summarise(people, wall, checks, args)
        report["faults"] = log
        report["per_fault"] = per_fault(people, log, t_start)
        report["turns_failed_not_asked_to_retry"] = sum(1 for p in people for t in p.turns if t.kind == "error")
    finally:
        if stack.started_here and not args.keep:
            stack.stop()
    md = load_test.markdown(report, "Fault test")
    md += "\n| fault (at s) | turns in the next 30 s | please try again | here is where we are | errors | slowest turn |\n"
    md += "| --- | --- | --- | --- | --- | --- |\n"
    for f, pf in zip([f for f in log if "exit_codes" in f], report["per_fault"]):
        md += (f"| {pf['fault']} ({f['at_s']}) | {pf['turns_in_window']} | {pf['please_try_again']} | "
               f"{pf['resyncs']} | {pf['errors']} | {pf['slowest_turn_s']} s |\n")
    load_test.write_report(args.out, report, md)
    bad = load_test.failed(report) or any(rc for f in log for rc in f.get("exit_codes", []))
    print(f"fault-test: {'FAILED' if bad else 'passed'} ({dt.datetime.now():%H:%M:%S})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
