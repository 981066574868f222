"""scripts/fault_test.py's schedule and verdict, without the stack (the stack run itself is
`make fault-test`, and `make test`'s smoke run): every fault waits for turns in flight and
records how many there were; a fault with no turn in flight or none after it fails the run."""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import fault_test  # noqa: E402
import load_test  # noqa: E402


def person(i: int) -> load_test.Practitioner:
    return load_test.Practitioner(i, "abcd1234", "http://127.0.0.1:1", "t", random.Random(i))


def test_each_fault_waits_for_turns_in_flight_and_records_them(monkeypatch):
    ran: list[tuple] = []

    async def fake_sh(*args):
        ran.append(args)
        return 0

    monkeypatch.setattr(fault_test, "sh", fake_sh)
    people = [person(i) for i in range(4)]
    log: list[dict] = []

    async def go():
        stop = asyncio.Event()

        async def traffic():  # nothing in flight at first; two turns go out a moment later
            await asyncio.sleep(0.7)
            people[0].in_flight = people[1].in_flight = 1
            people[0].turns.append(load_test.Turn("s", "m", 200, 0.1, "ok", 0.0))

        t = asyncio.ensure_future(traffic())
        await fault_test.faults(
            ["kill-rasa", "restart-postgres"],
            log,
            0.0,
            gap=0.5,
            window=0.05,
            min_in_flight=2,
            people=people,
            stop=stop,
            restart_rasa=False,
        )
        await t
        return stop.is_set()

    stopped = asyncio.run(go())
    assert stopped
    assert [f["name"] for f in log] == ["kill-rasa", "restart-postgres"]
    # the first fault waited (up to `gap` seconds more) for the traffic, which came at 0.7 s
    assert [f["in_flight_at_fault"] for f in log] == [2, 2]
    assert ran == [("kill-rasa", "1"), ("restart-postgres",)]


def test_a_fault_without_traffic_fails_the_run():
    p = person(0)
    p.turns = [load_test.Turn(p.sender, "No", 200, 0.5, "ok", 1000.0 + t) for t in (1, 5, 9)]
    log = [
        {"fault": "kill", "at_s": 4.0, "in_flight_at_fault": 1, "exit_codes": [0]},
        {"fault": "restart db", "at_s": 40.0, "in_flight_at_fault": 1, "exit_codes": [0]},
        {"fault": "crash actions", "at_s": 2.0, "in_flight_at_fault": 0, "exit_codes": [0]},
    ]
    report = {"per_fault": fault_test.per_fault([p], log, t_start=1000.0, window=20.0)}
    assert [pf["turns_after"] for pf in report["per_fault"]] == [2, 0, 2]
    bad = fault_test.faults_without_traffic(report)
    assert len(bad) == 2 and bad[0].startswith("restart db") and bad[1].startswith("crash actions")
