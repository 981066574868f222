"""Measures a complete guided check over REST against a running assistant: the number of
turns and the server time per turn (p50, p95, total). Usage:
    python scripts/measure_check.py [http://127.0.0.1:5005]
The answers are the button path of tests/conversation/test_check.py."""

from __future__ import annotations

import statistics
import sys
import time
import uuid

import requests

ANSWERS = [
    "/start_check",
    "No",
    "MEAS-1",
    "1 to 4",
    "No",
    "No",
    "No",
    "No",
    "No",
    "Yes",
    "Persistent, most of the time",
    "Serious impact or harm",
    "No",
    "None of these",
    "Managing",
    "Warm relationship with the child",
    "Seem to engage, but nothing changes for the child",
    "Yes",
    "No",
    "nothing yet",
    "More than a year",
    "No",
    "Yes",
    "4",
]


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    sender = f"measure-{uuid.uuid4().hex[:8]}"
    times, last = [], []
    for text in ANSWERS:
        t0 = time.perf_counter()
        r = requests.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        times.append(time.perf_counter() - t0)
        r.raise_for_status()
        last = r.json()
    done = any("Neglect check for case MEAS-1" in (m.get("text") or "") for m in last)
    times_ms = sorted(t * 1000 for t in times)
    p95 = times_ms[min(len(times_ms) - 1, int(round(0.95 * len(times_ms))) - 1)]
    print(f"turns: {len(ANSWERS)}  completed: {done}")
    print(
        f"server time per turn: p50 {statistics.median(times_ms):.0f} ms, p95 {p95:.0f} ms, "
        f"total {sum(times_ms) / 1000:.1f} s"
    )
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
