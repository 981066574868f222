"""python -m bot training export TRAINEE_ID [--channel rest] [--format csv|json] [--out FILE]
                     training list [--scenarios]

For trainers: a trainee's practice results (every attempt, every answer with its score and
the model answer, and a summary of progress), and who has used training mode. TRAINEE_ID
is the trainee's id on their channel (the REST sender id, or the user id a channel passes).
Training records hold practice answers about invented families only, never case records.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from bot.knowledge import loader as knowledge


def _service():
    from bot.walks.training import TrainingService

    return TrainingService()


def cmd_export(args: argparse.Namespace) -> int:
    from bot.walks.training import CSV_COLUMNS, export_rows

    try:
        data = _service().export(args.channel, args.trainee_id)
    except knowledge.KnowledgeError as exc:
        print(f"training export: {exc}", file=sys.stderr)
        return 1
    if data is None:
        print(
            f"training export: no training results for trainee '{args.trainee_id}' on channel '{args.channel}'. "
            "`python -m bot training list` shows who has some.",
            file=sys.stderr,
        )
        return 1
    if args.format == "json":
        out = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(export_rows(data))
        out = buf.getvalue()
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
        summary = data["summary"]
        print(f"exported {summary['attempts_started']} attempt(s) of {args.trainee_id} to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    try:
        service = _service()
    except knowledge.KnowledgeError as exc:
        print(f"training list: {exc}", file=sys.stderr)
        return 1
    if args.scenarios:
        for sc in service.library.scenarios:
            kinds = ", ".join(st.ask for st in sc.steps)
            print(f"{sc.ref}  {sc.title} ({sc.who}; {len(sc.steps)} steps: {kinds})")
        print(f"{len(service.library.scenarios)} scenario(s) in knowledge/training.yml")
        return 0
    rows = service.trainees()
    if not rows:
        print("No one has used training mode yet.")
        return 0
    print(
        f"{'trainee':30} {'channel':10} {'attempts':>8} {'completed':>9} {'scenarios':>9} {'average':>7}  last activity"
    )
    for r in rows:
        avg = f"{r['average_percent']}%" if r["average_percent"] is not None else "-"
        print(
            f"{r['trainee'][:30]:30} {r['channel'][:10]:10} {r['attempts']:>8} {r['completed']:>9} "
            f"{r['scenarios_completed']:>9} {avg:>7}  {r['last_activity'] or ''}"
        )
    return 0


def register(sub) -> None:
    tr = sub.add_parser("training", help="practice scenarios: trainees' results for trainers")
    tsub = tr.add_subparsers(dest="command", required=True)
    exp = tsub.add_parser("export", help="a trainee's results as CSV (one row per answer) or JSON")
    exp.add_argument("trainee_id", metavar="TRAINEE_ID", help="the trainee's id on their channel (REST: the sender)")
    exp.add_argument("--channel", default="rest", help="the channel the trainee used (default: rest)")
    exp.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    exp.add_argument("--out", help="write to this file instead of standard output")
    exp.set_defaults(func=cmd_export)
    lst = tsub.add_parser("list", help="everyone with training results (or --scenarios: the scenario library)")
    lst.add_argument("--scenarios", action="store_true", help="list the practice scenarios instead")
    lst.set_defaults(func=cmd_list)
