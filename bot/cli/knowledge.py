"""python -m bot knowledge check | knowledge show ID"""

from __future__ import annotations

import argparse
import sys

from bot.knowledge import loader as knowledge


def cmd_knowledge_check(args: argparse.Namespace) -> int:
    try:
        kb = knowledge.load()
        from bot.reasoning.threshold import rules_for
        from bot.walks.check_plan import Plan

        rules_for(kb, Plan(kb))  # the threshold rules, checked against the check plan
        from bot.walks.training import load_library

        load_library(kb)
    except knowledge.KnowledgeError as exc:
        print(f"knowledge check: {len(exc.problems)} problem(s):", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    if not args.quiet:
        print("knowledge check: OK")
        for kind, n in kb.counts().items():
            print(f"  {kind:28} {n}")
        unset = [u for p in kb.profiles.values() for u in p.unset_settings()]
        print(f"  settings for councils to fill in: {len(unset)} (phone, url and hours left null in profiles/)")
        print(f"  active profile: {kb.profile.id} ({kb.profile.name})")
    return 0


def cmd_knowledge_show(args: argparse.Namespace) -> int:
    try:
        kb = knowledge.load()
    except knowledge.KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return 1
    item = kb.items.get(args.id)
    if item is None:
        close = [i for i in kb.items if args.id.lower() in i][:10]
        print(
            f"No item has id '{args.id}'." + (f" Did you mean: {', '.join(close)}?" if close else ""), file=sys.stderr
        )
        return 1
    print(f"{item.id} ({item.kind}, {item.file})")
    print(f"{item.name}")
    print(item.text)
    for attr in ("mitigation", "how_to_use", "when", "consent"):
        if getattr(item, attr, ""):
            print(f"{attr.replace('_', ' ').capitalize()}: {getattr(item, attr)}")
    for attr in ("reflective_questions", "signs", "aliases", "levels"):
        if getattr(item, attr, ()):
            print(f"{attr.replace('_', ' ').capitalize()}: " + "; ".join(getattr(item, attr)))
    if getattr(item, "indicators", None):
        for band, inds in item.indicators.items():
            print(f"  {band}: " + "; ".join(inds))
    print(f"Source: {kb.cite_item(item)}")
    return 0


def register(sub) -> None:
    kn = sub.add_parser("knowledge", help="validate and read knowledge/")
    ksub = kn.add_subparsers(dest="command", required=True)
    chk = ksub.add_parser("check", help="validate everything and print counts per area (exit 1 on any problem)")
    chk.add_argument("--quiet", action="store_true", help="print only problems")
    chk.set_defaults(func=cmd_knowledge_check)
    show = ksub.add_parser("show", help="print one item with its source")
    show.add_argument("id")
    show.set_defaults(func=cmd_knowledge_show)
