"""python -m bot export CASE_REF --user USER_ID [--channel rest] [--out DIR]
                    chronology CASE_REF --user USER_ID [--channel rest]
                    distance CASE_REF --user USER_ID [--channel rest] [--chart FILE]
                    overview --user USER_ID [--channel rest]
                    users set-role USER_ID --role supervisor --team TEAM [--channel rest]
                    users list [--team TEAM]

Reports read the records as the given user would see them in the chat: their own cases,
and for a supervisor the cases of their team (bot/reports/views.py). Every report is audited.
"""

from __future__ import annotations

import argparse
import sys

from bot.records.store import ROLES
from bot.reports.views import ReportError, Reports, list_users, set_role


def _fail(area: str, exc: Exception) -> int:
    print(f"{area}: {exc}", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    try:
        paths = Reports().export(args.channel, args.user, args.reference, args.out)
    except ReportError as exc:
        return _fail("export", exc)
    for p in paths:
        print(p)
    return 0


def cmd_chronology(args: argparse.Namespace) -> int:
    try:
        texts = Reports().chronology_texts(args.channel, args.user, args.reference, create_user=False)
    except ReportError as exc:
        return _fail("chronology", exc)
    print("\n\n".join(texts))
    return 0


def cmd_distance(args: argparse.Namespace) -> int:
    from bot.reports.chart import distance_chart

    try:
        data, rules = Reports().distance_data(args.channel, args.user, args.reference, create_user=False)
    except ReportError as exc:
        return _fail("distance", exc)
    print("\n\n".join(text for _, _, _, text in data))
    if args.chart:
        for n, (case, _, cmp_, _) in enumerate(data):
            path = args.chart if n == 0 else f"{args.chart.rsplit('.', 1)[0]}-{case.owner_id}.png"
            print(distance_chart(case.reference, cmp_.checks, rules).save(path), file=sys.stderr)
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    try:
        print(Reports().overview_text(args.channel, args.user, create_user=False))
    except ReportError as exc:
        return _fail("overview", exc)
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    try:
        role, team = set_role(args.channel, args.user_id, args.role, args.team, clear_team=args.no_team)
    except ReportError as exc:
        return _fail("users set-role", exc)
    print(f"{args.channel}:{args.user_id} is now a {role}" + (f" in team {team}" if team else " with no team"))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    rows = list_users(team=args.team)
    if not rows:
        print("no users" + (f" in team {args.team}" if args.team else ""))
    for who, role, team, cases in rows:
        print(f"{who:40} {role:13} {team or '-':20} {cases} case{'s' if cases != 1 else ''}")
    return 0


def _who(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", required=True, help="the user's id on the channel (the REST sender id)")
    p.add_argument("--channel", default="rest", help="the user's channel (default: rest)")


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="write a case's summaries, distance travelled and chronology (text) and its " "chart (PNG)"
    )
    p.add_argument("reference", help="the case reference, e.g. ABC-12")
    _who(p)
    p.add_argument("--out", default=".", help="the folder to write to (default: the current folder)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("chronology", help="print a case's chronology: checks, sessions, levels, actions")
    p.add_argument("reference", help="the case reference, e.g. ABC-12")
    _who(p)
    p.set_defaults(func=cmd_chronology)

    p = sub.add_parser("distance", help="print what changed between a case's checks (scores per area of care)")
    p.add_argument("reference", help="the case reference, e.g. ABC-12")
    _who(p)
    p.add_argument("--chart", help="also write the chart to this PNG file")
    p.set_defaults(func=cmd_distance)

    p = sub.add_parser(
        "overview", help="a supervisor's team cases (or a practitioner's own): last level, overdue " "actions, drift"
    )
    _who(p)
    p.set_defaults(func=cmd_overview)

    users = sub.add_parser("users", help="roles and teams: who is a supervisor, and of which team")
    usub = users.add_subparsers(dest="command", required=True)
    p = usub.add_parser("set-role", help="set a user's role and team (the user is added if new)")
    p.add_argument("user_id", help="the user's id on the channel (the REST sender id)")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--team", help="the team (a supervisor sees the cases of everyone in it)")
    p.add_argument("--no-team", action="store_true", help="take the user out of their team")
    p.add_argument("--channel", default="rest", help="the user's channel (default: rest)")
    p.set_defaults(func=cmd_set_role)
    p = usub.add_parser("list", help="list users with their role, team and number of cases")
    p.add_argument("--team", help="only this team")
    p.set_defaults(func=cmd_list)
