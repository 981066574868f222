"""python -m bot faq generate [--check] | faq answer KEY"""

from __future__ import annotations

import argparse
import sys

from bot.knowledge import faq
from bot.knowledge.loader import KnowledgeError, load


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        kb = load()
        stale = faq.generate(kb, check_only=args.check)
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.check:
        if stale:
            print("out of date (run `python -m bot faq generate`): " + ", ".join(stale), file=sys.stderr)
            return 1
        print("faq: generated files are up to date")
        return 0
    print("faq: wrote " + (", ".join(stale) if stale else "nothing (already up to date)"))
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    text = faq.answer_text(args.key, load())
    if text is None:
        print(f"No topic '{args.key}'.", file=sys.stderr)
        return 1
    print(text)
    return 0


def register(sub) -> None:
    p = sub.add_parser("faq", help="questions about neglect practice (knowledge/faq.yml)")
    fs = p.add_subparsers(dest="command", required=True)
    g = fs.add_parser("generate", help="write data/nlu/faq.yml and the faq responses in domain.yml")
    g.add_argument("--check", action="store_true", help="only report whether they are up to date (exit 1 if not)")
    g.set_defaults(func=cmd_generate)
    a = fs.add_parser("answer", help="print the answer of a topic, e.g. drift")
    a.add_argument("key")
    a.set_defaults(func=cmd_answer)
