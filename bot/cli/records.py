"""python -m bot records purge [--days N] [--dry-run]
                    records export-case REF --user USER_ID [--channel rest] [--out FILE]
                    records delete-case REF --user USER_ID [--channel rest] --yes

The retention rule is described in bot/records/retention.py and docs/what_this_is.md. Every purge,
export and deletion is written to the audit log.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.records import caseref, retention


def cmd_purge(args: argparse.Namespace) -> int:
    try:
        report = retention.purge(args.days, dry_run=args.dry_run)
    except retention.RetentionError as exc:
        print(f"records purge: {exc}", file=sys.stderr)
        return 2
    print(("dry run, nothing changed: " if report.dry_run else "purged ") + report.describe())
    for table, n in sorted(report.deleted.items()):
        print(f"  {table:24} {n}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        data = retention.export_case(args.channel, args.user, args.reference)
    except retention.RetentionError as exc:
        print(f"records export-case: {exc}", file=sys.stderr)
        return 1
    out = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if args.out:
        Path(args.out).write_text(out + "\n", encoding="utf-8")
        print(f"exported case {data['case']['reference']} to {args.out}", file=sys.stderr)
    else:
        print(out)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        try:
            recs = retention.case_records(args.channel, args.user, args.reference)
        except retention.RetentionError as exc:
            print(f"records delete-case: {exc}", file=sys.stderr)
            return 1
        counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(recs.rows.items())) or "no other rows"
        print(
            f"This would delete case {recs.case['reference']} ({counts}, {len(recs.conversation)} conversation "
            "events). Nothing was deleted: add --yes to delete.",
            file=sys.stderr,
        )
        return 2
    try:
        deleted = retention.delete_case(args.channel, args.user, args.reference)
    except retention.RetentionError as exc:
        print(f"records delete-case: {exc}", file=sys.stderr)
        return 1
    print(f"deleted case {caseref.normalise(args.reference)}:")
    for table, n in sorted(deleted.items()):
        print(f"  {table:24} {n}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """records migrate: the explicit migration step (the action server runs it at start)."""
    from bot.records import migrate

    at = migrate.migrate()
    print(f"records database at revision {at} (head {migrate.head()})")
    return 0


def register(sub) -> None:
    rec = sub.add_parser(
        "records", help="the schema, and retention: migrate, purge old records, export or delete a case on request"
    )
    rsub = rec.add_subparsers(dest="command", required=True)
    m = rsub.add_parser("migrate", help="bring the records database (DATABASE_URL) to the newest schema")
    m.set_defaults(func=cmd_migrate)
    p = rsub.add_parser("purge", help="delete records older than the retention period (RETENTION_DAYS)")
    p.add_argument("--days", type=int, default=None, help="the retention period in days (default: RETENTION_DAYS)")
    p.add_argument("--dry-run", action="store_true", help="count what would be deleted, change nothing")
    p.set_defaults(func=cmd_purge)
    for name, func, helptext in (
        ("export-case", cmd_export, "print a case's records as JSON"),
        ("delete-case", cmd_delete, "delete a case and everything that belongs to it"),
    ):
        c = rsub.add_parser(name, help=helptext)
        c.add_argument("reference", help="the case reference, e.g. ABC-12")
        c.add_argument("--user", required=True, help="the owner's user id on the channel (the REST sender id)")
        c.add_argument("--channel", default="rest", help="the owner's channel (default: rest)")
        if name == "export-case":
            c.add_argument("--out", help="write the JSON to this file instead of standard output")
        else:
            c.add_argument("--yes", action="store_true", help="really delete (without it: say what would go)")
        c.set_defaults(func=func)
