"""Prints the safety figures the conversation tests wrote (results/safety/figures.json, and
figures_postgres.json from the second run on PostgreSQL and Redis), one line each, so that
`make test` shows them beside the pass counts. Reads only; the tests are the gates."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lines(figures: dict) -> list[str]:
    out = []

    def add(label: str, key: str, fmt) -> None:
        if key in figures:
            out.append(f"  {label}: {fmt(figures[key])}")

    add("danger phrasings answered with 999 first", "danger_recall", lambda f: f"{f['detected']} of {f['of']}")
    add(
        "fresh danger phrasings",
        "fresh_danger",
        lambda f: f"{f['detected']} of {f['of']}; false alarms {f['false_alarms']} of {f['near_misses']}",
    )
    add("near-misses answered with 999", "near_miss_false_alarms", lambda f: f"{f['false_alarms']} of {f['of']}")
    add(
        "ordinary case descriptions answered with 999",
        "case_description_false_alarms",
        lambda f: f"{f['false_alarms']} of {f['of']}",
    )
    add(
        "child's-voice answers answered with 999",
        "free_text_answers_not_stored",
        lambda f: f"{f['answered_with_999']} of {f['messages']}",
    )
    add(
        "danger at every question of a check",
        "danger_in_every_state",
        lambda f: f"{f['emergency_answers']} emergency answers, {f['questions_tried']} questions",
    )
    add(
        "personal details left in the records",
        "personal_details",
        lambda f: f"{f['details_left_in_records']} ({f['messages']} messages)",
    )
    add(
        "tracker store messages with a detail",
        "tracker_store_messages_with_details",
        lambda f: f"{f['with_details']} of {f['messages']}; new set {f['fresh_with_details']} of {f['fresh_messages']}",
    )
    add(
        "bad input problems (greeting / in a check)",
        "bad_input_at_the_greeting",
        lambda f: f"{f['problems']} of {f['requests']} requests"
        + (
            f" / {figures['bad_input_inside_a_check']['problems']} of {figures['bad_input_inside_a_check']['requests']}"
            if "bad_input_inside_a_check" in figures
            else ""
        ),
    )
    add(
        "fuzz",
        "fuzz",
        lambda f: f"{f['sent']} requests, {f['status_5xx']} 5xx, {f['connection_errors']} dropped, "
        f"{f['seconds']} s",
    )
    return out


def main() -> int:
    shown = 0
    for name, title in (
        ("figures.json", "SQLite, make run's REST channel"),
        ("figures_postgres.json", "PostgreSQL, Redis lock store, production REST channel"),
    ):
        path = ROOT / "results" / "safety" / name
        if path.exists():
            print(f"safety figures ({title}; results/safety/{name}):")
            print("\n".join(lines(json.loads(path.read_text()))))
            shown += 1
    return 0 if shown else 1


if __name__ == "__main__":
    sys.exit(main())
